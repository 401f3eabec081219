using Backprop.Autograd;
using Backprop.Diagnostics;
using Backprop.Errors;
using Backprop.Tensors;

namespace Backprop.Tests.Diagnostics;

/// <summary>A spec of registered modules: the step through their explain faces, and --paths through a layer norm's Jacobian and a residual's skip.</summary>
public sealed class ModuleSpecTests
{
    // dL/dθ[flat] by central finite differences on the spec's own modules (evaluation mode), independent of the backward pass.
    private static double Numeric(NetworkSpec spec, string name, int flat)
    {
        var p = spec.Model!.NamedParameters().Single(p => p.Name == name).Value;
        double Loss(double delta)
        {
            double kept = p.Span[flat];
            p.Span[flat] = kept + delta;
            using var _ = GradMode.NoGrad();
            double loss = spec.Loss.Compute(spec.Model.Forward(spec.X), spec.Y).Item;
            p.Span[flat] = kept;
            return loss;
        }
        const double h = 1e-6;
        return (Loss(h) - Loss(-h)) / (2 * h);
    }

    [Theory]
    [InlineData(ModuleSpecs.LayerNorm, "layer1.w[0,1]", "layer1.w", 1)]
    [InlineData(ModuleSpecs.LayerNorm, "layer1.b[2]", "layer1.b", 2)]
    [InlineData(ModuleSpecs.LayerNorm, "layer2.weight[1]", "layer2.weight", 1)]
    [InlineData(ModuleSpecs.LayerNorm, "layer2.bias[0]", "layer2.bias", 0)]
    [InlineData(ModuleSpecs.LayerNorm, "layer3.w[2,1]", "layer3.w", 5)]
    [InlineData(ModuleSpecs.Residual, "layer1.w[0,1]", "layer1.w", 1)]
    [InlineData(ModuleSpecs.Residual, "layer1.b[2]", "layer1.b", 2)]
    [InlineData(ModuleSpecs.Residual, "layer2.block.layer1.w[1,2]", "layer2.block.layer1.w", 5)]
    [InlineData(ModuleSpecs.Residual, "layer2.block.layer2.b[0]", "layer2.block.layer2.b", 0)]
    public void PathsThroughModulesSumToTheAutodiffGradient(string json, string parameter, string name, int flat)
    {
        var spec = NetworkSpec.Parse(json);
        var step = StepExplanation.Run(spec);
        var paths = ChainPaths.Find(step, parameter);
        Assert.NotEmpty(paths.Paths);
        Assert.Equal(step.Updates!.Single(u => u.Name == name).Gradient.Span[flat], paths.Autodiff);
        Assert.True(Math.Abs(paths.Sum - paths.Autodiff) <= 1e-14 + 1e-10 * Math.Abs(paths.Autodiff), $"sum {paths.Sum} vs autodiff {paths.Autodiff}");
        double numeric = Numeric(spec, name, flat);
        Assert.True(Math.Abs(paths.Sum - numeric) <= 1e-8, $"sum {paths.Sum} vs finite differences {numeric}");
        Assert.All(paths.Paths, p => Assert.StartsWith("∂L/∂", p.Factors[^1].Label, StringComparison.Ordinal));
    }

    [Fact]
    public void ALayerNormsOutputsEachReadEveryInput()
    {
        var step = StepExplanation.Run(NetworkSpec.Parse(ModuleSpecs.LayerNorm));
        var factors = ChainPaths.Find(step, "layer1.w[0,1]").Paths.Where(p => p.Example == 0).SelectMany(p => p.Factors).ToList();
        // layer1's unit 1 reaches every output of the layer norm: the Jacobian's whole column, not a diagonal.
        foreach (int j in new[] { 0, 1, 2 }) Assert.Contains(factors, f => f.Label == $"∂layer2[{j}]/∂layer1[1]");
        var jacobian = factors.Where(f => f.Label.EndsWith("/∂layer1[1]", StringComparison.Ordinal) && f.Label.StartsWith("∂layer2[", StringComparison.Ordinal))
            .DistinctBy(f => f.Label).ToDictionary(f => f.Label, f => f.Value);
        // Σⱼ (y[j] − β[j])/γ[j] = Σⱼ x̂[j] = 0 whatever the input: the column of the Jacobian, divided by γ, sums to 0.
        double[] gamma = [1.1, 0.9, 1.2];
        Assert.Equal(0, Enumerable.Range(0, 3).Sum(j => jacobian[$"∂layer2[{j}]/∂layer1[1]"] / gamma[j]), 12);
        Assert.Contains("γ[j]·s·(δᵢⱼ − 1/n", Assert.Single(ChainPaths.Find(step, "layer1.w[0,1]").Legend, l => l.StartsWith("layer2 = LayerNorm(3)", StringComparison.Ordinal)));
    }

