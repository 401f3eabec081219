using System.Globalization;
using System.Text;
using Backprop.Cli;
using Backprop.Data;
using Backprop.Nn;
using Backprop.Onnx;
using Backprop.Tensors;
using Backprop.Tests.Cli;
using Backprop.Tests.Onnx;
using Backprop.Tests.Support;
using Backprop.Training;
using Microsoft.ML.OnnxRuntime;

namespace Backprop.Tests.Training;

/// <summary><c>--task multilabel</c>: 0/1 (or true/false) label columns, a sigmoid each, binary cross-entropy, F1 per label; saved, exported and read back.</summary>
public sealed class MultilabelTests : TempDirTest
{
    // red = x1 > 0.3 (true/false), big = x2 + x3 > 0 (0/1), round = x1·x3 > 0 (0/1).
    private string Table(string? bad = null)
    {
        var text = new StringBuilder("x1,x2,x3,red,big,round\n");
        var rng = new Rng(5);
        for (int i = 0; i < 300; i++)
        {
            double x1 = rng.Normal(), x2 = rng.Normal(), x3 = rng.Normal();
            string round = bad is not null && i == 4 ? bad : x1 * x3 > 0 ? "1" : "0";
            text.Append(CultureInfo.InvariantCulture, $"{x1:R},{x2:R},{x3:R},{(x1 > 0.3 ? "true" : "false")},{(x2 + x3 > 0 ? 1 : 0)},{round}\n");
        }
        return Dir.File("labels.csv", text.ToString());
    }

    private static TabularData<float> Labels(string file) =>
        MultiTarget.Labels(DataFile.Load<float>(file, new() { Target = "red", Task = TaskKind.Regression }), ["big", "round"]);

    [Fact]
    public void PerLabelF1AndExactMatchAccuracyAreScikitLearns()
    {
        // y = [[1,0],[1,1],[0,0]], p = [[1,1],[0,1],[0,0]]: label 0 TP 1, FN 1 → F1 2/3; label 1 TP 1, FP 1 → F1 2/3; one row of three exactly right.
        var counts = new LabelCounts(2);
        counts.Add([true, false], [true, true]);
        counts.Add([true, true], [false, true]);
        counts.Add([false, false], [false, false]);
        Assert.Equal([2.0 / 3, 2.0 / 3], counts.F1PerLabel);
        Assert.Equal(2.0 / 3, counts.MacroF1, 12);
        Assert.Equal(1.0 / 3, counts.SubsetAccuracy, 12);
    }

    [Fact]
    public void LabelsAreReadAsZeroOrOneAndAnythingElseIsRefusedByLineAndColumn()
    {
        var table = Labels(Table());
        Assert.Equal(TaskKind.Binary, table.Task);
        Assert.Equal(["red", "big", "round"], table.Schema.TargetNames);
        Assert.Equal(["x1", "x2", "x3"], table.FeatureNames);
        Assert.All(table.Data.Y.ToArray(), v => Assert.True(v is 0 or 1));
        Assert.Equal(table.Data.X.Span[0] > 0.3f ? 1 : 0, table.Data.Y.Span[0]); // "true" is 1
        // true/false in a later label column, read among the features first, is 1/0 too
        var reordered = MultiTarget.Labels(DataFile.Load<float>(Table(), new() { Target = "big", Task = TaskKind.Regression }), ["red", "round"]);
        for (int r = 0; r < 300; r++) Assert.Equal(table.Data.Y.Span[r * 3], reordered.Data.Y.Span[r * 3 + 1]);
        var e = Assert.Throws<Backprop.Errors.BackpropException>(() => Labels(Table(bad: "2")));
        Assert.Equal("labels.csv line 6, column \"round\": label 2 is not 0 or 1 (true or false).", e.Message);
    }

