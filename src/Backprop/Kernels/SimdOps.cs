using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using AI = System.Runtime.CompilerServices.MethodImplAttribute;

namespace Backprop.Kernels;

/// <summary>
/// The few vector operations the GEMM needs, as static abstracts so one generic kernel compiles to
/// Vector512/256/128 code for float and double (the JIT specialises each struct instantiation).
/// </summary>
internal unsafe interface ISimdOps<TV, T> where TV : unmanaged where T : unmanaged
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }
    static abstract TV Load(T* p);
    static abstract void Store(T* p, TV v);
    /// <summary>All lanes = *p.</summary>
    static abstract TV Splat(T* p);
    static abstract TV Splat(T x);
    /// <summary>a·b + c with one rounding.</summary>
    static abstract TV Fma(TV a, TV b, TV c);
    static abstract TV Mul(TV a, TV b);
}

internal unsafe struct F512 : ISimdOps<Vector512<float>, float>
{
    public static int Count => Vector512<float>.Count;
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(float* p) => Vector512.Load(p);
    [AI(MethodImplOptions.AggressiveInlining)] public static void Store(float* p, Vector512<float> v) => v.Store(p);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Splat(float* p) => Vector512.Create(*p);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Splat(float x) => Vector512.Create(x);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Mul(Vector512<float> a, Vector512<float> b) => a * b;
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
}

internal unsafe struct D512 : ISimdOps<Vector512<double>, double>
{
    public static int Count => Vector512<double>.Count;
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Load(double* p) => Vector512.Load(p);
    [AI(MethodImplOptions.AggressiveInlining)] public static void Store(double* p, Vector512<double> v) => v.Store(p);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Splat(double* p) => Vector512.Create(*p);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Splat(double x) => Vector512.Create(x);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Fma(Vector512<double> a, Vector512<double> b, Vector512<double> c) => Vector512.FusedMultiplyAdd(a, b, c);
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Mul(Vector512<double> a, Vector512<double> b) => a * b;
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
}
