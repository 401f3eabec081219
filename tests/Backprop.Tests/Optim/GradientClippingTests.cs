using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Tests.Support;
using Backprop.Training;

namespace Backprop.Tests.Optim;

public class GradientClippingTests
{
    // Two parameters with gradients of known values (lengths past a vector's width, so both the vector and the tail loops run).
    private static Tensor<double>[] WithGradients(double scale)
    {
        var a = Tensor<double>.RandomNormal(1, 0, 1, 7, 5);
        var b = Tensor<double>.RandomNormal(2, 0, 1, 13);
        foreach (var (t, seed) in new[] { (a, 3UL), (b, 4UL) })
        {
            t.RequiresGrad = true;
            t.Grad = Tensor<double>.RandomNormal(seed, 0, scale, t.Shape.ToArray());
        }
        return [a, b];
    }

    private static double GlobalNorm(IEnumerable<Tensor<double>> ps) => Math.Sqrt(ps.Sum(p => p.Grad!.ToArray().Sum(g => g * g)));

    [Fact]
    public void ClippingByNormScalesTheGlobalNormDownToTheLimit()
    {
        var ps = WithGradients(3);
        double before = GlobalNorm(ps);
        Assert.True(before > 10);
        var ratios = ps[0].Grad!.ToArray();
        double total = GradientClipping.ClipNorm(ps, 1.0);
        Assert.Equal(before, total, 10);
        Assert.Equal(1.0, GlobalNorm(ps), 5); // max_norm/(total + 1e-6)
        for (int i = 0; i < ratios.Length; i++) Assert.Equal(ratios[i] / before, ps[0].Grad!.Span[i], 6); // the direction is kept
    }

    [Fact]
    public void ClippingByNormLeavesSmallGradientsAlone()
    {
        var ps = WithGradients(0.01);
        var before = ps.Select(p => p.Grad!.ToArray()).ToArray();
        GradientClipping.ClipNorm(ps, 1.0);
        Assert.Equal(before[0], ps[0].Grad!.ToArray());
        Assert.Equal(before[1], ps[1].Grad!.ToArray());
    }

    [Fact]
    public void ClippingByValueBoundsEveryGradient()
    {
        var ps = WithGradients(2);
        var before = ps.SelectMany(p => p.Grad!.ToArray()).ToArray();
        Assert.Contains(before, g => Math.Abs(g) > 0.5);
        GradientClipping.ClipValue(ps, 0.5);
        var after = ps.SelectMany(p => p.Grad!.ToArray()).ToArray();
        for (int i = 0; i < after.Length; i++) Assert.Equal(Math.Clamp(before[i], -0.5, 0.5), after[i]);
    }

    [Fact]
    public void L1AddsLambdaTimesTheSignOfEachWeight()
    {
        var ps = WithGradients(1);
        ps[0].Span[3] = 0;
        var before = ps[0].Grad!.ToArray();
        L1Penalty.AddGradient([ps[0]], 0.25);
        for (int i = 0; i < before.Length; i++)
            Assert.Equal(before[i] + 0.25 * Math.Sign(ps[0].Span[i]), ps[0].Grad!.Span[i], 14);
        Assert.Equal(before[3], ps[0].Grad!.Span[3]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TrainingStepClipsAndPenalisesOnThePlanAndOnTheGraph(bool planned)
    {
        var x = Tensor<double>.RandomNormal(5, 0, 3, 16, 4);
        var y = Tensor<double>.FromArray([.. Enumerable.Range(0, 16).Select(i => (double)(i % 3))]);
        Module<double> Model(out Sequential<double> inner)
        {
            inner = Mlp.Create<double>([4, 8, 3], Activation.Tanh, seed: 2);
            return planned ? inner : new GraphOnly<double>(inner);
        }
        // The gradient without rules, at the same starting weights.
        var reference = Model(out var plainInner);
        new TrainingStep<double>(reference, new CrossEntropy(), new Sgd<double>(reference.Parameters(), 1e-9), 16).Run(x, y);
        var model = Model(out var inner);
        var weights = inner.NamedParameters().Select(p => (p.Name, Value: p.Value.ToArray())).ToArray();
        var step = new TrainingStep<double>(model, new CrossEntropy(), new Sgd<double>(model.Parameters(), 1e-9), 16,
            new TrainOptions { L1 = 0.5, ClipNorm = 0.1 });
        Assert.Equal(planned, step.IsPlanned);
        step.Run(x, y);
        // L1 first (weights only, not biases), then the global norm is clipped to 0.1.
        var expected = plainInner.NamedParameters().Zip(weights, (p, w) => p.Value.Grad!.ToArray()
            .Select((g, i) => g + (w.Name.EndsWith(".w", StringComparison.Ordinal) ? 0.5 * Math.Sign(w.Value[i]) : 0)).ToArray()).ToArray();
        double norm = Math.Sqrt(expected.Sum(e => e.Sum(g => g * g)));
        Assert.True(norm > 0.1);
        Assert.Equal(0.1, GlobalNorm(inner.Parameters()), 6);
        foreach (var ((name, p), e) in inner.NamedParameters().Zip(expected))
            for (int i = 0; i < e.Length; i++) Assert.Equal(e[i] * 0.1 / norm, p.Grad!.Span[i], 6);
    }
}
