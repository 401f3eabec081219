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
    internal static void Run<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, T beta, Span<T> c, ComputeOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Run(transA, transB, m, n, k, alpha, a, b, beta, c, [], [], default(NoEpilogue), options);

    /// <summary>
    /// The dense layer's forward in one product: Z = X·W + b (b added to each row before the sum over k is rounded into it,
    /// as if Z started as b), then A = f(Z) from the micro-kernel's registers as each tile's last k-block ends.
    /// X [m, k], W [k, n], b [n], Z and A [m, n]; an empty A skips the activation.
    /// </summary>
    internal static void Dense<T, TOp>(TOp op, int m, int n, int k, ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> bias,
        Span<T> z, Span<T> a, ComputeOptions options)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : IActivationOperator<T>
    {
        if (bias.Length < n || !a.IsEmpty && a.Length < (long)m * n) throw new ArgumentException($"Dense {m}×{n}×{k}: bias of {bias.Length} or A of {a.Length} elements too short.");
        Run(false, false, m, n, k, T.One, x, w, T.One, z, bias, a, new ActivationEpilogue<T, TOp>(op), options);
    }

    /// <summary>C = α·op(A)·op(B) + (bias row by row, when given, else β·C); then activated = f(C) through the epilogue, when given.</summary>
    static unsafe void Run<T, TE>(bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, T beta, Span<T> c, ReadOnlySpan<T> bias, Span<T> activated, TE epi, ComputeOptions options)
        where T : unmanaged, IFloatingPointIeee754<T> where TE : struct, IGemmEpilogue
    {
        Check(m, n, k, a.Length, b.Length, c.Length);
        if (m == 0 || n == 0) return;
        c = c[..(m * n)];
        bool plain = bias.IsEmpty && activated.IsEmpty;
        if (k == 0 && plain)
        {
            if (beta == T.Zero) c.Clear();
            else if (beta != T.One) TensorPrimitives.Multiply(c, beta, c);
            return;
        }
        fixed (T* pa = a, pb = b, pc = c, pBias = bias, pAct = activated)
        {
            var g = new GemmProblem<T> { A = pa, B = pb, C = pc, M = m, N = n, K = k, TransA = transA, TransB = transB, Alpha = alpha, Beta = beta, Bias = pBias, Activated = pAct };
            int bits = Width(options.MaxVectorBits, n, sizeof(T));
            if (k == 0) Naive(g, epi);
            else if (typeof(T) == typeof(float)) RunFloat(ref Unsafe.As<GemmProblem<T>, GemmProblem<float>>(ref g), bits, epi, options);
            else if (typeof(T) == typeof(double)) RunDouble(ref Unsafe.As<GemmProblem<T>, GemmProblem<double>>(ref g), bits, epi, options);
            else Naive(g, epi);
        }
    }

    static void RunFloat<TE>(ref GemmProblem<float> g, int bits, TE epi, ComputeOptions options) where TE : struct, IGemmEpilogue
    {
        if (g.M == 1 && !g.TransB)
        {
            if (bits >= 512) GemvJob<F512, Vector512<float>, float, TE>.Run(g, epi, options);
            else if (bits >= 256) GemvJob<F256, Vector256<float>, float, TE>.Run(g, epi, options);
            else GemvJob<F128, Vector128<float>, float, TE>.Run(g, epi, options);
            return;
        }
        if (bits >= 512) GemmJob<F512, Vector512<float>, float, TE>.Run(ref g, epi, options);
        else if (bits >= 256) GemmJob<F256, Vector256<float>, float, TE>.Run(ref g, epi, options);
        else GemmJob<F128, Vector128<float>, float, TE>.Run(ref g, epi, options);
    }

    static void RunDouble<TE>(ref GemmProblem<double> g, int bits, TE epi, ComputeOptions options) where TE : struct, IGemmEpilogue
    {
        if (g.M == 1 && !g.TransB)
        {
            if (bits >= 512) GemvJob<D512, Vector512<double>, double, TE>.Run(g, epi, options);
            else if (bits >= 256) GemvJob<D256, Vector256<double>, double, TE>.Run(g, epi, options);
            else GemvJob<D128, Vector128<double>, double, TE>.Run(g, epi, options);
            return;
        }
        if (bits >= 512) GemmJob<D512, Vector512<double>, double, TE>.Run(ref g, epi, options);
        else if (bits >= 256) GemmJob<D256, Vector256<double>, double, TE>.Run(ref g, epi, options);
        else GemmJob<D128, Vector128<double>, double, TE>.Run(ref g, epi, options);
    }

    /// <summary>Halves the width while a tile (two vectors wide) would be more than half padding: n ≤ NR/2.</summary>
    static int Width(int bits, int n, int elementSize)
    {
        while (bits > 128 && n <= bits / 8 / elementSize) bits /= 2;
        return bits;
    }

    /// <summary>
    /// C[i, j] = α·Σ_p op(A)[i, p]·op(B)[p, j] + (bias[j] or β·C[i, j]), then Activated[i, j] = f(C[i, j]), for element types
    /// without a SIMD kernel (and k = 0).
    /// </summary>
    static unsafe void Naive<T, TE>(in GemmProblem<T> g, TE epi) where T : unmanaged, IFloatingPointIeee754<T> where TE : struct, IGemmEpilogue
    {
        for (int i = 0; i < g.M; i++)
            for (int j = 0; j < g.N; j++)
            {
                T s = T.Zero;
                for (int p = 0; p < g.K; p++)
                    s += (g.TransA ? g.A[(nint)p * g.M + i] : g.A[(nint)i * g.K + p]) * (g.TransB ? g.B[(nint)j * g.K + p] : g.B[(nint)p * g.N + j]);
                T* c = g.C + (nint)i * g.N + j;
                *c = g.Bias != null ? g.Alpha * s + g.Bias[j] : g.Beta == T.Zero ? g.Alpha * s : g.Alpha * s + g.Beta * *c;
                if (g.Activated != null) g.Activated[(nint)i * g.N + j] = epi.Apply(*c);
            }
    }

    static void Check(int m, int n, int k, int aLength, int bLength, int cLength)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentOutOfRangeException(nameof(m), $"Gemm: negative size {m}×{n}×{k}.");
        if (aLength < (long)m * k || bLength < (long)k * n || cLength < (long)m * n)
            throw new ArgumentException($"Gemm {m}×{n}×{k}: spans of {aLength}, {bLength}, {cLength} elements are too short.");
    }
}
