using System.Numerics;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>
/// A fully connected layer: Z = X·W + b, A = f(Z), for X [N, in], W [in, out], b [out].
/// The matrix product, bias and activation run as one fused op with one backward.
/// </summary>
public sealed class Dense<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A layer with seeded random weights (by default chosen for the activation) and zero bias (random for <see cref="Initializer.TorchLinear"/> and <see cref="Initializer.SklearnUniform"/>); null <paramref name="init"/> is <see cref="Initializer.Default"/>.</summary>
    public Dense(int inputs, int outputs, Activation? activation, Rng rng, Initializer? init = null)
    {
        if (inputs < 1 || outputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), $"Dense({inputs} -> {outputs}): sizes must be at least 1.");
        Activation = activation ?? Activation.Identity;
        var kind = (init ?? Initializer.Default).For(Activation);
        W = kind.Weights<T>(inputs, outputs, rng);
        B = kind.Bias<T>(inputs, outputs, rng);
        W.RequiresGrad = B.RequiresGrad = true;
    }

    /// <summary>A layer with seeded random weights from an explicit seed.</summary>
    public Dense(int inputs, int outputs, Activation? activation = null, ulong seed = 0, Initializer? init = null)
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
    protected override IEnumerable<StateEntry> OwnState => [new TensorState<T>("weight", W, Transposed: true), new TensorState<T>("bias", B)];

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> x) => LayerOp<T>.Apply(this, x);

    /// <summary>The fused kernel for this layer's activation (softmax runs after an identity kernel).</summary>
    internal IDenseKernel<T> Kernel => _kernel ??= Activation.DenseKernel<T>();

    private IDenseKernel<T>? _kernel;

    /// <inheritdoc/>
    public override int? InputWidth => Inputs;

    /// <inheritdoc/>
    public override int OutputWidth(int inputs) => Outputs;

    /// <inheritdoc/>
    public override IEnumerable<int> LayerSizes(int inputs) => [Outputs];

    /// <inheritdoc/>
    public override LayerStep<T> CreateStep(int inputs, int maxRows) => new DenseStep<T>(this, maxRows);

    /// <inheritdoc/>
    public override ModuleConfig Config => new DenseConfig(Inputs, Outputs, Activation.ToString());

    /// <inheritdoc/>
    public override int TorchModules => Activation.IsIdentity ? 1 : 2;

    /// <inheritdoc/>
    public override IEnumerable<string> Torch(int inputs) =>
        Activation.Info.Torch is { } f ? [$"Linear({Inputs}, {Outputs})", f] : [$"Linear({Inputs}, {Outputs})"];

    /// <inheritdoc/>
    public override string? WriteOnnx(IOnnxGraph graph, string x) // Z = X·W + b with W [in, out] as stored: no transposition
    {
        var z = graph.Node("Gemm", [x, graph.Constant("W", OnnxValues.View(W), Inputs, Outputs), graph.Constant("b", OnnxValues.View(B), Outputs)]);
        return graph.Activation(Activation, z) ?? throw new NotSupportedException($"activation {Activation} has no ONNX form; register one with OnnxActivations.Register");
    }

    /// <summary>Explain face: z = x·W + b by this layer's kernel without its activation (the same W and b), then a = f(z); backward
    /// δ = dL/dz, dW = xᵀ·δ, db = Σ_rows δ and dL/dx = δ·Wᵀ from the autograd graph; its local derivatives for <c>--paths</c>.</summary>
    public override Tensor<T> Explain(Tensor<T> x, ExplainTrace<T> trace)
    {
        var z = Activation.IsIdentity ? Forward(x) : new Dense<T>(W, B).Forward(x);
        trace.Forward("z", "z = x·W + b", z, @"z = x W + b");
        var a = Activation.IsIdentity ? z : new ActivationLayer<T>(Activation).Forward(z);
        if (!Activation.IsIdentity)
        {
            trace.Forward("a", $"a = {Activation}(z)", a, $@"a = \mathrm{{{Activation}}}(z)");
            trace.Backward("dL/da", "dL/da", a, @"\partial L/\partial a");
        }
        trace.Backward("δ", Activation.IsIdentity ? "δ = dL/dz" : "δ = dL/dz = dL/da ⊙ f'(z)", z, @"\delta = \partial L/\partial z");
        trace.Gradient("dW", "dW = xᵀ·δ", "w", @"dW = x^\top \delta");
        trace.Gradient("db", "db = Σ_rows δ", "b", @"db = \sum_{\text{rows}} \delta");
        trace.Backward("dL/dx", "dL/dx = δ·Wᵀ", x, @"\partial L/\partial x = \delta W^\top");
        trace.Jacobian(Activation.IsIdentity ? "∂z[j]/∂x[i] = w[i,j], ∂z[j]/∂w[i,j] = x[i], ∂z[j]/∂b[j] = 1"
            : Activation.IsElementwise ? $"∂a[j]/∂x[i] = w[i,j]·f'(z[j]), ∂a[j]/∂w[i,j] = x[i]·f'(z[j]), ∂a[j]/∂b[j] = f'(z[j]), with {Activation.Info.Derivative}"
            : "∂a[q]/∂x[i] = Σⱼ ∂a[q]/∂z[j]·w[i,j], ∂a[q]/∂w[i,j] = ∂a[q]/∂z[j]·x[i], ∂a[q]/∂b[j] = ∂a[q]/∂z[j]");
        return a;
    }

    /// <summary>Describes the layer: <c>Dense(2 -> 32, relu)</c>.</summary>
    public override string ToString() => $"Dense({Inputs} -> {Outputs}, {Activation})";
}

/// <summary>A <see cref="Dense{T}"/> layer's settings: its sizes and activation (by registered name, <c>leaky_relu:0.1</c>).</summary>
/// <param name="Inputs">Values per input row.</param>
/// <param name="Outputs">Values per output row.</param>
/// <param name="Activation">The activation's name.</param>
public sealed record DenseConfig(int Inputs, int Outputs, string Activation = "identity") : ModuleConfig
{
    /// <inheritdoc/>
    public override Module<T> Build<T>(IReadOnlyList<Module<T>> children)
    {
        if (Inputs < 1 || Outputs < 1) throw new ArgumentException($"Dense({Inputs} -> {Outputs}): sizes must be at least 1.");
        if (((long)Inputs + 1) * Outputs > ParameterBudget.Limit)
            throw new ArgumentException($"Dense({Inputs} -> {Outputs}) has more parameters than the budget of {ParameterBudget.Limit} ({ParameterBudget.Variable}).");
        return new Dense<T>(Tensor<T>.Zeros(Inputs, Outputs), Tensor<T>.Zeros(Outputs), Nn.Activation.Parse(Activation));
    }

    /// <inheritdoc/>
    public override long Values => ((long)Math.Max(Inputs, 0) + 1) * Math.Max(Outputs, 0);
}
