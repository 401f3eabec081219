using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Optim;

/// <summary>
/// Adam (Kingma and Ba, 2015): m := β₁m + (1 - β₁)g, v := β₂v + (1 - β₂)g², w := w - λ·m̂ / (√v̂ + ε)
/// with the bias corrections m̂ = m / (1 - β₁ᵗ), v̂ = v / (1 - β₂ᵗ).
/// </summary>
public sealed class Adam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _m, _v;
    private int _t;

    /// <summary>Adam with learning rate λ (default 0.001) and the usual β₁ = 0.9, β₂ = 0.999, ε = 1e-8.</summary>
    public Adam(IEnumerable<Tensor<T>> parameters, double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(parameters)
    {
        if (!(learningRate > 0) || double.IsInfinity(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), $"Adam: learning rate must be a positive number; got {learningRate}.");
        if (!(beta1 is >= 0 and < 1) || !(beta2 is >= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(beta1), $"Adam: β₁ and β₂ must lie in [0, 1); got {beta1} and {beta2}.");
        LearningRate = learningRate; Beta1 = beta1; Beta2 = beta2; Epsilon = epsilon;
        _m = [.. Params.Select(p => new T[p.Length])];
        _v = [.. Params.Select(p => new T[p.Length])];
    }

    /// <summary>λ</summary>
    public double LearningRate { get; }

    /// <summary>Decay of the first moment.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the second moment.</summary>
    public double Beta2 { get; }

    /// <summary>Added to √v̂ against division by zero.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    public override void Step()
    {
        _t++;
        T b1 = T.CreateTruncating(Beta1), b2 = T.CreateTruncating(Beta2), eps = T.CreateTruncating(Epsilon);
        T c1 = T.One / (T.One - T.CreateTruncating(Math.Pow(Beta1, _t)));
        T c2 = T.One / (T.One - T.CreateTruncating(Math.Pow(Beta2, _t)));
        T lr = T.CreateTruncating(LearningRate);
        for (int k = 0; k < Params.Length; k++)
        {
            if (Params[k].Grad is not { } grad) continue;
            Span<T> w = Params[k].Span, m = _m[k], v = _v[k];
            ReadOnlySpan<T> g = grad.Span;
            for (int i = 0; i < w.Length; i++)
            {
                m[i] = b1 * m[i] + (T.One - b1) * g[i];
                v[i] = b2 * v[i] + (T.One - b2) * g[i] * g[i];
                w[i] -= lr * (m[i] * c1) / (T.Sqrt(v[i] * c2) + eps);
            }
        }
    }
}
