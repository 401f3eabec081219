using System.Numerics;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Nn.Activations;

/// <summary>
/// Softmax over the last axis: a[j] = e^z[j] / Σₖ e^z[k];  ∂a[q]/∂z[j] = a[q](δ_qj - a[j]). Row-wise, not elementwise:
/// a Dense layer runs its identity kernel and then softmax over each row (<see cref="ForwardRows"/>).
/// </summary>
public sealed class Softmax() : Activation(new("softmax", "Softmax(dim=1)", "Softmax", Initializer.GlorotUniform,
    "softmax(z)", "a_q(δ - a)", "a_q(δ - a)", "a[j] = e^z[j] / Σₖ e^z[k]"))
{
    /// <summary>Not available: softmax needs rows. Apply it to a tensor (<see cref="Tensor{T}.Softmax"/>).</summary>
    public override void Forward<T>(ReadOnlySpan<T> x, Span<T> y) => throw RowWise();

    /// <summary>Not available: softmax needs rows.</summary>
    public override void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) => throw RowWise();

    internal override Tensor<T> Apply<T>(Tensor<T> x) => x.Softmax();

    internal override IDenseKernel<T> DenseKernel<T>() => new DenseKernel<T, Identity.Op<T>>(default);

    /// <summary>a = softmax(z) per row (z − max first, so e^z never overflows).</summary>
    public override void ForwardRows<T>(ReadOnlySpan<T> x, Span<T> y, int width) => Rows.Softmax(x, y, width);

    /// <summary>dz = a ⊙ (da − Σⱼ aⱼ daⱼ) per row.</summary>
    public override void BackwardRows<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int width)
        => Rows.SoftmaxBackward(y, dy, dx, width, accumulate: false);

    private static NotSupportedException RowWise() => new("softmax is row-wise, not elementwise: apply it to a tensor of rows.");
}
