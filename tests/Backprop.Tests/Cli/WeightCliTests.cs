using System.Globalization;
using System.Text;
using Backprop.Cli;
using Backprop.Tensors;
using Backprop.Tests.Support;
using Backprop.Training;

namespace Backprop.Tests.Cli;

/// <summary><c>train --class-weight</c> and <c>--sample-weight</c>: the loss weighs the rows as told, and bad weights get one line naming the place.</summary>
public sealed class WeightCliTests : TempDirTest
{
    // Two overlapping classes, "rare" one row in eight, and a weight column w (1, or 0 on every "rare" row when zeroRare).
    private string Imbalanced(bool zeroRare = false, string? badWeight = null)
    {
        var text = new StringBuilder("x,y,w,label\n");
        var rng = new Rng(7);
        for (int i = 0; i < 160; i++)
        {
            bool rare = i % 8 == 0;
            double x = rng.Normal() + (rare ? 1.0 : 0), y = rng.Normal() + (rare ? 1.0 : 0);
            string w = badWeight is not null && i == 2 ? badWeight : rare && zeroRare ? "0" : "1";
            text.Append(CultureInfo.InvariantCulture, $"{x:R},{y:R},{w},{(rare ? "rare" : "common")}\n");
        }
        return Dir.File("data.csv", text.ToString());
    }

    private CliRun Train(string data, params string[] more) =>
        CliRun.Of(["train", "--data", data, "--target", "label", "--epochs", "30", "--seed", "3", .. more.Contains("--validation") ? more : ["--validation", "0", .. more]]);

    // How many rows of the file the model predicts as class "rare".
    private int PredictedRare(string model, string data)
    {
        var network = Network<float>.Load(model);
        var table = Backprop.Data.DataFile.Load<float>(data, new() { Target = "label", Drop = ["w"] });
        int rare = network.ClassNames!.ToList().IndexOf("rare");
        return network.PredictClasses(table.Data.X).Count(c => c == rare);
    }

    [Fact]
    public void BalancedClassWeightsMakeTheRareClassPredictedMoreOften()
    {
        var data = Imbalanced();
        var plain = Train(data, "--drop", "w", "--out", Dir.Path("plain.safetensors"));
        var balanced = Train(data, "--drop", "w", "--class-weight", "balanced", "--out", Dir.Path("balanced.safetensors"));
        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(0, balanced.ExitCode);
        Assert.Contains("class weights common 0.5714, rare 4", balanced.Stdout); // 160 × 0.8 training rows: 112 common, 16 rare → 128/(2·112), 128/(2·16)
        Assert.True(PredictedRare(Dir.Path("balanced.safetensors"), data) > PredictedRare(Dir.Path("plain.safetensors"), data) + 10,
            $"{PredictedRare(Dir.Path("balanced.safetensors"), data)} vs {PredictedRare(Dir.Path("plain.safetensors"), data)}");
    }

    [Fact]
    public void ClassWeightsByName()
    {
        var run = Train(Imbalanced(), "--drop", "w", "--class-weight", "rare=5");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("class weights common 1, rare 5", run.Stdout);
    }

    [Fact]
    public void ASampleWeightColumnIsNoFeatureAndWeighsTheRows()
    {
        var data = Imbalanced(zeroRare: true);
        var run = Train(data, "--sample-weight", "w", "--class-weight", "rare=50", "--out", Dir.Path("m.safetensors"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("sample weights from column w", run.Stdout);
        Assert.Equal(["x", "y"], Network<float>.Load(Dir.Path("m.safetensors")).Metadata.FeatureNames);
        Assert.Equal(0, PredictedRare(Dir.Path("m.safetensors"), data)); // the rare rows weigh 0 whatever their class weight: never learnt
        Assert.Equal(0, CliRun.Of("predict", "--model", Dir.Path("m.safetensors"), "--data", data).ExitCode); // the weight column is not asked for
    }

    [Theory]
    [InlineData("-1", "data.csv line 4, column \"w\": sample weight -1 is not a finite number ≥ 0")]
    [InlineData("NaN", "data.csv line 4, column \"w\": \"NaN\" is not a finite number")]
    public void ANegativeOrNaNWeightIsRefusedNamingLineAndColumn(string weight, string message)
    {
        var data = Imbalanced(badWeight: weight);
        var before = Dir.Files;
        Train(data, "--sample-weight", "w", "--out", Dir.Path("m.safetensors")).AssertOneLineError(message, BackpropCli.Failure);
        Assert.Equal(before, Dir.Files);
    }

    [Fact]
    public void AnUnknownWeightColumnOrClassIsAUsageError()
    {
        var data = Imbalanced();
        Train(data, "--sample-weight", "weight").AssertOneLineError("unknown sample-weight column \"weight\"", BackpropCli.UsageError);
        Train(data, "--sample-weight", "label").AssertOneLineError("is both the target and the sample weights", BackpropCli.UsageError);
        Train(data, "--drop", "w", "--class-weight", "common=1,zebra=2").AssertOneLineError("--class-weight common=1,zebra=2: no class \"zebra\"; the classes are common, rare", BackpropCli.UsageError);
        Train(data, "--drop", "w", "--class-weight", "rare=-3").AssertOneLineError("the weight of class \"rare\" must be a finite number ≥ 0", BackpropCli.UsageError);
        CliRun.Of("train", "--data", "sine", "--class-weight", "balanced").AssertOneLineError("class weights need classes", BackpropCli.UsageError);
    }

    [Fact]
    public void EvaluatePrintsMacroF1AndBalancedAccuracyAndTrainMonitorsThem()
    {
        var data = Imbalanced();
        string model = Dir.Path("m.safetensors");
        var run = Train(data, "--drop", "w", "--validation", "0.25", "--patience", "3", "--monitor", "val_balanced_accuracy", "--out", model);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("monitor val_balanced_accuracy", run.StdoutLines[0]);
        var evaluate = CliRun.Of("evaluate", "--model", model, "--data", data);
        Assert.Equal(0, evaluate.ExitCode);
        var words = evaluate.StdoutLines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double Printed(string name) => double.Parse(words[Array.IndexOf(words, name) + 1], CultureInfo.InvariantCulture);
        var network = Network<float>.Load(model);
        var table = Backprop.Data.DataFile.Load<float>(data, new() { Target = "label", Drop = ["w"] });
        var counts = new ClassCounts(2);
        var predicted = network.PredictClasses(table.Data.X);
        for (int i = 0; i < predicted.Length; i++) counts.Add((int)table.Data.Y.Span[i], predicted[i]);
        Assert.Equal(Math.Round(counts.MacroF1, 4), Printed("macro_f1"));
        Assert.Equal(Math.Round(counts.BalancedAccuracy, 4), Printed("balanced_acc"));
    }

    [Fact]
    public void AResumedRunKeepsItsWeightsAndRefusesOthers()
    {
        var data = Imbalanced();
        string ck = Dir.Path("ck");
        Assert.Equal(0, CliRun.Of("train", "--data", data, "--target", "label", "--drop", "w", "--class-weight", "rare=5", "--epochs", "1", "--checkpoint-dir", ck).ExitCode);
        CliRun.Of("train", "--resume", ck, "--epochs", "2", "--class-weight", "rare=9")
            .AssertOneLineError("this run differs from the checkpoint's: class weights: 'rare=5' in the checkpoint's run, 'rare=9' now", BackpropCli.UsageError);
        var resumed = CliRun.Of("train", "--resume", ck, "--epochs", "2");
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("class weights common 1, rare 5", resumed.Stdout);
    }
}
