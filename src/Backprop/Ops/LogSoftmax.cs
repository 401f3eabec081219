using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Backprop.Autograd;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>yᵢ = xᵢ - log Σⱼ e^{xⱼ} over the last axis (stable: max subtracted first);  dL/dxᵢ = dL/dyᵢ - softmax(x)ᵢ Σⱼ dL/dyⱼ</summary>
internal sealed class LogSoftmax<T>(Tensor<T> x) : Node<T>(x) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T> Apply(Tensor<T> x)
    {
        if (x.Rank == 0 || x.Shape[-1] == 0) throw new ArgumentException(x.Rank == 0 ? "LogSoftmax needs at least one axis; got a scalar." : $"LogSoftmax needs a non-empty last axis; got {x.Shape}.");
        var y = new Tensor<T>(x.Shape);
        Kernels.Rows.LogSoftmax<T>(x.Span, y.Span, x.Shape[-1]);
        return GradMode.Needs(x) ? Record(y, new LogSoftmax<T>(x)) : y;
    }

    public override string Name => "log_softmax";

    protected internal override void Backward(Tensor<T> y, Tensor<T> dy)
    {
        int cols = x.Shape[-1];
        var dx = x.GradBuffer().Span;
        for (int r = 0; r < x.Length / cols; r++)
        {
            var yr = y.Span.Slice(r * cols, cols);
            var dyr = dy.Span.Slice(r * cols, cols);
            T total = TensorPrimitives.Sum<T>(dyr);
            for (int i = 0; i < cols; i++) dx[r * cols + i] += dyr[i] - T.Exp(yr[i]) * total;
        }
    }
}
