using System.Numerics;

namespace Backprop.Kernels;

/// <summary>The gradient of an L1 penalty λ·Σ|w|: g += λ·sign(w) (0 at w = 0, as PyTorch's abs), vectorised.</summary>
internal static class SignPenalty
{
    /// <summary>g += λ·sign(w).</summary>
    public static void AddScaledSign<T>(Span<T> g, ReadOnlySpan<T> w, T lambda) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            Vector<T> up = new(lambda), down = -up;
            for (; i <= w.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(w[i..]);
                var sign = Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<T>.Zero), up,
                    Vector.ConditionalSelect(Vector.LessThan(v, Vector<T>.Zero), down, Vector<T>.Zero));
                (new Vector<T>(g[i..]) + sign).CopyTo(g[i..]);
            }
        }
        for (; i < w.Length; i++) g[i] += w[i] > T.Zero ? lambda : w[i] < T.Zero ? -lambda : T.Zero;
    }
}
