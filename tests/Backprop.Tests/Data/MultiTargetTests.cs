using System.Globalization;
using System.Text;
using Backprop.Cli;
using Backprop.Data;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Cli;
using Backprop.Tests.Support;
using Backprop.Training;

namespace Backprop.Tests.Data;

/// <summary>Several regression targets (<c>--target a,b</c>): read as targets [N, K], one output each, scaled each, R² each, saved, read back by name.</summary>
public sealed class MultiTargetTests : TempDirTest
{
    // a = 2·x1 − x2 + 10 (large mean), b = 40·x3² + 3·x1 (another scale), with a little noise; x3 sits between the targets in the file.
    private string Table(string name = "multi.csv", bool shuffledColumns = false)
    {
        var text = new StringBuilder(shuffledColumns ? "b,x3,a,x2,x1\n" : "x1,x2,a,x3,b\n");
        var rng = new Rng(11);
        for (int i = 0; i < 200; i++)
        {
            double x1 = rng.Normal(), x2 = rng.Normal(), x3 = rng.Normal();
            double a = 2 * x1 - x2 + 10 + 0.05 * rng.Normal(), b = 40 * x3 * x3 + 3 * x1 + 0.05 * rng.Normal();
            var c = CultureInfo.InvariantCulture;
            text.Append(shuffledColumns ? string.Create(c, $"{b:R},{x3:R},{a:R},{x2:R},{x1:R}\n") : string.Create(c, $"{x1:R},{x2:R},{a:R},{x3:R},{b:R}\n"));
        }
        return Dir.File(name, text.ToString());
    }

    [Fact]
    public void TheTargetsComeOutOfTheFeaturesInTheirOrder()
    {
        var table = MultiTarget.FromColumns(DataFile.Load<double>(Table(), new() { Target = "b", Task = TaskKind.Regression }), ["a"]);
        Assert.Equal(["x1", "x2", "x3"], table.FeatureNames);
        Assert.Equal(["b", "a"], table.Schema.TargetNames);
        Assert.Equal([200, 2], table.Data.Y.Shape.ToArray());
        var raw = DataFile.Load<double>(Table(), new() { Target = "a", Task = TaskKind.Regression });
        for (int r = 0; r < 200; r++)
        {
            Assert.Equal(raw.Data.Y.Span[r], table.Data.Y.Span[r * 2 + 1]);
            Assert.Equal(raw.Data.X.Span[r * 4 + 3], table.Data.Y.Span[r * 2]); // b, the last column of the file
        }
    }

    [Fact]
    public void ANetworkLearnsEachTargetInItsOwnUnitsAndReadsThemBackByName()
    {
        var table = MultiTarget.FromColumns(DataFile.Load<float>(Table(), new() { Target = "a", Task = TaskKind.Regression }), ["b"]);
        var net = Network<float>.For(table, [32], seed: 2);
        net.Fit(table.Data, new TrainOptions { Epochs = 150, BatchSize = 16, Seed = 1 });
        Assert.Equal(2, net.TargetScaler!.Features); // each target standardised on its own
        Assert.Equal(2, net.Model.Layers.OfType<Dense<float>>().Last().Outputs);
        string model = Dir.Path("m.safetensors");
        net.Save(model);
        var loaded = Network<float>.Load(model);
        Assert.Equal(["a", "b"], loaded.Metadata.Schema!.TargetNames);
        // a file with the columns in another order is read by name, both targets included
        var other = DataFile.Load<float>(Table("other.csv", shuffledColumns: true), null, loaded.Metadata.Schema);
        Assert.Equal(table.Data.Y.ToArray(), other.Data.Y.ToArray());
        var metrics = loaded.Evaluate(other.Data);
        Assert.Equal(2, metrics.R2PerTarget!.Count);
        Assert.Equal(metrics.R2!.Value, metrics.R2PerTarget.Average(), 12);
        Assert.True(metrics.R2PerTarget.All(r2 => r2 > 0.9), string.Join(", ", metrics.R2PerTarget));
        // each R² is the one of its own column of predictions
        var p = loaded.Predict(other.Data.X);
        for (int j = 0; j < 2; j++)
        {
            var column = Enumerable.Range(0, 200).Select(r => (double)other.Data.Y.Span[r * 2 + j]).ToArray();
            double mean = column.Average(), ssTot = column.Sum(v => (v - mean) * (v - mean));
            double ssRes = Enumerable.Range(0, 200).Sum(r => Math.Pow(p.Span[r * 2 + j] - column[r], 2));
            Assert.Equal(1 - ssRes / ssTot, metrics.R2PerTarget[j], 4);
        }
    }

    [Fact]
    public void TheCommandLineTrainsEvaluatesPredictsAndShowsSeveralTargets()
    {
        string data = Table(), model = Dir.Path("m.safetensors");
        var train = CliRun.Of("train", "--data", data, "--target", "a,b", "--epochs", "60", "--out", model);
        Assert.Equal(0, train.ExitCode);
        Assert.Contains("layers 3-64-2", train.StdoutLines[0]);
        Assert.Matches(@"^test  r2 \d\.\d{4} \(a \d\.\d{4}, b \d\.\d{4}\)  mse", train.StdoutLines[^1]);
        var evaluate = CliRun.Of("evaluate", "--model", model, "--data", data);
        Assert.Matches(@"r2 \d\.\d{4} \(a \d\.\d{4}, b \d\.\d{4}\)$", evaluate.StdoutLines[1]);
        var predict = CliRun.Of("predict", "--model", model, "--data", data);
        Assert.Equal("line,predicted_a,predicted_b", predict.StdoutLines[0]);
        Assert.Equal(201, predict.StdoutLines.Length);
        Assert.Contains(CliRun.Of("info", "--model", model).StdoutLines, l => l.StartsWith("targets") && l.EndsWith("2: a, b (one output each)"));
        var explain = CliRun.Of("explain", "--model", model, "--data", data, "--row", "1"); // the row's whole target: the backward pass of both
        Assert.Equal(0, explain.ExitCode);
        Assert.Contains("(target 1 of a, b = ", explain.Stdout);
        Assert.Contains("autodiff = hand formulas", explain.Stdout);
    }

    [Fact]
    public void SeveralTargetsOfTheWrongKindAreUsageErrors()
    {
        string data = Table();
        CliRun.Of("train", "--data", data, "--target", "a,b", "--task", "classification").AssertOneLineError("several targets are for regression", BackpropCli.UsageError);
        CliRun.Of("train", "--data", data, "--target", "a,zz").AssertOneLineError("unknown target column \"zz\"", BackpropCli.UsageError);
        CliRun.Of("train", "--data", data, "--target", "a,a").AssertOneLineError("is named twice", BackpropCli.UsageError);
        CliRun.Of("train", "--data", data, "--target", "a,b", "--drop", "b").AssertOneLineError("target column \"b\" is dropped", BackpropCli.UsageError);
    }
}
