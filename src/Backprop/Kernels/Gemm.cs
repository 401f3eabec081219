using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Kernels;

/// <summary>General matrix multiply on row-major spans.</summary>
internal static class Gemm
{
    /// <summary>
    /// C = α·op(A)·op(B) + β·C, where op(A) is [m, k] (A stored [k, m] when <paramref name="transA"/>)
    /// and op(B) is [k, n] (B stored [n, k] when <paramref name="transB"/>). β = 0 overwrites C.
    /// The reduction over k runs in one fixed order, so results never depend on threading.
    /// </summary>
    public static void Run<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, T beta, Span<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        c = c[..(m * n)];
        if (beta == T.Zero) c.Clear();
        else if (beta != T.One) TensorPrimitives.Multiply(c, beta, c);
        if (k == 0) return;

        if (!transB)
        {
            // C[i, :] += α·A(i, p) · B[p, :]
            for (int i = 0; i < m; i++)
            {
                var row = c.Slice(i * n, n);
                for (int p = 0; p < k; p++)
                {
                    T aip = alpha * (transA ? a[p * m + i] : a[i * k + p]);
                    TensorPrimitives.FusedMultiplyAdd(b.Slice(p * n, n), aip, row, row);
                }
            }
            return;
        }

        // C[i, j] += α·⟨A(i, :), B[j, :]⟩
        T[]? aT = null;
        if (transA)
        {
            aT = new T[m * k];
            for (int p = 0; p < k; p++)
                for (int i = 0; i < m; i++) aT[i * k + p] = a[p * m + i];
            a = aT;
        }
        for (int i = 0; i < m; i++)
        {
            var ai = a.Slice(i * k, k);
            for (int j = 0; j < n; j++) c[i * n + j] += alpha * TensorPrimitives.Dot(ai, b.Slice(j * k, k));
        }
    }
}
