using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>
/// Elementwise arithmetic with NumPy broadcasting over tensors: shapes padded on the left to rank 4, row-major strides with 0
/// on broadcast dimensions, and each output row handed to a kernel on spans (the binary ops call these).
/// </summary>
internal static class Broadcast
{
    /// <summary>f(a, b) over the broadcast of the two shapes, into a new tensor.</summary>
    public static Tensor<T> Binary<T, TFn>(Tensor<T> a, Tensor<T> b, string op)
        where T : unmanaged, IFloatingPointIeee754<T> where TFn : IBinaryFn<T>
    {
        if (a.Shape == b.Shape)
        {
            var same = new Tensor<T>(a.Shape);
            TFn.Apply(a.Span, b.Span, same.Span);
            return same;
        }
        var y = new Tensor<T>(Shape.Broadcast(a.Shape, b.Shape, op));
        Span<int> dims = stackalloc int[Shape.MaxRank], sa = stackalloc int[Shape.MaxRank], sb = stackalloc int[Shape.MaxRank];
        Padded(y.Shape, dims);
        BroadcastStrides(a.Shape, sa);
        BroadcastStrides(b.Shape, sb);
        ReadOnlySpan<T> ad = a.Span, bd = b.Span;
        Span<T> yd = y.Span;
        int n = dims[3], o = 0;
        for (int i0 = 0; i0 < dims[0]; i0++)
            for (int i1 = 0; i1 < dims[1]; i1++)
                for (int i2 = 0; i2 < dims[2]; i2++, o += n)
                {
                    int oa = i0 * sa[0] + i1 * sa[1] + i2 * sa[2], ob = i0 * sb[0] + i1 * sb[1] + i2 * sb[2];
                    var row = yd.Slice(o, n);
                    if (sa[3] == 1 && sb[3] == 1) TFn.Apply(ad.Slice(oa, n), bd.Slice(ob, n), row);
                    else if (sa[3] == 1) TFn.Apply(ad.Slice(oa, n), bd[ob], row);
                    else if (sb[3] == 1) TFn.Apply(ad[oa], bd.Slice(ob, n), row);
                    else row.Fill(TFn.Apply(ad[oa], bd[ob]));
                }
        return y;
    }

    /// <summary>
    /// Adds <paramref name="grad"/> (of the broadcast shape) into <paramref name="dest"/> (of a shape that broadcasts to it),
    /// summing over the broadcast dimensions: the backward of broadcasting.
    /// </summary>
    public static void AccumulateReduced<T>(Tensor<T> grad, Tensor<T> dest) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (grad.Shape == dest.Shape) { Elementwise.AddInPlace(dest.Span, grad.Span); return; }
        Span<int> dims = stackalloc int[Shape.MaxRank], sd = stackalloc int[Shape.MaxRank];
        Padded(grad.Shape, dims);
        BroadcastStrides(dest.Shape, sd);
        ReadOnlySpan<T> g = grad.Span;
        Span<T> d = dest.Span;
        int n = dims[3], o = 0;
        for (int i0 = 0; i0 < dims[0]; i0++)
            for (int i1 = 0; i1 < dims[1]; i1++)
                for (int i2 = 0; i2 < dims[2]; i2++, o += n)
                {
                    int od = i0 * sd[0] + i1 * sd[1] + i2 * sd[2];
                    var row = g.Slice(o, n);
                    if (sd[3] == 1) Elementwise.AddInPlace(d.Slice(od, n), row);
                    else d[od] += TensorPrimitives.Sum(row);
                }
    }

    /// <summary>The dimensions of <paramref name="shape"/> padded with leading 1s to rank 4.</summary>
    private static void Padded(Shape shape, Span<int> dims)
    {
        int pad = Shape.MaxRank - shape.Rank;
        for (int i = 0; i < Shape.MaxRank; i++) dims[i] = i < pad ? 1 : shape[i - pad];
    }

    /// <summary>Strides of <paramref name="shape"/> aligned to rank 4 from the right; a dimension of size 1 gets stride 0 (it broadcasts).</summary>
    private static void BroadcastStrides(Shape shape, Span<int> strides)
    {
        int pad = Shape.MaxRank - shape.Rank, stride = 1;
        for (int i = Shape.MaxRank - 1; i >= 0; i--)
        {
            int d = i < pad ? 1 : shape[i - pad];
            strides[i] = d == 1 ? 0 : stride;
            stride *= d;
        }
    }
}
