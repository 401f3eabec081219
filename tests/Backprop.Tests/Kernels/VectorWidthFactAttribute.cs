using System.Runtime.Intrinsics;

namespace Backprop.Tests.Kernels;

/// <summary>A test of one SIMD width: skipped, with the reason, on hardware that does not accelerate it (never run on a narrower path).</summary>
public sealed class VectorWidthFactAttribute : FactAttribute
{
    public VectorWidthFactAttribute(int bits)
    {
        bool accelerated = bits switch
        {
            512 => Vector512.IsHardwareAccelerated,
            256 => Vector256.IsHardwareAccelerated,
            128 => Vector128.IsHardwareAccelerated,
            _ => throw new ArgumentOutOfRangeException(nameof(bits), bits, "512, 256 or 128"),
        };
        if (!accelerated) Skip = $"this machine does not accelerate {bits}-bit vectors";
    }
}
