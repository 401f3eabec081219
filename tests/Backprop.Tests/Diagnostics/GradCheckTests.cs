using Backprop.Autograd;
using Backprop.Diagnostics;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Tests.Diagnostics;

public class GradCheckTests
{
    public static TheoryData<string, string> ActivationsAndLosses()
    {
        var data = new TheoryData<string, string>();
        foreach (var act in new[] { "sigmoid", "tanh", "relu", "leaky_relu:0.1", "identity" })
            foreach (var loss in new[] { "softmax_ce", "bce_logits", "mse_half", "mse_mean" })
                data.Add(act, loss);
        return data;
    }

    [Theory]
    [MemberData(nameof(ActivationsAndLosses))]
    public void EngineGradientsMatchFiniteDifferences(string activation, string lossName)
    {
        var loss = Loss.Parse(lossName);
        var model = Mlp.Create<double>([3, 5, 4, 3], Activation.Parse(activation), seed: 11);
        // Random biases too: with zero biases a row whose hidden units are all off puts the next ReLU exactly at its kink, where
        // finite differences see half a slope and no derivative is right.
        var rng = new Rng(14);
        foreach (var (name, p) in model.NamedParameters())
            if (name.EndsWith(".b")) Tensor<double>.RandomNormal(rng, 0, 0.5, p.Length).Span.CopyTo(p.Span);
        var x = Tensor<double>.RandomNormal(12, 0, 1, 7, 3);
        var y = lossName switch
        {
            "softmax_ce" => Tensor.From(0.0, 2, 1, 1, 0, 2, 2),
            "bce_logits" => Tensor<double>.FromArray([1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1, 1], 7, 3),
            _ => Tensor<double>.RandomNormal(13, 0, 1, 7, 3),
        };
        var report = GradCheck.Run(model, loss, x, y);
        Assert.Equal(6, report.Entries.Count);
        Assert.True(report.Passed, string.Join("; ", report.Entries.Select(e => $"{e.Name} {e.MaxRelativeError:E2}")));
    }

    /// <summary>y = x² with a backward that forgets the factor 2.</summary>
    private sealed class WrongSquare(Tensor<double> x) : Node<double>(x)
    {
        public static Tensor<double> Apply(Tensor<double> x)
        {
            var y = new Tensor<double>(x.Shape);
            for (int i = 0; i < x.Length; i++) y.Span[i] = x.Span[i] * x.Span[i];
            return Record(y, new WrongSquare(x));
        }

        public override string Name => "wrong_square";

        protected internal override void Backward(Tensor<double> output, Tensor<double> gradOutput)
        {
            var g = new double[x.Length];
            for (int i = 0; i < g.Length; i++) g[i] = gradOutput.Span[i] * x.Span[i]; // should be 2x
            AccumulateGrad(x, g);
        }
    }

    [Fact]
    public void WrongBackwardIsCaught()
    {
        var w = Tensor<double>.RandomNormal(5, 0, 1, 2, 3);
        var report = GradCheck.Run(() => WrongSquare.Apply(w).Sum(), [("w", w)]);
        Assert.False(report.Passed);
        Assert.InRange(report.Entries[0].MaxRelativeError, 0.4, 0.6); // x vs 2x: relative error ½
    }

    [Fact]
    public void CorrectSquareAsComposedOpsPasses()
    {
        var w = Tensor<double>.RandomNormal(5, 0, 1, 2, 3);
        var report = GradCheck.Run(() => (w * w).Sum(), [("w", w)]);
        Assert.True(report.Passed);
    }
}
