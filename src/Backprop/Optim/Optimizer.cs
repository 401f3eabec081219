using System.Numerics;
using System.Runtime.CompilerServices;
using Backprop.Tensors;

namespace Backprop.Optim;

/// <summary>
/// Updates parameters from their gradients (PyTorch's <c>torch.optim.Optimizer</c>). An optimizer keeps its state — the
/// number of steps taken and any per-parameter buffers such as Adam's moments — for as long as it lives, so training
/// continues where it left off; <see cref="State"/> and <see cref="LoadState"/> copy that state out and back in.
/// </summary>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<(string Name, T[][] Values)> _buffers = [];
    private double _lr;

    /// <summary>An optimizer over the given parameters with learning rate <paramref name="lr"/>.</summary>
    protected Optimizer(IEnumerable<Tensor<T>> parameters, double lr)
    {
        Params = parameters.ToArray();
        foreach (var p in Params)
            if (!p.RequiresGrad) throw new ArgumentException($"{Kind}: parameter {p.Name ?? p.Shape.ToString()} does not require a gradient.");
        LearningRate = lr;
    }

    /// <summary>The parameters updated by <see cref="Step()"/>.</summary>
    public IReadOnlyList<Tensor<T>> Parameters => Params;

    /// <summary>The parameters as an array, for loops that must not allocate an enumerator.</summary>
    protected Tensor<T>[] Params { get; }

    /// <summary>The learning rate (PyTorch's <c>lr</c>), a finite number ≥ 0 (0 as a cosine schedule ends); a schedule may change it between steps.</summary>
    public double LearningRate
    {
        get => _lr;
        set
        {
            if (!(value >= 0) || double.IsInfinity(value))
                throw new ArgumentOutOfRangeException(nameof(LearningRate), $"{Kind}: learning rate must be a finite number ≥ 0; got {value}.");
            _lr = value;
        }
    }

    /// <summary>
    /// The momentum a schedule such as <c>OneCycleLR</c> cycles (PyTorch's <c>momentum</c> or <c>betas[0]</c>): μ of SGD and RMSprop — 0 when
    /// built without momentum, and setting it above 0 switches momentum on, as a PyTorch scheduler writing <c>group["momentum"]</c> does —
    /// and β₁ of Adam and AdamW; null when the optimizer has neither (Adagrad, L-BFGS). Set it only where it is not null.
    /// </summary>
    public virtual double? CyclicMomentum
    {
        get => null;
        set => throw new InvalidOperationException($"{Kind} has no momentum or β₁ to set.");
    }

    /// <summary>Checks a momentum set by a schedule: a finite number in [0, 1).</summary>
    private protected double CheckCyclic(double? value) => value is >= 0 and < 1 ? value.Value
        : throw new ArgumentOutOfRangeException(nameof(CyclicMomentum), $"{Kind}: a cycled momentum must lie in [0, 1); got {value?.ToString() ?? "null"}.");

    /// <summary>How many updates <see cref="Step()"/> has applied (PyTorch's <c>state["step"]</c>).</summary>
    public long Steps { get; private set; }

    /// <summary>Applies one update from the current gradients and counts it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step()
    {
        Steps++;
        Update();
    }

    /// <summary>
    /// Whether the optimizer needs <see cref="Step(Func{T})"/>, because it evaluates the loss several times per step (L-BFGS):
    /// <c>Trainer.Fit</c> then trains full batch, one step per epoch.
    /// </summary>
    public virtual bool RequiresClosure => false;

    /// <summary>
    /// PyTorch's <c>optimizer.step(closure)</c>: <paramref name="closure"/> evaluates the loss at the current parameters and leaves its
    /// gradient in every parameter's Grad (overwritten, not added to). Returns the loss of the first evaluation, before the update;
    /// by default one evaluation and one <see cref="Step()"/>.
    /// </summary>
    public virtual T Step(Func<T> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        T loss = closure();
        Step();
        return loss;
    }

    /// <summary>The update rule: one step from the parameters' current gradients; <see cref="Steps"/> already counts it.</summary>
    protected abstract void Update();

    /// <summary>A per-parameter buffer of the optimizer's state (zeros, one array per parameter), registered under <paramref name="name"/> for <see cref="State"/>.</summary>
    protected T[][] Buffer(string name)
    {
        T[][] values = [.. Params.Select(p => new T[p.Length])];
        _buffers.Add((name, values));
        return values;
    }

    /// <summary>A copy of the state: the step count and every buffer (by PyTorch's name, e.g. <c>exp_avg</c>), one array per parameter.</summary>
    public OptimizerState<T> State() => new(Steps, CopyBuffers());

    /// <summary>Puts back a state taken by <see cref="State"/> from an optimizer of the same kind over parameters of the same sizes.</summary>
    public void LoadState(OptimizerState<T> state)
    {
        LoadBuffers(state.Buffers);
        Steps = state.Steps;
    }

    /// <summary>A copy of every buffer by name: the per-parameter buffers of <see cref="Buffer"/>, unless an optimizer keeps other state.</summary>
    protected virtual IReadOnlyDictionary<string, T[][]> CopyBuffers() => _buffers.ToDictionary(b => b.Name, b => b.Values.Select(v => (T[])v.Clone()).ToArray());

    /// <summary>Checks <paramref name="buffers"/> against the optimizer's own (names and sizes), then copies them in; throws, changing nothing, when they differ.</summary>
    protected virtual void LoadBuffers(IReadOnlyDictionary<string, T[][]> buffers)
    {
        if (buffers.Count != _buffers.Count || _buffers.Any(b => !buffers.ContainsKey(b.Name)))
            throw new ArgumentException($"{Kind}: the state holds buffers [{string.Join(", ", buffers.Keys)}]; expected [{string.Join(", ", _buffers.Select(b => b.Name))}].");
        foreach (var (name, values) in _buffers)
        {
            var given = buffers[name];
            if (given.Length != values.Length)
                throw new ArgumentException($"{Kind}: state buffer {name} holds {given.Length} parameters; expected {values.Length}.");
            for (int k = 0; k < values.Length; k++)
                if (given[k].Length != values[k].Length)
                    throw new ArgumentException($"{Kind}: state buffer {name} holds {given[k].Length} values for parameter {Params[k].Name ?? Params[k].Shape.ToString()}; expected {values[k].Length}.");
        }
        foreach (var (name, values) in _buffers)
            for (int k = 0; k < values.Length; k++) buffers[name][k].CopyTo(values[k], 0);
    }

    private string Kind => GetType().Name.Split('`')[0];

    /// <summary><paramref name="value"/> if it is a finite number ≥ 0; else an error naming the hyper-parameter (PyTorch's <paramref name="name"/>) and the value.</summary>
    protected double NonNegative(double value, string name) =>
        value >= 0 && !double.IsInfinity(value) ? value : throw new ArgumentOutOfRangeException(name, $"{Kind}: {name} must be a finite number ≥ 0; got {value}.");

    /// <summary><paramref name="value"/> if it lies in [0, 1); else an error naming the hyper-parameter (PyTorch's <paramref name="name"/>) and the value.</summary>
    protected double Fraction(double value, string name) =>
        value is >= 0 and < 1 ? value : throw new ArgumentOutOfRangeException(name, $"{Kind}: {name} must lie in [0, 1); got {value}.");

    /// <summary>The buffer's array for parameter <paramref name="k"/>, or an empty span when the buffer is not kept.</summary>
    protected static Span<T> Slot(T[][]? buffer, int k) => buffer is null ? default : buffer[k];

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Params) p.ZeroGrad();
    }
}
