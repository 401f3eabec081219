using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.Kernels;

// The optimizers' update rules (PyTorch's torch.optim algorithms) on lanes, run by UpdateLoop. Buffers: A, B, C in the order given.

/// <summary>
/// SGD: g ← g + λθ; with momentum b ← μ_b·b + s_g·g (μ_b = μ, s_g = 1 − τ; at the first step μ_b = 0, s_g = 1, i.e. b ← g) and
/// d = g + μb (Nesterov) or b; without momentum d = g; θ ← θ − γd. Buffer A: momentum_buffer.
/// </summary>
internal readonly record struct SgdRule<T>(T Lr, T WeightDecay, bool Momentum, T BufferDecay, T GradScale, bool Nesterov, T Mu) : IUpdateRule<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply<TV, TM>(in UpdateRefs<T> s, nuint i) where TM : ILaneMath<TV, T>
    {
        TV w = TM.Load(ref s.W, i), g = TM.MultiplyAdd(TM.Splat(WeightDecay), w, TM.Load(ref s.G, i)), d = g;
        if (Momentum)
        {
            TV b = TM.MultiplyAdd(TM.Splat(BufferDecay), TM.Load(ref s.A, i), TM.Multiply(TM.Splat(GradScale), g));
            TM.Store(b, ref s.A, i);
            d = Nesterov ? TM.MultiplyAdd(TM.Splat(Mu), b, g) : b;
        }
        TM.Store(TM.MultiplyAdd(TM.Splat(-Lr), d, w), ref s.W, i); // θ + (−γ)·d in one rounding, as PyTorch's add_(d, alpha=−γ)
    }
}

/// <summary>
/// Adam and AdamW: θ ← θ·(1 − γλ_d) (AdamW's decoupled decay); g ← g + λθ (Adam's L2); m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²;
/// with AMSGrad v_max ← max(v_max, v) stands for v; θ ← θ − γ·(m / c₁) / (√(v / c₂) + ε), c_k = 1 − β_kᵗ.
/// Buffers: A exp_avg, B exp_avg_sq, C max_exp_avg_sq.
/// </summary>
internal readonly record struct AdamRule<T>(T Lr, T Beta1, T Beta2, T Correction1, T Correction2, T Eps, T WeightDecay, T Shrink, bool AmsGrad) : IUpdateRule<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply<TV, TM>(in UpdateRefs<T> s, nuint i) where TM : ILaneMath<TV, T>
    {
        TV w = TM.Multiply(TM.Load(ref s.W, i), TM.Splat(Shrink));
        TV g = TM.MultiplyAdd(TM.Splat(WeightDecay), w, TM.Load(ref s.G, i));
        TV m = TM.MultiplyAdd(TM.Splat(Beta1), TM.Load(ref s.A, i), TM.Multiply(TM.Splat(T.One - Beta1), g));
        TV v = TM.MultiplyAdd(TM.Splat(Beta2), TM.Load(ref s.B, i), TM.Multiply(TM.Splat(T.One - Beta2), TM.Multiply(g, g)));
        TM.Store(m, ref s.A, i);
        TM.Store(v, ref s.B, i);
        if (AmsGrad)
        {
            v = TM.Max(TM.Load(ref s.C, i), v);
            TM.Store(v, ref s.C, i);
        }
        TV denominator = TM.Add(TM.Sqrt(TM.Divide(v, TM.Splat(Correction2))), TM.Splat(Eps));
        TM.Store(TM.Subtract(w, TM.Divide(TM.Multiply(TM.Splat(Lr), TM.Divide(m, TM.Splat(Correction1))), denominator)), ref s.W, i);
    }
}

/// <summary>
/// RMSprop: g ← g + λθ; v ← αv + (1 − α)g²; ṽ = v, or centred ḡ ← αḡ + (1 − α)g and ṽ = v − ḡ²; u = g / (√ṽ + ε);
/// with momentum b ← μb + u and θ ← θ − γb, else θ ← θ − γu. Buffers: A square_avg, B grad_avg, C momentum_buffer.
/// </summary>
internal readonly record struct RmsPropRule<T>(T Lr, T Alpha, T Eps, T WeightDecay, bool Centered, bool Momentum, T Mu) : IUpdateRule<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply<TV, TM>(in UpdateRefs<T> s, nuint i) where TM : ILaneMath<TV, T>
    {
        TV w = TM.Load(ref s.W, i), g = TM.MultiplyAdd(TM.Splat(WeightDecay), w, TM.Load(ref s.G, i));
        TV alpha = TM.Splat(Alpha), rest = TM.Splat(T.One - Alpha);
        TV v = TM.MultiplyAdd(alpha, TM.Load(ref s.A, i), TM.Multiply(rest, TM.Multiply(g, g)));
        TM.Store(v, ref s.A, i);
        if (Centered)
        {
            TV mean = TM.MultiplyAdd(alpha, TM.Load(ref s.B, i), TM.Multiply(rest, g));
            TM.Store(mean, ref s.B, i);
            v = TM.Subtract(v, TM.Multiply(mean, mean));
        }
        TV u = TM.Divide(g, TM.Add(TM.Sqrt(v), TM.Splat(Eps)));
        if (Momentum)
        {
            u = TM.MultiplyAdd(TM.Splat(Mu), TM.Load(ref s.C, i), u);
            TM.Store(u, ref s.C, i);
        }
        TM.Store(TM.Subtract(w, TM.Multiply(TM.Splat(Lr), u)), ref s.W, i);
    }
}

/// <summary>Adagrad: g ← g + λθ; S ← S + g²; θ ← θ − γ̃·g / (√S + ε), γ̃ the decayed rate. Buffer A: sum.</summary>
internal readonly record struct AdagradRule<T>(T Lr, T Eps, T WeightDecay) : IUpdateRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply<TV, TM>(in UpdateRefs<T> s, nuint i) where TM : ILaneMath<TV, T>
    {
        TV w = TM.Load(ref s.W, i), g = TM.MultiplyAdd(TM.Splat(WeightDecay), w, TM.Load(ref s.G, i));
        TV sum = TM.MultiplyAdd(g, g, TM.Load(ref s.A, i));
        TM.Store(sum, ref s.A, i);
        TM.Store(TM.Subtract(w, TM.Divide(TM.Multiply(TM.Splat(Lr), g), TM.Add(TM.Sqrt(sum), TM.Splat(Eps)))), ref s.W, i);
    }
}
