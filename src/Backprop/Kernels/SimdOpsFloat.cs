using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using AI = System.Runtime.CompilerServices.MethodImplAttribute;

namespace Backprop.Kernels;

// ISimdOps for float at 512, 256 and 128 bits (masked edges use AVX/AVX-512 masked moves where available).

internal unsafe struct F512 : ISimdOps<Vector512<float>, float>
{
    public static int Count => Vector512<float>.Count;
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(float* p) => Vector512.Load(p);
    [AI(MethodImplOptions.AggressiveInlining)] public static void Store(float* p, Vector512<float> v) => v.Store(p);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Splat(float* p) => Vector512.Create(*p);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Splat(float x) => Vector512.Create(x);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Mul(Vector512<float> a, Vector512<float> b) => a * b;
    /// <inheritdoc/>
    public static Vector512<float> LoadFirst(float* p, int n)
    {
        if (Avx512F.IsSupported) return Avx512F.MaskLoad(p, Mask(n), default);
        var v = Vector512<float>.Zero;
        for (int i = 0; i < n; i++) v = v.WithElement(i, p[i]);
        return v;
    }
    /// <inheritdoc/>
    public static void StoreFirst(float* p, Vector512<float> v, int n)
    {
        if (Avx512F.IsSupported) Avx512F.MaskStore(p, Mask(n), v);
        else for (int i = 0; i < n; i++) p[i] = v[i];
    }
    static Vector512<float> Mask(int n) => Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(n)).AsSingle();
}

internal unsafe struct F256 : ISimdOps<Vector256<float>, float>
{
    public static int Count => Vector256<float>.Count;
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(float* p) => Vector256.Load(p);
    [AI(MethodImplOptions.AggressiveInlining)] public static void Store(float* p, Vector256<float> v) => v.Store(p);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Splat(float* p) => Vector256.Create(*p);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Splat(float x) => Vector256.Create(x);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Mul(Vector256<float> a, Vector256<float> b) => a * b;
    /// <inheritdoc/>
    public static Vector256<float> LoadFirst(float* p, int n)
    {
        if (Avx.IsSupported) return Avx.MaskLoad(p, Mask(n));
        var v = Vector256<float>.Zero;
        for (int i = 0; i < n; i++) v = v.WithElement(i, p[i]);
        return v;
    }
    /// <inheritdoc/>
    public static void StoreFirst(float* p, Vector256<float> v, int n)
    {
        if (Avx.IsSupported) Avx.MaskStore(p, Mask(n), v);
        else for (int i = 0; i < n; i++) p[i] = v[i];
    }
    static Vector256<float> Mask(int n) => Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(n)).AsSingle();
}

internal unsafe struct F128 : ISimdOps<Vector128<float>, float>
{
    public static int Count => Vector128<float>.Count;
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Load(float* p) => Vector128.Load(p);
    [AI(MethodImplOptions.AggressiveInlining)] public static void Store(float* p, Vector128<float> v) => v.Store(p);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Splat(float* p) => Vector128.Create(*p);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Splat(float x) => Vector128.Create(x);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Fma(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.FusedMultiplyAdd(a, b, c);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Mul(Vector128<float> a, Vector128<float> b) => a * b;
    /// <inheritdoc/>
    public static Vector128<float> LoadFirst(float* p, int n)
    {
        if (Avx.IsSupported) return Avx.MaskLoad(p, Mask(n));
        var v = Vector128<float>.Zero;
        for (int i = 0; i < n; i++) v = v.WithElement(i, p[i]);
        return v;
    }
    /// <inheritdoc/>
    public static void StoreFirst(float* p, Vector128<float> v, int n)
    {
        if (Avx.IsSupported) Avx.MaskStore(p, Mask(n), v);
        else for (int i = 0; i < n; i++) p[i] = v[i];
    }
    static Vector128<float> Mask(int n) => Vector128.LessThan(Vector128<int>.Indices, Vector128.Create(n)).AsSingle();
}
