using System.Numerics;

namespace Backprop.Kernels;

/// <summary>
/// Lane-wise arithmetic over <typeparamref name="TV"/>: a scalar <typeparamref name="T"/> (one lane) or a
/// <c>Vector128/256/512&lt;T&gt;</c>. An activation writes its formula once against this interface and the JIT compiles it
/// for each width (static abstracts over structs: no virtual call, everything inlined), so the scalar tail, the span loop
/// and a GEMM micro-kernel's registers all run the same formula.
/// </summary>
public interface ILaneMath<TV, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Lanes per value (1 for the scalar).</summary>
    static abstract int Count { get; }
    /// <summary>Reads <see cref="Count"/> lanes at <c>source[index]</c>.</summary>
    static abstract TV Load(ref T source, nuint index);
    /// <summary>Writes <see cref="Count"/> lanes at <c>destination[index]</c>.</summary>
    static abstract void Store(TV value, ref T destination, nuint index);
    /// <summary>Every lane = <paramref name="value"/>.</summary>
    static abstract TV Splat(T value);
    /// <summary>a + b</summary>
    static abstract TV Add(TV a, TV b);
    /// <summary>a - b</summary>
    static abstract TV Subtract(TV a, TV b);
    /// <summary>a·b</summary>
    static abstract TV Multiply(TV a, TV b);
    /// <summary>a / b</summary>
    static abstract TV Divide(TV a, TV b);
    /// <summary>a·b + c with one rounding.</summary>
    static abstract TV MultiplyAdd(TV a, TV b, TV c);
    /// <summary>-a</summary>
    static abstract TV Negate(TV a);
    /// <summary>|a|</summary>
    static abstract TV Abs(TV a);
    /// <summary>√a, correctly rounded (NaN below 0).</summary>
    static abstract TV Sqrt(TV a);
    /// <summary>max(a, b), NaN if either is NaN.</summary>
    static abstract TV Max(TV a, TV b);
    /// <summary>min(a, b), NaN if either is NaN.</summary>
    static abstract TV Min(TV a, TV b);
    /// <summary>eᵃ</summary>
    static abstract TV Exp(TV a);
    /// <summary>ln a</summary>
    static abstract TV Log(TV a);
    /// <summary>|magnitude| with the sign of <paramref name="sign"/>.</summary>
    static abstract TV CopySign(TV magnitude, TV sign);
    /// <summary>Per lane: a &gt; b ? then : otherwise (false when either is NaN).</summary>
    static abstract TV IfGreater(TV a, TV b, TV then, TV otherwise);
}
