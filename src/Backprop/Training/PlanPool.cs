using System.Collections.Concurrent;
using System.Numerics;
using Backprop.Nn;

namespace Backprop.Training;

/// <summary>
/// Layer plans of one model for callers on many threads: a plan's buffers serve one call at a time, so each call rents a
/// plan and returns it. A lone caller always gets the same plan back (no allocation); a plan is made only when every
/// existing one is in use, so the pool holds as many plans as callers ever ran at once. Every plan of a model computes the
/// same bits: the same steps over buffers of the same size.
/// </summary>
internal sealed class PlanPool<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Module<T> _model;
    private LayerPlan<T>? _spare;                                   // the idle plan a lone caller takes and returns
    private readonly ConcurrentBag<LayerPlan<T>> _more = [];         // idle plans beyond one, made under concurrency

    /// <summary>A pool whose first plan is <paramref name="first"/>, made from <paramref name="model"/>.</summary>
    public PlanPool(Module<T> model, LayerPlan<T> first) => (_model, _spare, MaxRows) = (model, first, first.MaxRows);

    /// <summary>The rows every plan of the pool runs at once.</summary>
    public int MaxRows { get; }

    /// <summary>An idle plan, made when none is idle; give it back with <see cref="Return"/>.</summary>
    public LayerPlan<T> Rent() =>
        Interlocked.Exchange(ref _spare, null) ?? (_more.TryTake(out var plan) ? plan : LayerPlan<T>.TryCreate(_model, MaxRows)!);

    /// <summary>Puts <paramref name="plan"/> back for the next caller.</summary>
    public void Return(LayerPlan<T> plan)
    {
        if (Interlocked.CompareExchange(ref _spare, plan, null) is not null) _more.Add(plan);
    }
}
