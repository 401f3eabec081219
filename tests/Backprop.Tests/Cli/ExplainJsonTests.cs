using System.Text.Json;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

[Collection(LearnerCommandsCollection.Name)]
public class ExplainJsonTests
{
    public static TheoryData<string, string> SpecsToCheck() => new()
    {
        { "mazur.json", Specs.Mazur },
        { "softmax.json", Specs.SoftmaxCrossEntropy },
        { "relu.json", Specs.ReluRegression },
    };

    [Theory]
    [MemberData(nameof(SpecsToCheck))]
    public void JsonReproducesTheTutorialFormulasComputedIndependently(string name, string json)
    {
        using var files = new TempDir();
        var run = CliRun.Of("explain", "--spec", files.File(name, json), "--format", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        var expected = ReferenceStep.Run(json);
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        Assert.Equal(["loss", "grads", "updated", "forward"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(expected.Loss, root.GetProperty("loss").GetDouble(), 1e-9);
        int layers = expected.DW.Count;
        foreach (var field in new[] { "grads", "updated", "forward" }) Assert.Equal(layers, root.GetProperty(field).GetArrayLength());
        for (int l = 0; l < layers; l++)
        {
            AssertClose(expected.DW[l], root.GetProperty("grads")[l].GetProperty("w"));
            AssertClose(expected.DB[l], root.GetProperty("grads")[l].GetProperty("b"));
            AssertClose(expected.WNew[l], root.GetProperty("updated")[l].GetProperty("w"));
            AssertClose(expected.BNew[l], root.GetProperty("updated")[l].GetProperty("b"));
            AssertClose(expected.Z[l], root.GetProperty("forward")[l].GetProperty("z"));
            AssertClose(expected.A[l], root.GetProperty("forward")[l].GetProperty("a"));
        }
    }

    [Fact]
    public void MazurUpdatedWeightsMatchThePublishedOnes()
    {
        using var files = new TempDir();
        var run = CliRun.Of("explain", "--spec", files.File("mazur.json", Specs.Mazur), "--format", "json");
        using var doc = JsonDocument.Parse(run.Stdout);
        var updated = doc.RootElement.GetProperty("updated");
        Assert.Equal(0.298371109, doc.RootElement.GetProperty("loss").GetDouble(), 9);
        Assert.Equal(0.35891648, updated[1].GetProperty("w")[0][0].GetDouble(), 8); // w5 in the blog's numbering
        Assert.Equal(0.149780716, updated[0].GetProperty("w")[0][0].GetDouble(), 8); // w1
    }

    [Fact]
    public void NumbersRoundTripExactly()
    {
        var run = CliRun.Of("explain", "--format", "json");
        using var doc = JsonDocument.Parse(run.Stdout);
        var step = Backprop.Diagnostics.StepExplanation.Run(Backprop.Diagnostics.NetworkSpec.TutorialExample());
        Assert.Equal(step.Loss, doc.RootElement.GetProperty("loss").GetDouble());
        Assert.Equal(step.Layers[0].DW[1, 2], doc.RootElement.GetProperty("grads")[0].GetProperty("w")[1][2].GetDouble());
    }

    private static void AssertClose(double[,] expected, JsonElement actual)
    {
        Assert.Equal(expected.GetLength(0), actual.GetArrayLength());
        for (int r = 0; r < expected.GetLength(0); r++) AssertClose(Enumerable.Range(0, expected.GetLength(1)).Select(c => expected[r, c]).ToArray(), actual[r]);
    }

    private static void AssertClose(double[] expected, JsonElement actual)
    {
        Assert.Equal(expected.Length, actual.GetArrayLength());
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i].GetDouble(), 1e-9);
    }
}
