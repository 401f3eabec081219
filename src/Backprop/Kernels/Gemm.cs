using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Kernels;

/// <summary>General matrix multiply on row-major spans.</summary>
internal static class Gemm
{
    /// <summary>
    /// C = α·op(A)·op(B) + β·C, where op(A) is [m, k] (A stored [k, m] when <paramref name="transA"/>)
    /// and op(B) is [k, n] (B stored [n, k] when <paramref name="transB"/>). β = 0 overwrites C (even NaN).
    /// The reduction over k runs in one fixed order, so results never depend on threading.
    /// </summary>
    public static void Run<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, T beta, Span<T> c) where T : unmanaged, IFloatingPointIeee754<T>
        => Run(transA, transB, m, n, k, alpha, a, b, beta, c, ComputeSettings.Current);

    /// <summary>As <see cref="Run{T}(bool, bool, int, int, int, T, ReadOnlySpan{T}, ReadOnlySpan{T}, T, Span{T})"/>
    /// with explicit options instead of <see cref="ComputeSettings.Current"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Run<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, T beta, Span<T> c, ComputeOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(m, n, k, a.Length, b.Length, c.Length);
        if (m == 0 || n == 0) return;
        c = c[..(m * n)];
        if (k == 0)
        {
            if (beta == T.Zero) c.Clear();
            else if (beta != T.One) TensorPrimitives.Multiply(c, beta, c);
            return;
        }
        fixed (T* pa = a, pb = b, pc = c)
        {
            var g = new GemmProblem<T> { A = pa, B = pb, C = pc, M = m, N = n, K = k, TransA = transA, TransB = transB, Alpha = alpha, Beta = beta };
            int bits = Width(options.MaxVectorBits, n, sizeof(T));
            if (typeof(T) == typeof(float)) RunFloat(ref Unsafe.As<GemmProblem<T>, GemmProblem<float>>(ref g), bits, options);
            else if (typeof(T) == typeof(double)) RunDouble(ref Unsafe.As<GemmProblem<T>, GemmProblem<double>>(ref g), bits, options);
            else Naive(g);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void RunFloat(ref GemmProblem<float> g, int bits, ComputeOptions options)
    {
        if (g.M == 1 && !g.TransB)
        {
            if (bits >= 512) GemvJob<F512, Vector512<float>, float>.Run(g, options);
            else if (bits >= 256) GemvJob<F256, Vector256<float>, float>.Run(g, options);
            else GemvJob<F128, Vector128<float>, float>.Run(g, options);
            return;
        }
        if (bits >= 512) GemmJob<F512, Vector512<float>, float>.Run(ref g, options);
        else if (bits >= 256) GemmJob<F256, Vector256<float>, float>.Run(ref g, options);
        else GemmJob<F128, Vector128<float>, float>.Run(ref g, options);
    }

    static void RunDouble(ref GemmProblem<double> g, int bits, ComputeOptions options)
    {
        if (g.M == 1 && !g.TransB)
        {
            if (bits >= 512) GemvJob<D512, Vector512<double>, double>.Run(g, options);
            else if (bits >= 256) GemvJob<D256, Vector256<double>, double>.Run(g, options);
            else GemvJob<D128, Vector128<double>, double>.Run(g, options);
            return;
        }
        if (bits >= 512) GemmJob<D512, Vector512<double>, double>.Run(ref g, options);
        else if (bits >= 256) GemmJob<D256, Vector256<double>, double>.Run(ref g, options);
        else GemmJob<D128, Vector128<double>, double>.Run(ref g, options);
    }

    /// <summary>Halves the width while a tile (two vectors wide) would be more than half padding: n ≤ NR/2.</summary>
    static int Width(int bits, int n, int elementSize)
    {
        while (bits > 128 && n <= bits / 8 / elementSize) bits /= 2;
        return bits;
    }

    /// <summary>C[i, j] = α·Σ_p op(A)[i, p]·op(B)[p, j] + β·C[i, j] for element types without a SIMD kernel.</summary>
    static unsafe void Naive<T>(in GemmProblem<T> g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < g.M; i++)
            for (int j = 0; j < g.N; j++)
            {
                T s = T.Zero;
                for (int p = 0; p < g.K; p++)
                    s += (g.TransA ? g.A[(nint)p * g.M + i] : g.A[(nint)i * g.K + p]) * (g.TransB ? g.B[(nint)j * g.K + p] : g.B[(nint)p * g.N + j]);
                T* c = g.C + (nint)i * g.N + j;
                *c = g.Beta == T.Zero ? g.Alpha * s : g.Alpha * s + g.Beta * *c;
            }
    }

    static void Check(int m, int n, int k, int aLength, int bLength, int cLength)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentOutOfRangeException(nameof(m), $"Gemm: negative size {m}×{n}×{k}.");
        if (aLength < (long)m * k || bLength < (long)k * n || cLength < (long)m * n)
            throw new ArgumentException($"Gemm {m}×{n}×{k}: spans of {aLength}, {bLength}, {cLength} elements are too short.");
    }
}
