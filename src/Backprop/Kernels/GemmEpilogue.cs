using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>
/// What the GEMM does to a finished value of C while it is still in a register: A = f(C), the dense layer's activation.
/// The kernels call it once per vector of C, after the last k-block only (a partial sum is never activated).
/// </summary>
internal interface IGemmEpilogue
{
    /// <summary>f on every lane of <paramref name="z"/>; <typeparamref name="TV"/> is T or a Vector128/256/512 of T.</summary>
    TV Apply<TV>(TV z) where TV : struct;
}

/// <summary>A plain product: C is the result, nothing else is written.</summary>
internal readonly struct NoEpilogue : IGemmEpilogue
{
    public TV Apply<TV>(TV z) where TV : struct => z;
}

/// <summary>a = f(z) for the activation operator <typeparamref name="TOp"/>, at the width the GEMM runs (the type tests fold away when compiled).</summary>
internal readonly struct ActivationEpilogue<T, TOp>(TOp op) : IGemmEpilogue
    where T : unmanaged, IFloatingPointIeee754<T> where TOp : IActivationOperator<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TV Apply<TV>(TV z) where TV : struct
    {
        if (typeof(TV) == typeof(Vector512<T>)) return Unsafe.BitCast<Vector512<T>, TV>(op.Forward<Vector512<T>, Lanes512<T>>(Unsafe.BitCast<TV, Vector512<T>>(z)));
        if (typeof(TV) == typeof(Vector256<T>)) return Unsafe.BitCast<Vector256<T>, TV>(op.Forward<Vector256<T>, Lanes256<T>>(Unsafe.BitCast<TV, Vector256<T>>(z)));
        if (typeof(TV) == typeof(Vector128<T>)) return Unsafe.BitCast<Vector128<T>, TV>(op.Forward<Vector128<T>, Lanes128<T>>(Unsafe.BitCast<TV, Vector128<T>>(z)));
        if (typeof(TV) == typeof(T)) return Unsafe.BitCast<T, TV>(op.Forward<T, ScalarLanes<T>>(Unsafe.BitCast<TV, T>(z)));
        throw new NotSupportedException($"The activation epilogue runs on {typeof(T).Name} or its vectors, not {typeof(TV).Name}.");
    }
}
