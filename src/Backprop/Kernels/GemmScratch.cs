using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Backprop.Kernels;

/// <summary>
/// Per-thread packing buffers, 64-byte aligned in pinned arrays. They only grow, so in steady state a GEMM allocates nothing.
/// </summary>
internal static unsafe class GemmScratch
{
    [ThreadStatic] static byte[]? a, b;

    /// <summary>This thread's A-panel buffer with room for <paramref name="count"/> elements.</summary>
    public static T* A<T>(nint count) where T : unmanaged => (T*)Get(ref a, count * sizeof(T));

    /// <summary>This thread's B-panel buffer with room for <paramref name="count"/> elements.</summary>
    public static T* B<T>(nint count) where T : unmanaged => (T*)Get(ref b, count * sizeof(T));

    static byte* Get(ref byte[]? buffer, nint bytes)
    {
        if (buffer is null || buffer.Length < bytes + 64)
            buffer = GC.AllocateUninitializedArray<byte>(checked((int)(bytes + 64)), pinned: true);
        nint p = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (byte*)((p + 63) & ~(nint)63);
    }
}
