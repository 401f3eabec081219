using System.Numerics;
using System.Runtime.CompilerServices;
using AI = System.Runtime.CompilerServices.MethodImplAttribute;

namespace Backprop.Kernels;

/// <summary><see cref="ILaneMath{TV, T}"/> over one <typeparamref name="T"/>: the scalar tail and the reference path.</summary>
public readonly struct ScalarLanes<T> : ILaneMath<T, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static int Count => 1;
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static T Load(ref T source, nuint index) => Unsafe.Add(ref source, index);
    /// <inheritdoc/>
    [AI(MethodImplOptions.AggressiveInlining)] public static void Store(T value, ref T destination, nuint index) => Unsafe.Add(ref destination, index) = value;
    /// <inheritdoc/>
    public static T Splat(T value) => value;
    /// <inheritdoc/>
    public static T Add(T a, T b) => a + b;
    /// <inheritdoc/>
    public static T Subtract(T a, T b) => a - b;
    /// <inheritdoc/>
    public static T Multiply(T a, T b) => a * b;
    /// <inheritdoc/>
    public static T Divide(T a, T b) => a / b;
    /// <inheritdoc/>
    public static T MultiplyAdd(T a, T b, T c) => T.FusedMultiplyAdd(a, b, c);
    /// <inheritdoc/>
    public static T Negate(T a) => -a;
    /// <inheritdoc/>
    public static T Abs(T a) => T.Abs(a);
    /// <inheritdoc/>
    public static T Sqrt(T a) => T.Sqrt(a);
    /// <inheritdoc/>
    public static T Max(T a, T b) => T.Max(a, b);
    /// <inheritdoc/>
    public static T Min(T a, T b) => T.Min(a, b);
    /// <inheritdoc/>
    public static T Exp(T a) => T.Exp(a);
    /// <inheritdoc/>
    public static T Log(T a) => T.Log(a);
    /// <inheritdoc/>
    public static T CopySign(T magnitude, T sign) => T.CopySign(magnitude, sign);
    /// <inheritdoc/>
    public static T IfGreater(T a, T b, T then, T otherwise) => a > b ? then : otherwise;
}
