using System.Globalization;
using Backprop.Tests.Support;
using Backprop.Tests.Training;

namespace Backprop.Tests.Cli;

public class CalibrateCliTests : TempDirTest
{
    private string NoisyFile()
    {
        var data = CalibrationTests.Noisy(1000, 7);
        var lines = new List<string> { "a,b,c,d,label" };
        for (int r = 0; r < data.Count; r++)
            lines.Add(string.Join(",", Enumerable.Range(0, 4).Select(j => data.X[r, j].ToString("R", CultureInfo.InvariantCulture))) + "," + "xyz"[(int)data.Y.Span[r]]);
        string path = Dir.Path("noisy.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static double Ece(CliRun run) =>
        double.Parse(run.StdoutLines.Single(l => l.StartsWith("expected calibration error ", StringComparison.Ordinal)).Split(' ')[3], CultureInfo.InvariantCulture);

    [Fact]
    public void CalibrateLowersTheCalibrationErrorThatEvaluatePrints()
    {
        string data = NoisyFile(), raw = Dir.Path("raw.safetensors"), calibrated = Dir.Path("cal.safetensors"), test = Dir.Path("test.csv");
        string[] common = ["train", "--data", data, "--hidden", "64,64", "--epochs", "60", "--lr", "0.01", "--weight-decay", "0", "--patience", "0", "--validation", "0.25", "--test-last", "250"];
        File.WriteAllLines(test, File.ReadAllLines(data).Take(1).Concat(File.ReadAllLines(data).TakeLast(250)));
        Assert.Equal(0, CliRun.Of([.. common, "--out", raw]).ExitCode);
        var run = CliRun.Of([.. common, "--out", calibrated, "--calibrate"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^calibrated: temperature \d+\.?\d* fitted on the 187 validation rows \(their loss \d\.\d{4} -> \d\.\d{4}, ECE", run.StdoutLines.Single(l => l.StartsWith("calibrated", StringComparison.Ordinal)));
        var before = CliRun.Of("evaluate", "--model", raw, "--data", test);
        var after = CliRun.Of("evaluate", "--model", calibrated, "--data", test, "--plot-reliability", Dir.Path("rel.png"));
        Assert.Contains("(15 equal-width confidence bins)", after.Stdout);
        Assert.True(Ece(after) < Ece(before) / 2, $"ECE {Ece(before)} -> {Ece(after)}");
        Assert.Contains("saved reliability diagram to", after.Stdout);
        Assert.Equal((800, 800), PngHeader.Size(Dir.Path("rel.png")));
        Assert.Contains("Temperature(", CliRun.Of("info", "--model", calibrated).Stdout);
    }

    [Fact]
    public void CalibrateNeedsValidationRowsAndClasses()
    {
        CliRun.Of("train", "--data", "iris", "--calibrate", "--epochs", "1").AssertOneLineError("--calibrate fits the temperature on the validation rows; give --validation", 2);
        CliRun.Of("train", "--data", "auto-mpg", "--calibrate", "--validation", "0.2", "--epochs", "1").AssertOneLineError("--calibrate fits a temperature to class probabilities", 2);
    }
}
