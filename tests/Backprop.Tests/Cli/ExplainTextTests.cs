using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

[Collection(LearnerCommandsCollection.Name)]
public class ExplainTextTests
{
    [Fact]
    public void TutorialExampleShowsEveryStageWithItsFormulaAndArithmetic()
    {
        var run = CliRun.Of("explain");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        string[] formulas =
        [
            "Z1 = X·W1 + b1", "A1 = σ(Z1)", "Z2 = A1·W2 + b2", "P = softmax(Z2)", "L = -log P[y]",
            "dZ2 = P - Y", "dW2 = A1ᵀ·dZ2", "db2 = dZ2", "dA1 = dZ2·W2ᵀ", "dZ1 = dA1 ⊙ A1 ⊙ (1 - A1)", "dW1 = Xᵀ·dZ1", "db1 = dZ1",
            "W1 ← W1 - λ·dW1", "b2 ← b2 - λ·db2",
        ];
        foreach (var formula in formulas) Assert.Contains(formula, run.Stdout);
        // The example's numbers substituted into the formulas.
        Assert.Contains("z1[0] = 0.5·0.2 + 0.8·0.48 - 0.44 = 0.044", run.Stdout);
        Assert.Contains("a1[0] = σ(0.044) = 0.510998", run.Stdout);
        Assert.Contains("dz2[1] = 0.436394 - 1 = -0.563606", run.Stdout);
        Assert.Contains("w1[0,0] ← 0.2 - 0.02·(-0.0274625) = 0.200549", run.Stdout);
        Assert.Matches(@"autodiff = hand formulas \(max \|difference\| [0-9.e-]+\)", run.Stdout);
        Assert.DoesNotContain('\u001b', run.Stdout); // no colour when not writing to a terminal
    }

    [Fact]
    public void LargerBatchesShowMatrices()
    {
        using var files = new TempDir();
        var run = CliRun.Of("explain", "--spec", files.File("softmax.json", Specs.SoftmaxCrossEntropy));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("3 examples", run.StdoutLines[0]);
        Assert.Contains("dZ2 = (P - Y)/N", run.Stdout);
        Assert.Contains("dZ1 = dA1 ⊙ (1 - A1²)", run.Stdout);
        Assert.Matches(@"\n\s+P = \[\s+0\.69417\s+0\.30583 \]", run.Stdout);
        Assert.DoesNotContain("p[0] =", run.Stdout);
    }

    [Fact]
    public void MarkdownUsesLatexFractionsAndAlignedArithmetic()
    {
        var run = CliRun.Of("explain", "--format", "markdown");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(@"\frac{\partial L}{\partial W_{2}} = A_{1}^\top \cdot \frac{\partial L}{\partial Z_{2}}", run.Stdout);
        Assert.Contains(@"\begin{aligned}", run.Stdout);
        Assert.Contains(@"z_{1}[0] &= 0.5 \cdot 0.2 + 0.8 \cdot 0.48 - 0.44 = 0.044", run.Stdout);
        Assert.Contains("### Backward pass", run.Stdout);
        foreach (var math in run.Stdout.Split("$$").Where((_, i) => i % 2 == 1)) Assert.DoesNotContain("·", math); // math uses \cdot
    }

    [Theory]
    [InlineData(2, "layer1.w[0,1]")]
    [InlineData(2, "layer2.b[1]")]
    [InlineData(3, "layer1.w[1,0]")]
    [InlineData(3, "layer3.w[0,1]")]
    public void SumOverPathsEqualsTheAutodiffGradient(int hidden, string parameter)
    {
        using var files = new TempDir();
        string spec = files.File("deep.json", Specs.Deep(hidden));
        var json = CliRun.Of("explain", "--spec", spec, "--paths", parameter, "--format", "json");
        Assert.Equal(0, json.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(json.Stdout);
        var root = doc.RootElement;
        double sum = root.GetProperty("paths").EnumerateArray().Sum(p => p.GetProperty("factors").EnumerateArray().Aggregate(1.0, (acc, f) => acc * f.GetProperty("value").GetDouble()));
        double autodiff = root.GetProperty("autodiff").GetDouble();
        Assert.True(root.GetProperty("paths").GetArrayLength() > 2);
        Assert.NotEqual(0, autodiff);
        Assert.Equal(autodiff, sum, 1e-14);

        var text = CliRun.Of("explain", "--spec", spec, "--paths", parameter);
        Assert.Equal(0, text.ExitCode);
        string sumLine = text.StdoutLines.Single(l => l.StartsWith("sum over the ", StringComparison.Ordinal));
        string autodiffLine = text.StdoutLines.Single(l => l.StartsWith("autodiff ", StringComparison.Ordinal));
        Assert.Equal(sumLine.Split(" = ")[1], autodiffLine.Split(" = ")[1].Split(' ')[0]);
        Assert.Contains("× ∂z", text.Stdout);
    }

    [Fact]
    public void PathsOfTheTutorialExampleNameEachLocalDerivative()
    {
        var run = CliRun.Of("explain", "--paths", "layer1.w[0,1]");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("(2 paths)", run.StdoutLines[0]);
        Assert.Contains("∂z1[1]/∂w1[0,1] = x[0]", run.Stdout);
        Assert.Contains("∂a1[1]/∂z1[1] = σ'(z) = a(1 - a)", run.Stdout);
        Assert.Contains("autodiff dw1[0,1] = -0.0147433", run.Stdout);
    }
}
