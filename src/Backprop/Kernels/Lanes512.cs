using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using AI = System.Runtime.CompilerServices.MethodImplAttribute;

namespace Backprop.Kernels;

/// <summary><see cref="ILaneMath{TV, T}"/> over <c>Vector512&lt;T&gt;</c> (T = float or double; the type tests fold away when compiled).</summary>
public readonly struct Lanes512<T> : ILaneMath<Vector512<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static int Count => Vector512<T>.Count;
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Load(ref T source, nuint index) => Vector512.LoadUnsafe(ref source, index);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Splat(T value) => Vector512.Create(value);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Add(Vector512<T> a, Vector512<T> b) => a + b;
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Subtract(Vector512<T> a, Vector512<T> b) => a - b;
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Multiply(Vector512<T> a, Vector512<T> b) => a * b;
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Divide(Vector512<T> a, Vector512<T> b) => a / b;
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Negate(Vector512<T> a) => -a;
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Abs(Vector512<T> a) => Vector512.Abs(a);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Sqrt(Vector512<T> a) => Vector512.Sqrt(a);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Max(Vector512<T> a, Vector512<T> b) => Vector512.Max(a, b);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Min(Vector512<T> a, Vector512<T> b) => Vector512.Min(a, b);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<T> CopySign(Vector512<T> magnitude, Vector512<T> sign) => Vector512.CopySign(magnitude, sign);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<T> IfGreater(Vector512<T> a, Vector512<T> b, Vector512<T> then, Vector512<T> otherwise) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(a, b), then, otherwise);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<T> MultiplyAdd(Vector512<T> a, Vector512<T> b, Vector512<T> c) =>
        typeof(T) == typeof(float) ? Vector512.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>()
        : Vector512.FusedMultiplyAdd(Double(a), Double(b), Double(c)).As<double, T>();
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Exp(Vector512<T> a) =>
        typeof(T) == typeof(float) ? Vector512.Exp(a.As<T, float>()).As<float, T>() : Vector512.Exp(Double(a)).As<double, T>();
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Log(Vector512<T> a) =>
        typeof(T) == typeof(float) ? Vector512.Log(a.As<T, float>()).As<float, T>() : Vector512.Log(Double(a)).As<double, T>();

    [AI(MethodImplOptions.AggressiveInlining)]
    static Vector512<double> Double(Vector512<T> a) =>
        typeof(T) == typeof(double) ? a.As<T, double>() : throw new NotSupportedException($"Vector activations run on float or double, not {typeof(T).Name}.");
}
