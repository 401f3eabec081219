using System.Buffers.Binary;
using System.Globalization;
using Backprop.Cli;
using Backprop.Cli.Learn;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

[Collection(LearnerCommandsCollection.Name)]
public class LearnCommandTests
{
    [Fact]
    public void RootHelpListsTheLearnerCommands()
    {
        var run = CliRun.Of("--help");
        foreach (var command in new[] { "explain", "gradcheck", "vanishing" }) Assert.Matches($@"\n  {command} ", run.Stdout);
        Assert.Contains("--grad-report", CliRun.Of("train", "--help").Stdout);
    }

    [Fact]
    public void GradcheckPassesOnTheEngineForEveryActivationAndLoss()
    {
        var run = CliRun.Of("gradcheck");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        foreach (var activation in GradCheckCommand.Activations)
            foreach (var loss in GradCheckCommand.Losses)
                Assert.Matches($@"\n{System.Text.RegularExpressions.Regex.Escape(activation)} / {loss} .* ok\r?\n", run.Stdout);
        int networks = GradCheckCommand.Activations.Length * GradCheckCommand.Losses.Length;
        Assert.Contains($"{networks} of {networks} networks within tolerance", run.Stdout);
        Assert.Contains("tanh + layer_norm + residual / softmax_ce", run.Stdout);
        Assert.Contains($"{GradCheckCommand.Layers.Length} of {GradCheckCommand.Layers.Length} networks within tolerance", run.Stdout);
    }

    [Fact]
    public void GradcheckFailsWhenNothingIsWithinTolerance()
    {
        var run = CliRun.Of("gradcheck", "--tolerance", "0");
        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        int networks = GradCheckCommand.Activations.Length * GradCheckCommand.Losses.Length + GradCheckCommand.Layers.Length;
        Assert.StartsWith($"error: gradcheck: {networks} of {networks} networks exceed the tolerance 0", line);
        Assert.Contains("FAIL", run.Stdout);
    }

    [Fact]
    public void GradcheckChecksASpec()
    {
        using var files = new TempDir();
        var run = CliRun.Of("gradcheck", "--spec", files.File("mazur.json", Specs.Mazur));
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"mazur\.json\s+\S+\s+\S+\s+\S+\s+\S+\s+ok", run.Stdout);
    }

    [Fact]
    public void VanishingWritesAPngAndShowsSigmoidGradientsFarBelowRelu()
    {
        using var files = new TempDir();
        string png = files.Path("x.png");
        var run = CliRun.Of("vanishing", "--steps", "5", "--out", png);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(VanishingPlot.Width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(VanishingPlot.Height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.Empty(Directory.GetFiles(files.Root, "*.tmp")); // no temporary left behind
        Assert.Equal($"wrote {png}", run.StdoutLines[^1]);

        var header = run.StdoutLines.Single(l => l.StartsWith("layer ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var firstRow = run.StdoutLines.Single(l => l.StartsWith("1 (input)", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2..];
        double First(string activation) => double.Parse(firstRow[Array.IndexOf(header, activation) - 1], CultureInfo.InvariantCulture);
        Assert.True(First("sigmoid") < 1e-3 * First("relu"), $"sigmoid {First("sigmoid")}, relu {First("relu")}");
        Assert.Contains("σ'(z) = σ(z)(1 - σ(z)) ≤ 0.25", run.Stdout);
        Assert.Contains("first layer's gradient / last layer's: sigmoid ", run.Stdout);
    }

    [Fact]
    public void GradReportPrintsEveryLayersNormAfterEachEpoch()
    {
        var run = CliRun.Of("train", "--data", "xor", "--epochs", "2", "--grad-report");
        Assert.Equal(0, run.ExitCode);
        var lines = run.StdoutLines;
        var epochs = Enumerable.Range(0, lines.Length).Where(i => lines[i].StartsWith("epoch ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, epochs.Count);
        foreach (int i in epochs)
        {
            Assert.Matches(@"^  grad norm  layer1 \d\.\d\de[-+]\d\d  layer2 \d\.\d\de[-+]\d\d$", lines[i + 1]);
            Assert.True(double.Parse(lines[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[3], CultureInfo.InvariantCulture) > 0);
        }
    }

    [Fact]
    public void GradReportWorksOnADataFileToo()
    {
        var run = CliRun.Of(["train", .. BuiltInCommands.Iris, "--epochs", "2", "--grad-report"]);
        Assert.Equal(0, run.ExitCode);
        var lines = run.StdoutLines;
        var epochs = Enumerable.Range(0, lines.Length).Where(i => lines[i].StartsWith("epoch ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, epochs.Count);
        foreach (int i in epochs) Assert.Matches(@"^  grad norm  layer1 \d\.\d\de[-+]\d\d  layer2 \d\.\d\de[-+]\d\d$", lines[i + 1]);
    }
}
