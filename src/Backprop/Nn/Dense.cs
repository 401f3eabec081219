using System.Numerics;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>
/// A fully connected layer: Z = X·W + b, A = f(Z), for X [N, in], W [in, out], b [out].
/// The matrix product, bias and activation run as one fused op with one backward.
/// </summary>
public sealed class Dense<T> : Module<T>, IPlannableLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A layer with seeded random weights (by default chosen for the activation) and zero bias (random for <see cref="Initializer.TorchLinear"/> and <see cref="Initializer.SklearnUniform"/>).</summary>
    public Dense(int inputs, int outputs, Activation? activation, Rng rng, Initializer init = Initializer.Default)
    {
        if (inputs < 1 || outputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), $"Dense({inputs} -> {outputs}): sizes must be at least 1.");
        Activation = activation ?? Activation.Identity;
        var kind = init == Initializer.Default ? Init.DefaultFor(Activation) : init;
        W = Init.Weights<T>(kind, inputs, outputs, rng);
        B = Init.Bias<T>(kind, inputs, outputs, rng);
        W.RequiresGrad = B.RequiresGrad = true;
    }

    /// <summary>A layer with seeded random weights from an explicit seed.</summary>
    public Dense(int inputs, int outputs, Activation? activation = null, ulong seed = 0, Initializer init = Initializer.Default)
        : this(inputs, outputs, activation, new Rng(seed), init) { }

    /// <summary>A layer over the given weights [in, out] and bias [out] (used, not copied).</summary>
    public Dense(Tensor<T> w, Tensor<T> b, Activation? activation = null)
    {
        if (w.Rank != 2 || b.Rank != 1 || b.Shape[0] != w.Shape[1])
            throw new ArgumentException($"Dense: weight {w.Shape} and bias {b.Shape} do not fit (want [in, out] and [out]).");
        Activation = activation ?? Activation.Identity;
        W = w; B = b;
        W.RequiresGrad = B.RequiresGrad = true;
    }

    /// <summary>Weights [in, out].</summary>
    public Tensor<T> W { get; }

    /// <summary>Bias [out].</summary>
    public Tensor<T> B { get; }

    /// <summary>The activation applied to Z.</summary>
    public Activation Activation { get; }

    /// <summary>Number of inputs.</summary>
    public int Inputs => W.Shape[0];

    /// <summary>Number of outputs.</summary>
    public int Outputs => W.Shape[1];

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor<T> Value)> OwnParameters => [("w", W), ("b", B)];

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> x) => Activation.AfterDense(Ops.Dense<T>.Apply(x, W, B, Kernel, Activation.ToString()));

    /// <summary>The fused kernel for this layer's activation (softmax runs after an identity kernel).</summary>
    internal IDenseKernel<T> Kernel => _kernel ??= Activation.DenseKernel<T>();

    private IDenseKernel<T>? _kernel;

    int? IPlannableLayer<T>.InputWidth => Inputs;

    LayerStep<T>? IPlannableLayer<T>.CreateStep(int inputs, int maxRows)
        => !Activation.IsElementwise ? null : new DenseStep<T>(this, maxRows);

    /// <summary>Describes the layer: <c>Dense(2 -> 32, relu)</c>.</summary>
    public override string ToString() => $"Dense({Inputs} -> {Outputs}, {Activation})";
}