    [Fact]
    public void ANetworkLearnsEachLabelAndThePlanAndTheGraphScoreItAlike()
    {
        var table = Labels(Table());
        var net = Network<float>.For(table, [32], seed: 1);
        Assert.IsType<BinaryCrossEntropy>(net.Loss);
        net.Fit(table.Data, new TrainOptions { Epochs = 60, BatchSize = 16, Seed = 1 });
        var metrics = net.Evaluate(table.Data);
        Assert.Equal(3, metrics.F1PerLabel!.Count);
        Assert.True(metrics.F1PerLabel.All(f1 => f1 > 0.85), string.Join(", ", metrics.F1PerLabel));
        Assert.Equal(metrics.F1PerLabel.Average(), metrics.MacroF1!.Value, 12);
        var scaled = net.Scaler!.Transform(table.Data);
        var graph = Trainer.Evaluate(new GraphOnly<float>(net.Model), net.Loss, scaled);
        Assert.Equal(metrics.F1PerLabel, graph.F1PerLabel);
        Assert.Equal(metrics.Accuracy, graph.Accuracy);
        string model = Dir.Path("m.safetensors");
        net.Save(model);
        var loaded = Network<float>.Load(model);
        Assert.IsType<BinaryCrossEntropy>(loaded.Loss);
        Assert.Equal(TaskKind.Binary, loaded.Metadata.Schema!.Task);
        Assert.Equal(metrics.F1PerLabel, loaded.Evaluate(DataFile.Load<float>(Table(), null, loaded.Metadata.Schema).Data).F1PerLabel);
    }

    [Fact]
    public void TheCommandLineTrainsEvaluatesPredictsShowsAndExportsIt()
    {
        string data = Table(), model = Dir.Path("m.safetensors"), onnx = Dir.Path("m.onnx");
        var train = CliRun.Of("train", "--data", data, "--task", "multilabel", "--target", "red,big,round", "--epochs", "40", "--out", model);
        Assert.Equal(0, train.ExitCode);
        Assert.Contains("layers 3-64-3", train.StdoutLines[0]);
        Assert.Contains("loss bce_logits", train.StdoutLines[0]);
        Assert.Matches(@"^test  acc \d\.\d{4}  macro_f1 \d\.\d{4} \(red \d\.\d{4}, big \d\.\d{4}, round \d\.\d{4}\)  loss", train.StdoutLines[^1]);
        Assert.Matches(@"macro_f1 \d\.\d{4} \(red \d\.\d{4}, big \d\.\d{4}, round \d\.\d{4}\)$", CliRun.Of("evaluate", "--model", model, "--data", data).StdoutLines[1]);
        var predict = CliRun.Of("predict", "--model", model, "--data", data);
        Assert.Equal("line,p_red,p_big,p_round", predict.StdoutLines[0]);
        Assert.All(predict.StdoutLines[1].Split(',').Skip(1), p => Assert.InRange(double.Parse(p, CultureInfo.InvariantCulture), 0, 1));
        var info = CliRun.Of("info", "--model", model).StdoutLines;
        Assert.Contains(info, l => l.StartsWith("task") && l.EndsWith("multilabel"));
        Assert.Contains(info, l => l.StartsWith("labels") && l.EndsWith("3: red, big, round (multilabel: a sigmoid each)"));
        var explain = CliRun.Of("explain", "--model", model, "--data", data, "--row", "1"); // the row's three labels: the backward pass of all
        Assert.Equal(0, explain.ExitCode);
        Assert.Contains("(target 2 of red, big, round)", explain.Stdout);
        Assert.Contains("autodiff = hand formulas", explain.Stdout);
        OnnxExport.Save(model, onnx);
        using var session = new InferenceSession(onnx);
        var loaded = Network<float>.Load(model);
        OrtRun.MaxDifference(session, loaded.Predict, Labels(data).Data.X);
        Assert.Equal([-1, 3], Assert.Single(session.OutputMetadata).Value.Dimensions);
    }

    [Fact]
    public void ARegressionLossForLabelsIsAUsageError() =>
        CliRun.Of("train", "--data", Table(), "--task", "multilabel", "--target", "red,big,round", "--loss", "mse_mean")
            .AssertOneLineError("--task multilabel trains a sigmoid per label; use bce_logits", BackpropCli.UsageError);
}
