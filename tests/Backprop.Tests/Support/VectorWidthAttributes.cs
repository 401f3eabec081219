using Backprop.Kernels;

namespace Backprop.Tests.Support;

/// <summary>Why a test of <paramref name="bits"/>-bit vectors cannot run here, or null when it can.</summary>
internal static class VectorWidth
{
    public static string? Missing(int bits) => bits > ComputeOptions.HardwareVectorBits
        ? $"this processor accelerates {ComputeOptions.HardwareVectorBits}-bit vectors, not {bits}: the kernels would quietly run narrower ones"
        : null;
}

/// <summary>A fact about <see cref="Bits"/>-bit vectors, skipped with the reason on a processor that lacks them.</summary>
internal sealed class WidthFactAttribute : FactAttribute
{
    public WidthFactAttribute(int bits)
    {
        Bits = bits;
        Skip = VectorWidth.Missing(bits);
    }

    public int Bits { get; }
}

/// <summary>A theory about <see cref="Bits"/>-bit vectors, skipped with the reason on a processor that lacks them.</summary>
internal sealed class WidthTheoryAttribute : TheoryAttribute
{
    public WidthTheoryAttribute(int bits)
    {
        Bits = bits;
        Skip = VectorWidth.Missing(bits);
    }

    public int Bits { get; }
}
