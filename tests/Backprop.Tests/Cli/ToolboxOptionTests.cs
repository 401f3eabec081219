using System.Globalization;
using Backprop.Cli;
using Backprop.Tests.Data;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

/// <summary><c>backprop train</c>'s schedules, warm-up, monitor, CSV log and initialiser options, on every kind of data, and their usage errors.</summary>
public sealed class ToolboxOptionTests : TempDirTest
{
    /// <summary>The log's rows as numbers by column name.</summary>
    private static List<Dictionary<string, double>> ReadLog(string path)
    {
        var lines = File.ReadAllLines(path);
        var names = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => l.Split(',').Select((cell, i) => (names[i], double.Parse(cell, CultureInfo.InvariantCulture))).ToDictionary())];
    }

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Abs(expected) + 1e-18, $"{what}: expected {expected}, got {actual}");

    [Fact]
    public void CosineWithWarmUpLogsTheRateOfEveryEpoch()
    {
        string log = Dir.Path("iris.csv");
        var run = BuiltInCommands.Train(BuiltInCommands.Iris, "--optimizer", "adam", "--lr", "0.01", "--epochs", "20", "--patience", "0",
            "--schedule", "cosine", "--warmup", "5", "--log-csv", log);
        Assert.EndsWith("planned, init sklearn_uniform, schedule cosine (T_max 15, eta_min 0), 5 warm-up epochs, log " + log, run.StdoutLines[0]);
        var rows = ReadLog(log);
        Assert.Equal(20, rows.Count);
        for (int t = 0; t < 20; t++)
        {
            // SequentialLR([LinearLR(1/3, total_iters=5), CosineAnnealingLR(T_max=15)], milestones=[5]) at epoch index t
            double expected = t < 5 ? 0.01 * (1.0 / 3 + 2.0 / 3 * t / 5) : 0.01 * (1 + Math.Cos(Math.PI * (t - 5) / 15)) / 2;
            Assert.Equal(t + 1, rows[t]["epoch"]);
            AssertClose(expected, rows[t]["learning_rate"], $"epoch {t + 1}");
        }
        Assert.True(run.TestMetric("acc") > 0.8);
    }

    [Fact]
    public void PlateauReducesTheRateAsKerasWouldFromTheLoggedValidationLoss()
    {
        string log = Dir.Path("spirals.csv");
        var run = BuiltInCommands.Train(["--data", "spirals"], "--epochs", "30", "--schedule", "plateau", "--factor", "0.5", "--schedule-patience", "1",
            "--min-delta", "0.001", "--log-csv", log);
        Assert.Contains("schedule plateau (x0.5 after 1 epochs, cooldown 0, min_lr 0), monitor val_loss (min delta 0.001)", run.StdoutLines[0]);
        var rows = ReadLog(log);
        Assert.Equal(30, rows.Count);
        // Keras' rule, written out: reduce when val_loss has not beaten the best by more than min_delta for `patience` epochs
        double lr = 0.2, best = double.PositiveInfinity;
        int wait = 0, reductions = 0;
        foreach (var row in rows)
        {
            AssertClose(lr, row["learning_rate"], $"epoch {row["epoch"]}");
            if (row["val_loss"] < best - 0.001) (best, wait) = (row["val_loss"], 0);
            else if (++wait >= 1) (lr, wait, reductions) = (lr * 0.5, 0, reductions + 1);
        }
        Assert.True(reductions > 0, "the scripted rule never reduced: the test checks nothing");
    }

    [Fact]
    public void OneCycleStepsPerBatchOnADataFileWithAnInitialiser()
    {
        string log = Dir.Path("onecycle.csv");
        var run = BuiltInCommands.Train(["--data", RepoData.Path("iris/iris.data")], "--optimizer", "adam", "--epochs", "10", "--batch-size", "30", "--patience", "0",
            "--schedule", "onecycle", "--max-lr", "0.05", "--init", "torch_linear", "--log-csv", log, "--validation", "0.2");
        Assert.Contains("init torch_linear, schedule onecycle (max_lr 0.05, 30 steps, pct_start 0.3, momentum 0.95-0.85-0.95)", run.StdoutLines[0]); // 90 rows / 30 = 3 steps × 10 epochs
        var rates = ReadLog(log).Select(r => r["learning_rate"]).ToArray();
        // OneCycleLR(max_lr=0.05, total_steps=30): phase 1 to step 0.3 · 30 − 1 = 8, phase 2 to step 29; epoch e starts after 3(e − 1) steps
        double initial = 0.05 / 25, final = initial / 1e4;
        double Cos(double a, double b, double p) => b + (a - b) / 2 * (Math.Cos(Math.PI * p) + 1);
        for (int e = 0; e < 10; e++)
        {
            int t = 3 * e;
            AssertClose(t <= 8 ? Cos(initial, 0.05, t / 8.0) : Cos(0.05, final, (t - 8) / 21.0), rates[e], $"epoch {e + 1}");
        }
        Assert.Equal(initial, rates[0], 15);
    }

    [Theory]
    [InlineData("xor", "step")]
    [InlineData("sine", "exponential")]
    [InlineData("wine", "multistep")]
    public void EveryScheduleRunsOnEveryKindOfData(string data, string schedule)
    {
        string log = Dir.Path(data + ".csv");
        var run = BuiltInCommands.Train(["--data", data], "--epochs", "8", "--schedule", schedule, "--warmup", "2", "--init", "lecun_uniform", "--log-csv", log);
        Assert.Contains($"init lecun_uniform, schedule {schedule}", run.StdoutLines[0]);
        var rates = ReadLog(log).Select(r => r["learning_rate"]).ToArray();
        Assert.True(rates.Length >= 2 && rates[0] < rates[2], "warm-up rises");
        Assert.True(rates[^1] < rates[2], "then the schedule decays");
    }

    [Fact]
    public void EarlyStoppingWatchesTheMonitorInItsDirection()
    {
        var run = BuiltInCommands.Train(BuiltInCommands.Wine, "--epochs", "60", "--patience", "3", "--monitor", "val_accuracy", "--min-delta", "0.01", "--validation", "0.2");
        Assert.Contains("monitor val_accuracy (min delta 0.01)", run.StdoutLines[0]);
        Assert.Contains(run.StdoutLines, l => l.StartsWith("stopped early") && l.Contains("no better val_accuracy for 3 epochs"));
    }

    [Fact]
    public void TheTrainingLossCanBeWatchedWithoutValidationRows()
    {
        var run = BuiltInCommands.Train(BuiltInCommands.Iris, "--validation", "0", "--patience", "2", "--monitor", "loss", "--epochs", "5");
        Assert.Contains("(patience 2)", run.StdoutLines[0]);
    }

    [Theory]
    [InlineData("--step-size is a parameter of --schedule step; the schedule is cosine", "--schedule", "cosine", "--step-size", "3")]
    [InlineData("--gamma is a parameter of --schedule step or multistep or exponential; the schedule is cosine", "--gamma", "0.5")]
    [InlineData("--warmup does not go with --schedule onecycle", "--schedule", "onecycle", "--warmup", "2")]
    [InlineData("--base-momentum is a parameter of --schedule onecycle; the schedule is cosine", "--schedule", "cosine", "--base-momentum", "0.8")]
    [InlineData("--no-cycle-momentum is a parameter of --schedule onecycle; the schedule is cosine", "--schedule", "cosine", "--no-cycle-momentum")]
    [InlineData("--max-momentum must be a number in [0, 1); got 1", "--schedule", "onecycle", "--max-momentum", "1")]
    [InlineData("--schedule onecycle cycles the optimizer's momentum (PyTorch's cycle_momentum), but adagrad has neither a momentum nor a β₁; add --no-cycle-momentum", "--optimizer", "adagrad", "--schedule", "onecycle")]
    [InlineData("--warmup 10 must be fewer than the 10 epochs", "--epochs", "10", "--warmup", "10")]
    [InlineData("--monitor val_r2: iris is classification, which reports loss, accuracy, val_loss, val_accuracy", "--monitor", "val_r2")]
    [InlineData("--monitor sets what --patience and --schedule plateau watch, but neither is on", "--patience", "0", "--monitor", "val_accuracy")]
    [InlineData("--monitor val_accuracy needs validation rows, but --validation is 0", "--validation", "0", "--schedule", "plateau", "--monitor", "val_accuracy")]
    [InlineData("--init must be one of default, glorot_uniform", "--init", "xavier")]
    [InlineData("--schedule must be one of none, step, multistep, exponential, cosine, onecycle, plateau, test_decay; got linear", "--schedule", "linear")]
    [InlineData("--gamma must be a number in (0, 1]; got 1.5", "--gamma", "1.5")]
    [InlineData("--factor must be a number in (0, 1); got 1", "--factor", "1")]
    [InlineData("--milestones: '3' in 5,3 is not an epoch after the one before", "--milestones", "5,3")]
    [InlineData("--monitor must be one of loss, accuracy, val_loss", "--monitor", "val_f1")]
    [InlineData("--log-csv nodir/x.csv: directory", "--log-csv", "nodir/x.csv")]
    public void MisfitsAreOneLineUsageErrors(string message, params string[] args) =>
        CliRun.Of(["train", "--data", "iris", .. args]).AssertOneLineError(message, BackpropCli.UsageError);

    [Fact]
    public void HelpListsTheOptionsWithTheirDefaults()
    {
        var help = CliRun.Of("train", "--help").Stdout;
        foreach (var expected in new[] { "--schedule", "Default: none.", "--warmup", "--step-size", "Default: a third of --epochs.", "--milestones", "--gamma",
                     "--min-lr", "--max-lr", "Default: --lr.", "--base-momentum", "Default: 0.85.", "--max-momentum", "Default: 0.95.", "--no-cycle-momentum", "--factor", "--schedule-patience", "Default: 5.", "--cooldown", "--monitor", "Default: val_loss, or loss when --validation is 0.",
                     "--min-delta", "--init", "torch_linear", "--log-csv" })
            Assert.Contains(expected, help);
    }
}
