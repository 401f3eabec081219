using System.Text.Json;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

public class ExplainAttributionTests : TempDirTest
{
    [Fact]
    public void ARowSaysWhatEachColumnContributedInTextAndJson()
    {
        string model = Dir.Path("iris.safetensors");
        Assert.Equal(0, CliRun.Of("train", "--data", "iris", "--epochs", "40", "--activation", "tanh", "--out", model).ExitCode);
        var text = CliRun.Of("explain", "--model", model, "--data", "iris", "--row", "120");
        Assert.Equal(0, text.ExitCode);
        int at = Array.IndexOf(text.StdoutLines, "What each column contributed");
        Assert.True(at > 0, text.Stdout);
        Assert.Matches(@"^  p\(Iris-\w+\) = [\d.]+ at this row, [\d.]+ at the baseline: every input where the model's standard scaling puts 0 \(for standard scaling, its training mean\)\.$", text.StdoutLines[at + 1]);
        Assert.Contains("trapezoid rule, 512 steps", text.StdoutLines[at + 2]);
        Assert.Matches(@"^  column +integrated gradients +gradient × input$", text.StdoutLines[at + 3]);
        Assert.StartsWith("  sepal length", text.StdoutLines[at + 4]);
        Assert.StartsWith("  sum", text.StdoutLines[^1]);

        var json = CliRun.Of("explain", "--model", model, "--data", "iris", "--row", "120", "--format", "json");
        using var doc = JsonDocument.Parse(json.Stdout);
        var a = doc.RootElement.GetProperty("attributions");
        double sum = a.GetProperty("columns").EnumerateArray().Sum(c => c.GetProperty("integrated_gradients").GetDouble());
        Assert.Equal(a.GetProperty("value").GetDouble() - a.GetProperty("baseline_value").GetDouble(), sum, 4);
        Assert.Equal(4, a.GetProperty("baseline").GetArrayLength());
        Assert.Equal("petal width", a.GetProperty("columns")[3].GetProperty("name").GetString());
    }
}
