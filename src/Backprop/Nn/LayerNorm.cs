using System.Globalization;
using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>
/// Layer normalisation over each row's features (PyTorch's <c>nn.LayerNorm(features)</c>): y = γ·x̂ + β, x̂ = (x − μ)/√(σ² + ε) with
/// μ and the biased σ² of the row, the same in training and evaluation (no running statistics). γ (<c>weight</c>, ones) and β
/// (<c>bias</c>, zeros) are parameters when <see cref="ElementwiseAffine"/>. Backward per row, with g = dy ⊙ γ and s = 1/√(σ² + ε):
/// dx = s·(g − mean(g) − x̂·mean(g ⊙ x̂)), dγ = Σ_rows dy ⊙ x̂, dβ = Σ_rows dy.
/// </summary>
public sealed class LayerNorm<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Normalises rows of <paramref name="features"/> values; PyTorch's defaults ε = 1e-5 and an elementwise affine.</summary>
    public LayerNorm(int features, double eps = 1e-5, bool elementwiseAffine = true)
    {
        if (features < 1) throw new ArgumentOutOfRangeException(nameof(features), $"LayerNorm: features must be at least 1; got {features}.");
        if (!(eps > 0) || double.IsInfinity(eps)) throw new ArgumentOutOfRangeException(nameof(eps), $"LayerNorm({features}): eps must be a positive number; got {eps}.");
        Features = features; Eps = eps; ElementwiseAffine = elementwiseAffine;
        Weight = Tensor<T>.Ones(features);
        Bias = Tensor<T>.Zeros(features);
        Weight.RequiresGrad = Bias.RequiresGrad = elementwiseAffine;
    }

    /// <summary>Values per row normalised.</summary>
    public int Features { get; }

    /// <summary>ε added to the variance.</summary>
    public double Eps { get; }

    /// <summary>Whether γ and β are learnt (else they stay 1 and 0).</summary>
    public bool ElementwiseAffine { get; }

    /// <summary>γ [features], PyTorch's <c>weight</c>.</summary>
    public Tensor<T> Weight { get; }

    /// <summary>β [features], PyTorch's <c>bias</c>.</summary>
    public Tensor<T> Bias { get; }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor<T> Value)> OwnParameters => ElementwiseAffine ? [("weight", Weight), ("bias", Bias)] : [];

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> x) => LayerOp<T>.Apply(this, x);

    /// <inheritdoc/>
    public override int? InputWidth => Features;

    /// <inheritdoc/>
    public override LayerStep<T> CreateStep(int inputs, int maxRows) => new Step(this, maxRows);

    /// <inheritdoc/>
    public override ModuleConfig Config => new LayerNormConfig(Features, Eps, ElementwiseAffine);

    /// <inheritdoc/>
    public override IEnumerable<string> Torch(int inputs) =>
        [$"LayerNorm({Features}, eps={Eps.ToString("R", CultureInfo.InvariantCulture)}{(ElementwiseAffine ? "" : ", elementwise_affine=False")})"];

    /// <inheritdoc/>
    public override string WriteOnnx(IOnnxGraph graph, string x) => // LayerNormalization over the last axis (opset 17)
        graph.Node("LayerNormalization", [x, graph.Constant("ln_scale", OnnxValues.View(Weight), Features), graph.Constant("ln_bias", OnnxValues.View(Bias), Features)],
            ("axis", -1L), ("epsilon", (float)Eps));

    /// <summary>Explain face: x̂ by this layer's step without γ and β, y = γ·x̂ + β by the layer itself; backward dL/dy, dγ, dβ and dL/dx
    /// from the autograd graph; its Jacobian's formula for <c>--paths</c>.</summary>
    public override Tensor<T> Explain(Tensor<T> x, ExplainTrace<T> trace)
    {
        Tensor<T> xhat;
        using (Autograd.GradMode.NoGrad()) xhat = new LayerNorm<T>(Features, Eps, elementwiseAffine: false).Forward(x.Detach());
        var y = Forward(x);
        trace.Forward("x̂", "x̂ = (x − mean(x))/√(var(x) + ε)", xhat, @"\hat{x} = (x - \mathrm{mean}(x))/\sqrt{\mathrm{var}(x) + \varepsilon}");
        trace.Forward("y", "y = γ·x̂ + β", y, @"y = \gamma \hat{x} + \beta");
        trace.Backward("dL/dy", "dL/dy", y, @"\partial L/\partial y");
        if (ElementwiseAffine)
        {
            trace.Gradient("dγ", "dγ = Σ_rows dL/dy ⊙ x̂", "weight", @"d\gamma = \sum_{\text{rows}} \partial L/\partial y \odot \hat{x}");
            trace.Gradient("dβ", "dβ = Σ_rows dL/dy", "bias", @"d\beta = \sum_{\text{rows}} \partial L/\partial y");
        }
        trace.Backward("dL/dx", "dL/dx = (g − mean(g) − x̂·mean(g ⊙ x̂))/√(var(x) + ε), g = dL/dy ⊙ γ", x,
            @"\partial L/\partial x = (g - \mathrm{mean}(g) - \hat{x}\,\mathrm{mean}(g \odot \hat{x}))/\sqrt{\mathrm{var}(x) + \varepsilon}");
        trace.Jacobian("every output reads every input of its row: ∂y[j]/∂x[i] = γ[j]·s·(δᵢⱼ − 1/n − x̂[i]·x̂[j]/n), s = 1/√(var(x) + ε), n = "
            + Features.ToString(CultureInfo.InvariantCulture) + (ElementwiseAffine ? "; ∂y[j]/∂γ[j] = x̂[j], ∂y[j]/∂β[j] = 1" : ""));
        return y;
    }

    /// <summary><c>LayerNorm(64)</c>.</summary>
    public override string ToString() => $"LayerNorm({Features.ToString(CultureInfo.InvariantCulture)})";

    // The forward and backward over buffers for maxRows rows: x̂ and s = 1/√(σ² + ε) kept per row for the backward.
    private sealed class Step(LayerNorm<T> layer, int maxRows) : LayerStep<T>(layer.Features, layer.Features, maxRows)
    {
        private readonly T[] _y = new T[maxRows * layer.Features], _xhat = new T[maxRows * layer.Features], _inverse = new T[maxRows];
        private readonly T[] _g = new T[layer.Features];
        private readonly T[]? _gammaGrad = layer.ElementwiseAffine ? null : new T[layer.Features], _betaGrad = layer.ElementwiseAffine ? null : new T[layer.Features];

        public override Span<T> Output => _y;

        public override void Forward(ReadOnlySpan<T> x, int rows, bool training)
        {
            int f = Inputs;
            T n = T.CreateTruncating(f), eps = T.CreateTruncating(layer.Eps);
            for (int r = 0; r < rows; r++)
            {
                var row = x.Slice(r * f, f);
                var xhat = _xhat.AsSpan(r * f, f);
                T mean = TensorPrimitives.Sum(row) / n;
                TensorPrimitives.Subtract(row, mean, xhat);                              // x − μ
                T variance = TensorPrimitives.SumOfSquares<T>(xhat) / n;                 // biased σ²
                T inverse = T.One / T.Sqrt(variance + eps);
                _inverse[r] = inverse;
                TensorPrimitives.Multiply(xhat, inverse, xhat);                          // x̂
                TensorPrimitives.FusedMultiplyAdd(xhat, layer.Weight.Span, layer.Bias.Span, _y.AsSpan(r * f, f)); // γ·x̂ + β
            }
        }

        public override void Backward(ReadOnlySpan<T> x, Span<T> dy, Span<T> dx, int rows)
        {
            int f = Inputs;
            T n = T.CreateTruncating(f);
            var dgamma = _gammaGrad ?? layer.Weight.GradBuffer().Span;
            var dbeta = _betaGrad ?? layer.Bias.GradBuffer().Span;
            dgamma.Clear(); dbeta.Clear();
            for (int r = 0; r < rows; r++)
            {
                var gy = dy.Slice(r * f, f);
                var xhat = _xhat.AsSpan(r * f, f);
                TensorPrimitives.FusedMultiplyAdd(gy, xhat, dgamma, dgamma);             // dγ += dy ⊙ x̂
                TensorPrimitives.Add(dbeta, gy, dbeta);                                  // dβ += dy
                if (dx.IsEmpty) continue;
                TensorPrimitives.Multiply(gy, layer.Weight.Span, _g);                    // g = dy ⊙ γ
                T meanG = TensorPrimitives.Sum<T>(_g) / n, meanGx = TensorPrimitives.Dot<T>(_g, xhat) / n;
                var d = dx.Slice(r * f, f);
                TensorPrimitives.Multiply(xhat, -meanGx, d);                             // −x̂·mean(g ⊙ x̂)
                TensorPrimitives.Add(d, _g, d);
                TensorPrimitives.Subtract(d, meanG, d);
                TensorPrimitives.Multiply(d, _inverse[r], d);                            // ·s
            }
        }
    }
}

/// <summary>A <see cref="LayerNorm{T}"/>'s settings, PyTorch's names and defaults.</summary>
/// <param name="Features">Values per row normalised.</param>
/// <param name="Eps">ε added to the variance.</param>
/// <param name="ElementwiseAffine">Whether γ and β are learnt.</param>
public sealed record LayerNormConfig(int Features, double Eps = 1e-5, bool ElementwiseAffine = true) : ModuleConfig
{
    /// <inheritdoc/>
    public override Module<T> Build<T>(IReadOnlyList<Module<T>> children) => new LayerNorm<T>(Features, Eps, ElementwiseAffine);

    /// <inheritdoc/>
    public override long Values => 2L * Math.Max(Features, 0);
}
