using Backprop.Diagnostics;
using Backprop.Errors;
using Backprop.Optim;
using Backprop.Tensors;

namespace Backprop.Tests.Diagnostics;

/// <summary>A spec's optimizer and its state: explain's update is the registered optimizer's step from that state, and reads back from JSON.</summary>
public sealed class SpecOptimizerTests
{
    private const string Layers = """
        {"layers": [{"w": [[0.3, -0.2], [0.1, 0.4]], "b": [0.05, -0.05], "act": "tanh"}, {"w": [[0.2], [-0.3]], "b": [0.1], "act": "identity"}],
         "loss": "mse", "x": [[0.5, -1.0], [1.5, 0.25]], "y": [[0.3], [-0.2]], "lr": 0.1
        """;

    [Theory]
    [InlineData("adam")]
    [InlineData("momentum")]
    [InlineData("rmsprop")]
    public void TheUpdateIsTheOptimizersStepFromTheGivenState(string name)
    {
        var first = NetworkSpec.Parse(Layers + "}");
        var parameters = first.Layers.SelectMany(l => new[] { l.W, l.B }).Select(t => { var p = t.Clone(); p.RequiresGrad = true; return p; }).ToArray();
        var optimizer = Optimizers.Defaults(name).With("lr", 0.1).Create(parameters);
        for (int s = 0; s < 2; s++) // two earlier steps with made-up gradients give it a state
        {
            foreach (var p in parameters) { p.Grad = Tensor<double>.Zeros(p.Shape.ToArray()); for (int i = 0; i < p.Length; i++) p.Grad.Span[i] = 0.1 * (i + 1) - 0.05 * s; }
            optimizer.Step();
        }
        var now = first with { Layers = [.. first.Layers.Select((l, i) => l with { W = parameters[2 * i].Detach().Clone(), B = parameters[2 * i + 1].Detach().Clone() })] };
        var plain = StepExplanation.Run(now);
        var spec = NetworkSpec.Parse((now with { Optimizer = new SpecOptimizer(Optimizers.Defaults(name), optimizer.State()) }).ToJson());
        var step = StepExplanation.Run(spec);
        for (int k = 0; k < parameters.Length; k++) (k % 2 == 0 ? plain.Layers[k / 2].DW : plain.Layers[k / 2].DB).Span.CopyTo(parameters[k].Grad!.Span);
        optimizer.Step();
        Assert.Equal(name, step.Spec.Optimizer!.Options.Name);
        Assert.Equal(3, step.OptimizerState!.Steps);
        Assert.Equal(parameters[0].Span.ToArray(), step.Layers[0].WUpdated.Span.ToArray());
        Assert.Equal(parameters[3].Span.ToArray(), step.Layers[1].BUpdated.Span.ToArray());
        Assert.NotEqual(plain.Layers[0].WUpdated.Span.ToArray(), step.Layers[0].WUpdated.Span.ToArray());
        var terms = StepUpdateTerms.Of(step, "layer1.w[1,0]");
        Assert.Equal("θ", terms[^1].Name);
        Assert.Equal(parameters[0].Span[2], terms[^1].Value);
    }

    [Fact]
    public void AdamsTermsWriteOutTheBiasCorrections()
    {
        var step = StepExplanation.Run(NetworkSpec.Parse(Layers + """, "optimizer": {"name": "adam", "options": {"beta1": 0.8}}}"""));
        var terms = StepUpdateTerms.Of(step, "layer2.b[0]");
        Assert.Equal(["m", "v", "m̂", "v̂", "step", "θ"], terms.Select(t => t.Name));
        double g = step.Layers[1].DB.Span[0];
        Assert.Equal(0.2 * g, terms[0].Value, 1e-15);
        Assert.Equal(terms[0].Value / 0.2, terms[2].Value, 1e-12); // m̂ = m / (1 − 0.8¹)
        Assert.Equal(step.Layers[1].BUpdated.Span[0], terms[^1].Value);
    }

    [Theory]
    [InlineData("""{"name": "nope"}""", "optimizer: Unknown optimizer 'nope'")]
    [InlineData("""{"name": "adam", "options": {"beta9": 1}}""", "adam has no option 'beta9'")]
    [InlineData("""{"name": "adam", "state": {"steps": 1, "buffers": {"exp_avg": [[1]]}}}""", "optimizer.state.buffers.exp_avg: 1 entries, but the network has 4 parameters")]
    [InlineData("""{"name": "lbfgs"}""", "a spec explains one gradient step")]
    [InlineData("""{"name": "sgd", "speed": 1}""", "unknown field 'speed'")]
    public void ABadOptimizerIsOneLineNamingTheField(string optimizer, string message)
    {
        var e = Assert.Throws<BackpropException>(() => NetworkSpec.Parse(Layers + $", \"optimizer\": {optimizer}}}"));
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }
}
