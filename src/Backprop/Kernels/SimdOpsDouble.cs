using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using AI = System.Runtime.CompilerServices.MethodImplAttribute;

namespace Backprop.Kernels;

// ISimdOps for double at 512, 256 and 128 bits (masked edges use AVX/AVX-512 masked moves where available).

internal unsafe struct D512 : ISimdOps<Vector512<double>, double>
{
    public static int Count => Vector512<double>.Count;
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Load(double* p) => Vector512.Load(p);
    [AI(MethodImplOptions.AggressiveInlining)] public static void Store(double* p, Vector512<double> v) => v.Store(p);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Splat(double* p) => Vector512.Create(*p);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Splat(double x) => Vector512.Create(x);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Fma(Vector512<double> a, Vector512<double> b, Vector512<double> c) => Vector512.FusedMultiplyAdd(a, b, c);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Mul(Vector512<double> a, Vector512<double> b) => a * b;
    /// <inheritdoc/>
    public static Vector512<double> LoadFirst(double* p, int n)
    {
        if (Avx512F.IsSupported) return Avx512F.MaskLoad(p, Mask(n), default);
        var v = Vector512<double>.Zero;
        for (int i = 0; i < n; i++) v = v.WithElement(i, p[i]);
        return v;
    }
    /// <inheritdoc/>
    public static void StoreFirst(double* p, Vector512<double> v, int n)
    {
        if (Avx512F.IsSupported) Avx512F.MaskStore(p, Mask(n), v);
        else for (int i = 0; i < n; i++) p[i] = v[i];
    }
    static Vector512<double> Mask(int n) => Vector512.LessThan(Vector512<long>.Indices, Vector512.Create((long)n)).AsDouble();
}

internal unsafe struct D256 : ISimdOps<Vector256<double>, double>
{
    public static int Count => Vector256<double>.Count;
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Load(double* p) => Vector256.Load(p);
    [AI(MethodImplOptions.AggressiveInlining)] public static void Store(double* p, Vector256<double> v) => v.Store(p);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Splat(double* p) => Vector256.Create(*p);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Splat(double x) => Vector256.Create(x);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Fma(Vector256<double> a, Vector256<double> b, Vector256<double> c) => Vector256.FusedMultiplyAdd(a, b, c);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Mul(Vector256<double> a, Vector256<double> b) => a * b;
    /// <inheritdoc/>
    public static Vector256<double> LoadFirst(double* p, int n)
    {
        if (Avx.IsSupported) return Avx.MaskLoad(p, Mask(n));
        var v = Vector256<double>.Zero;
        for (int i = 0; i < n; i++) v = v.WithElement(i, p[i]);
        return v;
    }
    /// <inheritdoc/>
    public static void StoreFirst(double* p, Vector256<double> v, int n)
    {
        if (Avx.IsSupported) Avx.MaskStore(p, Mask(n), v);
        else for (int i = 0; i < n; i++) p[i] = v[i];
    }
    static Vector256<double> Mask(int n) => Vector256.LessThan(Vector256<long>.Indices, Vector256.Create((long)n)).AsDouble();
}

internal unsafe struct D128 : ISimdOps<Vector128<double>, double>
{
    public static int Count => Vector128<double>.Count;
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Load(double* p) => Vector128.Load(p);
    [AI(MethodImplOptions.AggressiveInlining)] public static void Store(double* p, Vector128<double> v) => v.Store(p);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Splat(double* p) => Vector128.Create(*p);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Splat(double x) => Vector128.Create(x);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Fma(Vector128<double> a, Vector128<double> b, Vector128<double> c) => Vector128.FusedMultiplyAdd(a, b, c);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Mul(Vector128<double> a, Vector128<double> b) => a * b;
    /// <inheritdoc/>
    public static Vector128<double> LoadFirst(double* p, int n)
    {
        if (Avx.IsSupported) return Avx.MaskLoad(p, Mask(n));
        var v = Vector128<double>.Zero;
        for (int i = 0; i < n; i++) v = v.WithElement(i, p[i]);
        return v;
    }
    /// <inheritdoc/>
    public static void StoreFirst(double* p, Vector128<double> v, int n)
    {
        if (Avx.IsSupported) Avx.MaskStore(p, Mask(n), v);
        else for (int i = 0; i < n; i++) p[i] = v[i];
    }
    static Vector128<double> Mask(int n) => Vector128.LessThan(Vector128<long>.Indices, Vector128.Create((long)n)).AsDouble();
}
