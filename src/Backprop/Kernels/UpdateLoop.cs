using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>
/// One optimizer's per-element update rule, written once against <see cref="ILaneMath{TV, T}"/>: reads θ, g and its state at lane
/// <c>i</c>, writes θ and the state back. <see cref="UpdateLoop.Run{T, TRule}"/> drives it over whole vectors of every width the machine
/// has and a scalar tail, so a rule of your own (a struct, for the JIT to specialise the loop to it) runs as fast as the built-in ones.
/// </summary>
public interface IUpdateRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Updates <typeparamref name="TM"/>.Count values starting at <paramref name="i"/>.</summary>
    void Apply<TV, TM>(in UpdateRefs<T> s, nuint i) where TM : ILaneMath<TV, T>;
}

/// <summary>The starts of one parameter's spans: values θ, gradient g and up to three state buffers (unused ones are never read).</summary>
public readonly ref struct UpdateRefs<T>(ref T w, ref T g, ref T a, ref T b, ref T c)
{
    /// <summary>θ, the parameter's values (read and written).</summary>
    public readonly ref T W = ref w;

    /// <summary>g, the gradient (read only).</summary>
    public readonly ref T G = ref g;

    /// <summary>The first state buffer (e.g. a momentum or first moment).</summary>
    public readonly ref T A = ref a;

    /// <summary>The second state buffer.</summary>
    public readonly ref T B = ref b;

    /// <summary>The third state buffer.</summary>
    public readonly ref T C = ref c;
}

/// <summary>
/// The one loop that runs every optimizer's update over a parameter (as <see cref="ActivationLoop"/> runs activations): full vectors
/// of the widest width the settings allow, then narrower ones, then a scalar tail. Allocates nothing.
/// </summary>
public static class UpdateLoop
{
    /// <summary>Applies <paramref name="rule"/> to θ = <paramref name="w"/> with gradient <paramref name="g"/> and the rule's buffers (empty when unused).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TRule>(TRule rule, Span<T> w, ReadOnlySpan<T> g, Span<T> a = default, Span<T> b = default, Span<T> c = default)
        where T : unmanaged, IFloatingPointIeee754<T> where TRule : IUpdateRule<T>
    {
        int n = w.Length;
        if (g.Length != n || (a.Length != 0 && a.Length != n) || (b.Length != 0 && b.Length != n) || (c.Length != 0 && c.Length != n))
            throw new ArgumentException($"Optimizer update: θ has {n} values, the gradient {g.Length}, the state buffers {a.Length}, {b.Length} and {c.Length}.");
        var s = new UpdateRefs<T>(ref MemoryMarshal.GetReference(w), ref MemoryMarshal.GetReference(g),
            ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), ref MemoryMarshal.GetReference(c));
        int bits = ComputeSettings.Current.MaxVectorBits;
        nuint i = 0, count = (nuint)n;
        if (bits >= 512 && Vector512.IsHardwareAccelerated) i = Run<T, TRule, Vector512<T>, Lanes512<T>>(rule, s, i, count);
        if (bits >= 256 && Vector256.IsHardwareAccelerated) i = Run<T, TRule, Vector256<T>, Lanes256<T>>(rule, s, i, count);
        if (Vector128.IsHardwareAccelerated) i = Run<T, TRule, Vector128<T>, Lanes128<T>>(rule, s, i, count);
        Run<T, TRule, T, ScalarLanes<T>>(rule, s, i, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static nuint Run<T, TRule, TV, TM>(TRule rule, in UpdateRefs<T> s, nuint i, nuint n)
        where T : unmanaged, IFloatingPointIeee754<T> where TRule : IUpdateRule<T> where TM : ILaneMath<TV, T>
    {
        nuint count = (nuint)TM.Count;
        for (; i + 4 * count <= n; i += 4 * count) // four independent vectors per turn, so their loads and stores overlap
        {
            rule.Apply<TV, TM>(s, i);
            rule.Apply<TV, TM>(s, i + count);
            rule.Apply<TV, TM>(s, i + 2 * count);
            rule.Apply<TV, TM>(s, i + 3 * count);
        }
        for (; i + count <= n; i += count) rule.Apply<TV, TM>(s, i);
        return i;
    }
}