    [Fact]
    public void AResidualsPathsAreTheSkipAndTheBlock()
    {
        var step = StepExplanation.Run(NetworkSpec.Parse(ModuleSpecs.Residual));
        var paths = ChainPaths.Find(step, "layer1.w[0,1]").Paths;
        var skip = paths.Where(p => p.Factors.Any(f => f.Label == "∂layer2[1]/∂layer1[1]")).ToList();
        Assert.NotEmpty(skip);
        Assert.All(skip, p => Assert.Equal(1.0, p.Factors.Single(f => f.Label == "∂layer2[1]/∂layer1[1]").Value));
        var block = paths.Where(p => p.Factors.Any(f => f.Label.Contains("layer2.block.layer1[", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(block);
        Assert.Equal(paths.Count, skip.Count + block.Count);
        // Every path into the block's output reaches the residual's output with the factor 1.
        Assert.All(block, p => Assert.Equal(1.0, p.Factors.Single(f => f.Label.StartsWith("∂layer2[", StringComparison.Ordinal) && f.Label.Contains("/∂layer2.block.layer2[", StringComparison.Ordinal)).Value));
    }

    [Fact]
    public void EachModulesInputGradientIsItsOwnShare()
    {
        var step = StepExplanation.Run(NetworkSpec.Parse(ModuleSpecs.Residual));
        double[] Of(string path, string name) => step.Modules!.Single(m => m.Path == path).Backward.Single(v => v.Name == name).Value.ToArray();
        double[] skip = Of("layer2", "dL/dy"), block = Of("layer2.block.layer1", "dL/dx"), total = Of("layer2", "dL/dx");
        Assert.NotEqual(total, block); // the block's first layer shows what flows back through the block, not the sum with the skip
        for (int i = 0; i < total.Length; i++) Assert.Equal(skip[i] + block[i], total[i], 14);
    }

    [Fact]
    public void TheStepShowsEachModulesGradientsAndUpdatesEveryParameter()
    {
        var spec = NetworkSpec.Parse(ModuleSpecs.LayerNorm);
        var step = StepExplanation.Run(spec);
        var norm = step.Modules!.Single(m => m.Module == "LayerNorm(3)");
        Assert.Equal(["x̂", "y"], norm.Forward.Select(v => v.Name));
        Assert.Equal(["dL/dy", "dγ", "dβ", "dL/dx"], norm.Backward.Select(v => v.Name));
        Assert.Contains(step.Modules!.Single(m => m.Path == "layer3").Backward, v => v.Name == "dL/dx");
        Assert.Equal(["layer1.w", "layer1.b", "layer2.weight", "layer2.bias", "layer3.w", "layer3.b"], step.Updates!.Select(u => u.Name));
        foreach (var u in step.Updates!)
            for (int i = 0; i < u.Before.Length; i++) Assert.Equal(u.Before.Span[i] - spec.LearningRate * u.Gradient.Span[i], u.After.Span[i]);
        // The engine's gradients of the same modules, and the spec's modules are left as they were.
        spec.Model!.ZeroGrad();
        spec.Loss.Compute(spec.Model.Forward(spec.X), spec.Y).Backward();
        foreach (var (name, value) in spec.Model.NamedParameters())
        {
            var u = step.Updates!.Single(u => u.Name == name);
            Assert.Equal(value.Grad!.ToArray(), u.Gradient.ToArray());
            Assert.Equal(value.ToArray(), u.Before.ToArray());
        }
        // Its PyTorch-named state went where it should: the last Dense's weight [out, in] is our W [in, out].
        Assert.Equal([0.2, 0.5, -0.3, 0.4, 0.1, -0.2], step.Updates!.Single(u => u.Name == "layer3.w").Before.ToArray());
    }

    [Fact]
    public void ASpecOfModulesRoundTripsThroughJson()
    {
        foreach (var json in new[] { ModuleSpecs.LayerNorm, ModuleSpecs.Residual })
        {
            var spec = NetworkSpec.Parse(json);
            var again = NetworkSpec.Parse(spec.ToJson());
            var (a, b) = (StepExplanation.Run(spec), StepExplanation.Run(again));
            Assert.Equal(a.Loss, b.Loss);
            Assert.Equal(a.Updates!.Select(u => u.Gradient.ToArray()), b.Updates!.Select(u => u.Gradient.ToArray()));
        }
    }

    [Theory]
    [InlineData("""{"type": "nope"}""", "layers[1] (nope): Unknown layer 'nope'")]
    [InlineData("""{"type": "layer_norm", "config": {"features": 3}, "state": {"weight": [1, 1, 1]}}""", "layers[1].state.bias: missing")]
    [InlineData("""{"type": "layer_norm", "config": {"features": 3}, "state": {"weight": [1, 1], "bias": [0, 0, 0]}}""", "layers[1].state.weight: shape [2], but LayerNorm(3) needs [3]")]
    [InlineData("""{"type": "layer_norm", "config": {"features": 3}, "state": {"weight": [1, 1, 1], "bias": [0, 0, 0], "gamma": [1]}}""", "'gamma' is not a tensor of LayerNorm(3)")]
    [InlineData("""{"type": "layer_norm", "config": {"features": 1000000000}, "state": {}}""", "it would hold 2000000000 values, but its state gives 0")]
    [InlineData("""{"type": "layer_norm", "config": {"features": 4}, "state": {"weight": [1, 1, 1, 1], "bias": [0, 0, 0, 0]}}""", "spec: layers: LayerNorm(4) got input [2, 3]")]
    [InlineData("""{"type": "layer_norm", "config": {"features": 3}, "colour": "red"}""", "layers[1]: unknown field 'colour'")]
    public void ABadModuleIsOneLineNamingThePlace(string layer, string message)
    {
        string json = """{"layers": [{"w": [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], "b": [0, 0, 0], "act": "identity"}, """ + layer
            + """], "loss": "mse_half", "x": [[1, 2], [3, 4]], "y": [[1, 1, 1], [0, 0, 0]]}""";
        var e = Assert.Throws<BackpropException>(() => NetworkSpec.Parse(json));
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
