using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using AI = System.Runtime.CompilerServices.MethodImplAttribute;

namespace Backprop.Kernels;

/// <summary><see cref="ILaneMath{TV, T}"/> over <c>Vector128&lt;T&gt;</c> (T = float or double; the type tests fold away when compiled).</summary>
public readonly struct Lanes128<T> : ILaneMath<Vector128<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static int Count => Vector128<T>.Count;
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Load(ref T source, nuint index) => Vector128.LoadUnsafe(ref source, index);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static void Store(Vector128<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Splat(T value) => Vector128.Create(value);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Add(Vector128<T> a, Vector128<T> b) => a + b;
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Subtract(Vector128<T> a, Vector128<T> b) => a - b;
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Multiply(Vector128<T> a, Vector128<T> b) => a * b;
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Divide(Vector128<T> a, Vector128<T> b) => a / b;
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Negate(Vector128<T> a) => -a;
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Abs(Vector128<T> a) => Vector128.Abs(a);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Sqrt(Vector128<T> a) => Vector128.Sqrt(a);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Max(Vector128<T> a, Vector128<T> b) => Vector128.Max(a, b);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Min(Vector128<T> a, Vector128<T> b) => Vector128.Min(a, b);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<T> CopySign(Vector128<T> magnitude, Vector128<T> sign) => Vector128.CopySign(magnitude, sign);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<T> IfGreater(Vector128<T> a, Vector128<T> b, Vector128<T> then, Vector128<T> otherwise) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(a, b), then, otherwise);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<T> MultiplyAdd(Vector128<T> a, Vector128<T> b, Vector128<T> c) =>
        typeof(T) == typeof(float) ? Vector128.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>()
        : Vector128.FusedMultiplyAdd(Double(a), Double(b), Double(c)).As<double, T>();
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Exp(Vector128<T> a) =>
        typeof(T) == typeof(float) ? Vector128.Exp(a.As<T, float>()).As<float, T>() : Vector128.Exp(Double(a)).As<double, T>();
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Log(Vector128<T> a) =>
        typeof(T) == typeof(float) ? Vector128.Log(a.As<T, float>()).As<float, T>() : Vector128.Log(Double(a)).As<double, T>();

    [AI(MethodImplOptions.AggressiveInlining)]
    static Vector128<double> Double(Vector128<T> a) =>
        typeof(T) == typeof(double) ? a.As<T, double>() : throw new NotSupportedException($"Vector activations run on float or double, not {typeof(T).Name}.");
}
