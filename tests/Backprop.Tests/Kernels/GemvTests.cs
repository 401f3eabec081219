using System.Numerics;
using Backprop.Kernels;
using Backprop.Tests.Support;

namespace Backprop.Tests.Kernels;

/// <summary>The one-row product (GemvKernel): every split of the columns into blocks of eight, four and single vectors (full or partial) gives the bits of the 128-bit build, at every width and on two threads.</summary>
public class GemvTests
{
    /// <summary>Column counts that leave one, two or three vectors after the blocks of eight and four, full or partial, at every width.</summary>
    static readonly int[] Columns = [1, 3, 8, 10, 16, 17, 24, 31, 32, 33, 40, 47, 48, 63, 72, 100, 130, 136];

    [Fact]
    public void FloatTailsHaveTheSameBitsAtEveryWidthAndOnOneOrTwoThreads() => SameBits<float>();

    [Fact]
    public void DoubleTailsHaveTheSameBitsAtEveryWidthAndOnOneOrTwoThreads() => SameBits<double>();

    static void SameBits<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (int n in Columns)
            foreach (int k in new[] { 1, 7, 300 })
            {
                var gc = new GemmCase<T>(1, n, k, seed: n * 31 + k);
                var expected = gc.C0(false);
                gc.Run(false, false, 1, 1, expected, Compute.Serial(128));
                gc.Check(expected, 1, 1, $"n={n} k={k} bits=128");
                foreach (var options in new[] { Compute.Serial(256), Compute.Serial(512), Compute.Parallel(2) })
                {
                    if (VectorWidth.Missing(options.MaxVectorBits) is not null) continue;
                    var c = gc.C0(false);
                    gc.Run(false, false, 1, 1, c, options);
                    Assert.True(expected.AsSpan().SequenceEqual(c), $"n={n} k={k} bits={options.MaxVectorBits} threads={options.Threads}");
                }
            }
    }
}
