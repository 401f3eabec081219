using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>One optimizer update rule, written once against <see cref="ILaneMath{TV, T}"/>: reads θ, g and its state at lane <c>i</c>, writes θ and the state back.</summary>
internal interface IUpdateRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Updates <typeparamref name="TM"/>.Count values starting at <paramref name="i"/>.</summary>
    void Apply<TV, TM>(in UpdateRefs<T> s, nuint i) where TM : ILaneMath<TV, T>;
}

/// <summary>The starts of one parameter's spans: values θ, gradient g and up to three state buffers (unused ones are never read).</summary>
internal readonly ref struct UpdateRefs<T>(ref T w, ref T g, ref T a, ref T b, ref T c)
{
    public readonly ref T W = ref w, G = ref g, A = ref a, B = ref b, C = ref c;
}

/// <summary>
/// The one loop that runs every optimizer's update over a parameter (as <see cref="ActivationLoop"/> runs activations): full vectors
/// of the widest width the settings allow, then narrower ones, then a scalar tail. Allocates nothing.
/// </summary>
internal static class UpdateLoop
{
    /// <summary>Applies <paramref name="rule"/> to θ = <paramref name="w"/> with gradient <paramref name="g"/> and the rule's buffers (empty when unused).</summary>
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
