using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>
/// Inverted dropout (PyTorch's <c>nn.Dropout</c>): in training mode each value is zeroed with probability <see cref="P"/> and the
/// others are scaled by 1/(1 − p), so the expected output equals the input; in evaluation mode it is the identity. The masks come from
/// a generator seeded at construction, so the same seed gives the same sequence of masks, on the graph and on a layer plan alike.
/// </summary>
public sealed class Dropout<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Rng _rng;
    private readonly T _scale;

    /// <summary>Dropout with probability <paramref name="p"/> in [0, 1) of zeroing a value, masks drawn from <paramref name="seed"/>.</summary>
    public Dropout(double p, ulong seed = 0)
    {
        if (!(p >= 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), $"Dropout: the probability p must be in [0, 1); got {p}.");
        P = p;
        _rng = new Rng(seed);
        _scale = T.CreateTruncating(1 / (1 - p));
    }

    /// <summary>The generator of the masks, whose state a checkpoint saves.</summary>
    public override Rng Generator => _rng;

    /// <summary>The probability of zeroing a value.</summary>
    public double P { get; }

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> x) => !IsTraining || P == 0 ? x : LayerOp<T>.Apply(this, x);

    /// <summary>The next mask from the generator: each value 0 with probability p, else 1/(1 − p).</summary>
    internal void FillMask(Span<T> mask)
    {
        for (int i = 0; i < mask.Length; i++) mask[i] = _rng.NextDouble() < P ? T.Zero : _scale;
    }

    /// <inheritdoc/>
    public override LayerStep<T> CreateStep(int inputs, int maxRows) => new DropoutStep<T>(this, inputs, maxRows);

    /// <inheritdoc/>
    public override ModuleConfig Config => new DropoutConfig(P);

    /// <inheritdoc/>
    public override bool DependsOnTheBatch => P > 0;

    /// <summary>None: the identity outside training takes no place in the PyTorch module list a model file describes (so the state names
    /// of a model with dropout are those of the same model without it, as files written before dropout was saved have them).</summary>
    public override int TorchModules => 0;

    /// <summary>Explain face: y = x at evaluation (said in a note), y = x ⊙ mask/(1 − p) in training.</summary>
    public override Tensor<T> Explain(Tensor<T> x, ExplainTrace<T> trace)
    {
        var y = Forward(x);
        trace.Forward("y", ReferenceEquals(x, y) ? "y = x" : "y = x ⊙ mask/(1 − p)", y, ReferenceEquals(x, y) ? "y = x" : @"y = x \odot m/(1 - p)");
        if (ReferenceEquals(x, y)) trace.Note($"{this} is the identity at evaluation (no values are dropped)");
        trace.Jacobian(ReferenceEquals(x, y) ? "∂y[j]/∂x[j] = 1" : "∂y[j]/∂x[j] = mask[j]/(1 − p)");
        return y;
    }

    /// <inheritdoc/>
    public override IEnumerable<string> Torch(int inputs) => [];

    /// <inheritdoc/>
    public override string WriteOnnx(IOnnxGraph graph, string x) => x; // the identity outside training

    /// <summary><c>Dropout(p=0.2)</c>.</summary>
    public override string ToString() => $"Dropout(p={P.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
}

/// <summary>A <see cref="Dropout{T}"/>'s settings: the probability of zeroing a value (the masks' seed is not saved: a loaded model draws from seed 0).</summary>
/// <param name="P">In [0, 1).</param>
public sealed record DropoutConfig(double P = 0.5) : ModuleConfig
{
    /// <inheritdoc/>
    public override Module<T> Build<T>(IReadOnlyList<Module<T>> children) => new Dropout<T>(P);
}
