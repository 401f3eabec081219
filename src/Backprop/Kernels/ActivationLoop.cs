using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>
/// The one loop that runs every activation over spans (TensorPrimitives' InvokeSpanIntoSpan): full vectors of the widest width
/// the settings allow, then narrower ones, then a scalar tail. y = f(x) forward; dx = dy ⊙ f'(x, y) backward. Spans may alias
/// element for element (y = f(x) in place).
/// </summary>
internal static class ActivationLoop
{
    /// <summary>y = f(x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<T, TOp>(TOp op, ReadOnlySpan<T> x, Span<T> y, int vectorBits)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : IActivationOperator<T>
    {
        if (y.Length != x.Length) throw new ArgumentException($"Activation forward: x has {x.Length} values, y {y.Length}.");
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ys = ref MemoryMarshal.GetReference(y);
        nuint n = (nuint)x.Length, i = 0;
        if (vectorBits >= 512 && Vector512.IsHardwareAccelerated) i = Forward<T, TOp, Vector512<T>, Lanes512<T>>(op, ref xs, ref ys, i, n);
        if (vectorBits >= 256 && Vector256.IsHardwareAccelerated) i = Forward<T, TOp, Vector256<T>, Lanes256<T>>(op, ref xs, ref ys, i, n);
        if (Vector128.IsHardwareAccelerated) i = Forward<T, TOp, Vector128<T>, Lanes128<T>>(op, ref xs, ref ys, i, n);
        Forward<T, TOp, T, ScalarLanes<T>>(op, ref xs, ref ys, i, n);
    }

    /// <summary>dx = dy ⊙ f'(x, y).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<T, TOp>(TOp op, ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int vectorBits)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : IActivationOperator<T>
    {
        if (y.Length != x.Length || dy.Length != x.Length || dx.Length != x.Length)
            throw new ArgumentException($"Activation backward: x, y, dy and dx have {x.Length}, {y.Length}, {dy.Length} and {dx.Length} values.");
        var s = new Spans<T>(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y), ref MemoryMarshal.GetReference(dy), ref MemoryMarshal.GetReference(dx));
        nuint n = (nuint)x.Length, i = 0;
        if (vectorBits >= 512 && Vector512.IsHardwareAccelerated) i = Backward<T, TOp, Vector512<T>, Lanes512<T>>(op, s, i, n);
        if (vectorBits >= 256 && Vector256.IsHardwareAccelerated) i = Backward<T, TOp, Vector256<T>, Lanes256<T>>(op, s, i, n);
        if (Vector128.IsHardwareAccelerated) i = Backward<T, TOp, Vector128<T>, Lanes128<T>>(op, s, i, n);
        Backward<T, TOp, T, ScalarLanes<T>>(op, s, i, n);
    }

    /// <summary>Forward from <paramref name="i"/> over every full <typeparamref name="TV"/>; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static nuint Forward<T, TOp, TV, TM>(TOp op, ref T x, ref T y, nuint i, nuint n)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : IActivationOperator<T> where TM : ILaneMath<TV, T>
    {
        nuint count = (nuint)TM.Count;
        for (; i + count <= n; i += count) TM.Store(op.Forward<TV, TM>(TM.Load(ref x, i)), ref y, i);
        return i;
    }

    /// <summary>Backward from <paramref name="i"/> over every full <typeparamref name="TV"/>; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static nuint Backward<T, TOp, TV, TM>(TOp op, Spans<T> s, nuint i, nuint n)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : IActivationOperator<T> where TM : ILaneMath<TV, T>
    {
        nuint count = (nuint)TM.Count;
        for (; i + count <= n; i += count)
        {
            var slope = op.Derivative<TV, TM>(TM.Load(ref s.X, i), TM.Load(ref s.Y, i));
            TM.Store(TM.Multiply(TM.Load(ref s.Dy, i), slope), ref s.Dx, i);
        }
        return i;
    }

    /// <summary>The four start references of a backward pass.</summary>
    internal readonly ref struct Spans<T>(ref T x, ref T y, ref T dy, ref T dx)
    {
        public readonly ref T X = ref x, Y = ref y, Dy = ref dy, Dx = ref dx;
    }
}
