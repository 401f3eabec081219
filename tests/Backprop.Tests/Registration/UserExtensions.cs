using System.Numerics;
using System.Runtime.CompilerServices;
using Backprop.Data;
using Backprop.Kernels;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Registration;
using Backprop.Tensors;
using Backprop.Training.Schedules;

namespace Backprop.Tests.Registration;

/// <summary>A loss, an optimizer, a schedule, an initialiser and a scaler written outside the library, registered once for the whole test assembly.</summary>
internal static class UserExtensions
{
    [ModuleInitializer]
    internal static void Register()
    {
        Losses.Registry.Add(new RegistryEntry<Loss, SmoothedCrossEntropy.Options>("smoothed_ce", new(), o => new SmoothedCrossEntropy(o.Smoothing),
            "cross-entropy against smoothed labels (test assembly)", ["label_smoothing_ce"]));
        Optimizers.Registry.Add(new RegistryEntry<OptimizerOptions, SignMomentumOptions>("sign_momentum", new(), o => o, "θ ← θ − γ·sign(m) (test assembly)"));
        Initializers.Registry.Add(new RegistryEntry<Initializer, TruncatedNormal.Options>("truncated_normal", new(), o => new TruncatedNormal(o.Std),
            "N(0, σ²) redrawn outside ±2σ (test assembly)"));
        Scalers.Registry.Add(new RegistryEntry<Scaling, NoOptions>("maxabs", NoOptions.Value, _ => new MaxAbsScaling(), "x' = x / max|x| (test assembly)"));
        Schedules.Registry.Add(new RegistryEntry<ScheduleMaker, NoOptions>("test_decay", NoOptions.Value, _ => _ => new TestDecay(), "η₀·0.8ᵗ (test assembly)"));
    }
}

/// <summary>Softmax cross-entropy against labels smoothed by ε: q = (1 − ε)·onehot + ε/K; L = (1/N) Σₙ (lse(zₙ) − Σ꜀ q꜀ zₙ꜀); dL/dz = (p − q) / N.</summary>
internal sealed class SmoothedCrossEntropy(double smoothing) : Loss
{
    public sealed record Options { public double Smoothing { get; init; } = 0.1; }

    public double Smoothing { get; } = smoothing;

    public override string Name => "smoothed_ce";

    public override TaskKind Task => TaskKind.Classification;

    public override Activation OutputActivation => Activation.Softmax;

    public override void ToPredictions<T>(Span<T> output, int outputs)
    {
        for (int r = 0; r < output.Length / outputs; r++) Softmax(output.Slice(r * outputs, outputs));
    }

    public override T ValueAndGradient<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> target, int rows, int outputs, Span<T> gradient)
    {
        T total = T.Zero, n = T.CreateTruncating(rows), eps = T.CreateTruncating(Smoothing), share = eps / T.CreateTruncating(outputs);
        Span<T> p = stackalloc T[outputs];
        for (int r = 0; r < rows; r++)
        {
            var z = output.Slice(r * outputs, outputs);
            z.CopyTo(p);
            T max = z[0];
            for (int i = 1; i < outputs; i++) max = T.Max(max, z[i]);
            T sum = T.Zero;
            for (int i = 0; i < outputs; i++) sum += T.Exp(z[i] - max);
            T lse = max + T.Log(sum);
            int label = int.CreateTruncating(target[r]);
            for (int i = 0; i < outputs; i++)
            {
                T q = (i == label ? T.One - eps : T.Zero) + share;
                total += q * (lse - z[i]);
                if (!gradient.IsEmpty) gradient[r * outputs + i] = (T.Exp(z[i] - lse) - q) / n;
            }
        }
        return total / n;
    }

    private static void Softmax<T>(Span<T> row) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = row[0], sum = T.Zero;
        foreach (var v in row) max = T.Max(max, v);
        for (int i = 0; i < row.Length; i++) sum += row[i] = T.Exp(row[i] - max);
        for (int i = 0; i < row.Length; i++) row[i] /= sum;
    }
}

