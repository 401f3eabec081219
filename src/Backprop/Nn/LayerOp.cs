using System.Numerics;
using Backprop.Autograd;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>
/// A module's plan step as one graph node (as <c>torch.autograd.Function</c> wraps a kernel): Y = step(X) forward; backward runs the
/// step's own backward, which overwrites the module's parameter gradients with this call's, so the gradients already there are kept
/// aside and added back (several uses of a parameter sum), and dL/dX is added into X's gradient. The layer's math exists once, in its step.
/// </summary>
internal sealed class LayerOp<T> : Node<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Module<T> _module;
    private readonly LayerStep<T> _step;
    private readonly Tensor<T> _x;
    private readonly Tensor<T>[] _parameters;

    private LayerOp(Module<T> module, LayerStep<T> step, Tensor<T> x, Tensor<T>[] parameters) : base([x, .. parameters])
    {
        _module = module; _step = step; _x = x; _parameters = parameters;
    }

    /// <summary>Y = module(X) through <paramref name="step"/> (made for X's rows), recorded when a gradient is needed.</summary>
    public static Tensor<T> Apply(Module<T> module, LayerStep<T> step, Tensor<T> x)
    {
        int rows = x.Shape[0];
        step.Forward(x.Span, rows, training: module.IsTraining);
        var y = new Tensor<T>(new Shape(rows, step.Outputs), step.Output[..(rows * step.Outputs)].ToArray());
        var parameters = module.Parameters().ToArray();
        return GradMode.IsEnabled && (x.RequiresGrad || parameters.Any(p => p.RequiresGrad)) ? Record(y, new LayerOp<T>(module, step, x, parameters)) : y;
    }

    /// <summary>Y = module(X) for a batch [N, width]: the module's step for N rows, or an error naming the module and shape.</summary>
    public static Tensor<T> Apply(Module<T> module, Tensor<T> x) =>
        TryApply(module, x) ?? throw new InvalidOperationException($"{module} has no step to run.");

    /// <summary>As <see cref="Apply(Module{T}, Tensor{T})"/>, or null when the module has no step (a container of a module without one).</summary>
    public static Tensor<T>? TryApply(Module<T> module, Tensor<T> x)
    {
        if (x.Rank != 2 || module.InputWidth is int w && x.Shape[1] != w)
            throw new ArgumentException($"{module} got input {x.Shape}; it needs [N, {module.InputWidth?.ToString() ?? "features"}].");
        return module.CreateStep(x.Shape[1], Math.Max(x.Shape[0], 1)) is { } step ? Apply(module, step, x) : null;
    }

    public override string Name => _module.ToString() ?? "layer";

    protected internal override void Backward(Tensor<T> y, Tensor<T> dy)
    {
        int rows = _x.Shape[0];
        var kept = _parameters.Select(p => p.Grad?.Span.ToArray()).ToArray();
        var dx = _x.RequiresGrad ? new T[_x.Length] : null;
        _step.Backward(_x.Span, dy.Span.ToArray(), dx, rows);
        for (int i = 0; i < _parameters.Length; i++)
            if (kept[i] is { } before) Kernels.Elementwise.AddInPlace(_parameters[i].Grad!.Span, before);
        if (dx is not null) AccumulateGrad(_x, dx);
    }
}
