using Backprop.Tensors;

namespace Backprop.Kernels;

/// <summary>Shapes padded on the left to rank 4, and row-major strides with 0 on broadcast dimensions.</summary>
internal static class Strides
{
    /// <summary>The dimensions of <paramref name="shape"/> padded with leading 1s to rank 4.</summary>
    public static void Padded(Shape shape, Span<int> dims)
    {
        int pad = Shape.MaxRank - shape.Rank;
        for (int i = 0; i < Shape.MaxRank; i++) dims[i] = i < pad ? 1 : shape[i - pad];
    }

    /// <summary>Strides of <paramref name="shape"/> aligned to rank 4 from the right; a dimension of size 1 gets stride 0 (it broadcasts).</summary>
    public static void Broadcast(Shape shape, Span<int> strides)
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