/// <summary>m ← βm + (1 − β)g; θ ← θ − γ·sign(m): an optimizer of the test assembly on the library's vectorised update loop.</summary>
internal sealed class SignMomentum<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _m;

    public SignMomentum(IEnumerable<Tensor<T>> parameters, double lr, double beta) : base(parameters, lr)
    {
        Beta = Fraction(beta, "momentum");
        _m = Buffer("momentum_buffer");
    }

    public double Beta { get; }

    protected override void Update()
    {
        var rule = new SignMomentumRule<T>(T.CreateTruncating(LearningRate), T.CreateTruncating(Beta));
        for (int k = 0; k < Params.Length; k++)
            if (Params[k].Grad is { } g) UpdateLoop.Run(rule, Params[k].Span, g.Span, _m[k]);
    }
}

/// <summary>The per-element rule of <see cref="SignMomentum{T}"/>: buffer A holds m.</summary>
internal readonly record struct SignMomentumRule<T>(T Lr, T Beta) : IUpdateRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply<TV, TM>(in UpdateRefs<T> s, nuint i) where TM : ILaneMath<TV, T>
    {
        TV m = TM.MultiplyAdd(TM.Splat(Beta), TM.Load(ref s.A, i), TM.Multiply(TM.Splat(T.One - Beta), TM.Load(ref s.G, i)));
        TM.Store(m, ref s.A, i);
        TM.Store(TM.Subtract(TM.Load(ref s.W, i), TM.Multiply(TM.Splat(Lr), TM.CopySign(TM.Splat(T.One), m))), ref s.W, i);
    }
}

/// <summary>The options of <see cref="SignMomentum{T}"/>: <c>lr</c> and <c>momentum</c>.</summary>
internal sealed record SignMomentumOptions : OptimizerOptions
{
    public override double LearningRate { get; init; } = 0.01;

    public double Momentum { get; init; } = 0.9;

    [System.Text.Json.Serialization.JsonIgnore]
    public override string Name => "sign_momentum";

    [System.Text.Json.Serialization.JsonIgnore]
    public override IReadOnlyList<string> HyperParameters => ["momentum"];

    protected override OptimizerOptions? Set(string name, double value) => name == "momentum" ? this with { Momentum = value } : null;

    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new SignMomentum<T>(parameters, LearningRate, Momentum);
}

/// <summary>η_t = η₀ · 0.8ᵗ per epoch: a schedule of the test assembly.</summary>
internal sealed class TestDecay() : LearningRateSchedule(perStep: false)
{
    public override string Name => "test_decay";

    public override double RateAt(long t, double baseRate) => baseRate * Math.Pow(0.8, t);
}

/// <summary>W ~ N(0, σ²), each value outside ±2σ drawn again (Keras' <c>truncated_normal</c>); b = 0: an initialiser of the test assembly.</summary>
internal sealed class TruncatedNormal(double std) : Initializer
{
    public sealed record Options { public double Std { get; init; } = 0.05; }

    public double Std { get; } = std;

    public override string Name => "truncated_normal";

    public override Tensor<T> Weights<T>(int fanIn, int fanOut, Rng rng)
    {
        var w = Tensor<T>.Zeros(fanIn, fanOut);
        var span = w.Span;
        for (int i = 0; i < span.Length; i++)
        {
            double v;
            do v = rng.Normal(0, Std); while (Math.Abs(v) > 2 * Std);
            span[i] = T.CreateTruncating(v);
        }
        return w;
    }
}

/// <summary>x' = x / max|x| per feature over the training rows (scikit-learn's <c>MaxAbsScaler</c>; 1 for an all-zero feature): a scaler of the test assembly.</summary>
internal sealed class MaxAbsScaling : Scaling
{
    public override string Name => "maxabs";

    public override Scaler? Fit<T>(Tensor<T> x)
    {
        int f = x.Shape[1];
        var values = x.Span;
        var maxima = new double[f];
        for (int i = 0; i < values.Length; i++) maxima[i % f] = Math.Max(maxima[i % f], Math.Abs(double.CreateTruncating(values[i])));
        for (int j = 0; j < f; j++) if (maxima[j] == 0) maxima[j] = 1;
        return new Scaler(Name, new double[f], maxima);
    }
}
