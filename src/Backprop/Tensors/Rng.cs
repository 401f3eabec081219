using System.Runtime.CompilerServices;
namespace Backprop.Tensors;

/// <summary>
/// A small seeded random number generator (xoshiro256**, seeded by SplitMix64).
/// The same seed gives the same numbers on every machine and .NET version, unlike <see cref="Random"/>.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareNormal;

    /// <summary>Creates a generator from an explicit seed.</summary>
    public Rng(ulong seed)
    {
        _s0 = SplitMix(ref seed); _s1 = SplitMix(ref seed); _s2 = SplitMix(ref seed); _s3 = SplitMix(ref seed);
    }

    /// <summary>The generator's whole state as six words (the four of xoshiro256**, then whether a spare normal is held and its bits), for a checkpoint.</summary>
    public ulong[] SaveState() =>
        [_s0, _s1, _s2, _s3, _spareNormal is null ? 0UL : 1UL, _spareNormal is double spare ? BitConverter.DoubleToUInt64Bits(spare) : 0UL];

    /// <summary>Puts back a state taken by <see cref="SaveState"/>, so the generator continues exactly where that one was.</summary>
    public void LoadState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != 6 || (state[0] | state[1] | state[2] | state[3]) == 0 || state[4] > 1)
            throw new ArgumentException($"Rng: a state is six words with a non-zero generator and a flag of 0 or 1; got {state.Length} words.", nameof(state));
        (_s0, _s1, _s2, _s3) = (state[0], state[1], state[2], state[3]);
        _spareNormal = state[4] == 1 ? BitConverter.UInt64BitsToDouble(state[5]) : null;
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1), 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [low, high).</summary>
    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), $"NextInt needs n > 0; got {n}.");
        return (int)((NextUInt64() >> 33) % (ulong)n);
    }

    /// <summary>Standard normal (Box–Muller), scaled: mean + std·N(0, 1).</summary>
    public double Normal(double mean = 0, double std = 1)
    {
        if (_spareNormal is double spare) { _spareNormal = null; return mean + std * spare; }
        double u1 = 1.0 - NextDouble(), u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareNormal = r * Math.Sin(2 * Math.PI * u2);
        return mean + std * r * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Shuffle(Span<int> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
