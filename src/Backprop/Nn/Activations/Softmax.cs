using System.Numerics;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Nn.Activations;

/// <summary>
/// Softmax over the last axis: a[j] = e^z[j] / Σₖ e^z[k];  ∂a[q]/∂z[j] = a[q](δ_qj - a[j]). Row-wise, not elementwise:
/// a Dense layer runs its identity kernel and then softmax.
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

    internal override Tensor<T> AfterDense<T>(Tensor<T> a) => a.Softmax();

    private static NotSupportedException RowWise() => new("softmax is row-wise, not elementwise: apply it to a tensor of rows.");
}
