using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using AI = System.Runtime.CompilerServices.MethodImplAttribute;

namespace Backprop.Kernels;

/// <summary><see cref="ILaneMath{TV, T}"/> over <c>Vector256&lt;T&gt;</c> (T = float or double; the type tests fold away when compiled).</summary>
public readonly struct Lanes256<T> : ILaneMath<Vector256<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static int Count => Vector256<T>.Count;
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Load(ref T source, nuint index) => Vector256.LoadUnsafe(ref source, index);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static void Store(Vector256<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Splat(T value) => Vector256.Create(value);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Add(Vector256<T> a, Vector256<T> b) => a + b;
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Subtract(Vector256<T> a, Vector256<T> b) => a - b;
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Multiply(Vector256<T> a, Vector256<T> b) => a * b;
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Divide(Vector256<T> a, Vector256<T> b) => a / b;
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Negate(Vector256<T> a) => -a;
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Abs(Vector256<T> a) => Vector256.Abs(a);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Sqrt(Vector256<T> a) => Vector256.Sqrt(a);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Max(Vector256<T> a, Vector256<T> b) => Vector256.Max(a, b);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Min(Vector256<T> a, Vector256<T> b) => Vector256.Min(a, b);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<T> CopySign(Vector256<T> magnitude, Vector256<T> sign) => Vector256.CopySign(magnitude, sign);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<T> IfGreater(Vector256<T> a, Vector256<T> b, Vector256<T> then, Vector256<T> otherwise) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(a, b), then, otherwise);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<T> MultiplyAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c) =>
        typeof(T) == typeof(float) ? Vector256.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>()
        : Vector256.FusedMultiplyAdd(Double(a), Double(b), Double(c)).As<double, T>();
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Exp(Vector256<T> a) =>
        typeof(T) == typeof(float) ? Vector256.Exp(a.As<T, float>()).As<float, T>() : Vector256.Exp(Double(a)).As<double, T>();
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Log(Vector256<T> a) =>
        typeof(T) == typeof(float) ? Vector256.Log(a.As<T, float>()).As<float, T>() : Vector256.Log(Double(a)).As<double, T>();

    [AI(MethodImplOptions.AggressiveInlining)]
    static Vector256<double> Double(Vector256<T> a) =>
        typeof(T) == typeof(double) ? a.As<T, double>() : throw new NotSupportedException($"Vector activations run on float or double, not {typeof(T).Name}.");
}
