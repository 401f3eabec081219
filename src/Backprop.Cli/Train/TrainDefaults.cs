using System.Globalization;
using Backprop.Data;
using Backprop.Nn;
using Backprop.Training;

namespace Backprop.Cli.Train;

/// <summary>
/// The settings <c>backprop train</c> uses for every option left out, per kind of data; <c>--help</c> shows them as a table.
/// Each generated set keeps the settings tuned for it (unscaled features: they already lie within a few units of 0; no early
/// stopping; 70/15/15 split). Data files and built-in sets use the library's table of defaults (<see cref="Defaults"/>), chosen by measurement against scikit-learn's MLP on
/// every built-in set (docs/guide.md, "Defaults against scikit-learn"): one hidden layer of 64 ReLUs whose weights and biases start as
/// scikit-learn's do (uniform within the Glorot bound),
/// Adam at 0.001 with weight decay 1e-4 (an L2 penalty, like scikit-learn's alpha) annealed to 0 by a cosine schedule, batches of 32, up to 200 epochs, stopping when the training loss has not
/// improved by 1e-4 for 10 epochs (no validation rows: all of them train), standard scaling, 20% test rows. MNIST is not scaled: its loader
/// already maps pixels to [0, 1], and standardising nearly constant border pixels makes the network overfit them (test accuracy
/// 0.953 against 0.962 unscaled with these defaults, seed 1).
/// </summary>
/// <param name="Data">The data the row is for, as <c>--data</c> names it.</param>
/// <param name="Loss">The loss, or null for the task's (<see cref="TaskRules.DefaultLoss"/>).</param>
/// <param name="Patience">Epochs without a better monitored loss (validation loss, or training loss when there are no validation rows) before stopping; 0 = no early stopping.</param>
/// <param name="Schedule">The learning-rate schedule, as <c>--schedule</c> names it.</param>
/// <param name="Init">The weight initialiser (null or <see cref="Initializer.Default"/>: by the activation).</param>
/// <param name="WeightDecay">The default optimizer's weight decay (an L2 penalty); another optimizer starts from its own.</param>
internal sealed record TrainDefaults(string Data, int[] Hidden, Activation Activation, Loss? Loss, string Optimizer, double LearningRate,
    int BatchSize, int Epochs, int Patience, Scaling Scaling, SplitPolicy Split, string Schedule = "none", Initializer? Init = null, double WeightDecay = 0)
{
    private static readonly SplitPolicy GeneratedSplit = new(0.15, 0.15);

    private static readonly TrainDefaults[] Generated =
    [
        new("spirals", [32, 32], Activation.Relu, new CrossEntropy(), "sgd", 0.2, 32, 200, 0, Scaling.None, GeneratedSplit),
        new("xor", [8], Activation.Tanh, new CrossEntropy(), "sgd", 0.5, 16, 30, 0, Scaling.None, GeneratedSplit),
        new("moons", [16, 16], Activation.Tanh, new CrossEntropy(), "sgd", 0.2, 16, 100, 0, Scaling.None, GeneratedSplit),
        new("circles", [16, 16], Activation.Tanh, new CrossEntropy(), "sgd", 0.2, 16, 100, 0, Scaling.None, GeneratedSplit),
        new("sine", [32, 32], Activation.Tanh, new HalfSquaredError(), "sgd", 0.1, 16, 100, 0, Scaling.None, GeneratedSplit),
    ];

    /// <summary>Data files and built-in tables.</summary>
    public static TrainDefaults Files { get; } = new("NAME|FILE", [.. Defaults.Hidden], Defaults.Activation, null, Defaults.OptimizerName, Defaults.LearningRate,
        Defaults.BatchSize, Defaults.Epochs, Defaults.Patience, Defaults.Scaling, new SplitPolicy(Defaults.ValidationFraction, Defaults.TestFraction),
        Defaults.Schedule, Defaults.Init, Defaults.WeightDecay);

    /// <summary>MNIST (built in or from a directory of IDX files).</summary>
    public static TrainDefaults Images { get; } = Files with { Data = "mnist[:DIR]", Scaling = Scaling.None };

    /// <summary>The defaults for <paramref name="source"/>.</summary>
    public static TrainDefaults For(DataSource source) => source.Generated is { } g ? Generated[(int)g] : source.IsImages ? Images : Files;

    /// <summary>The table of every kind of data's defaults, one line each under a heading of option names, as <c>--help</c> shows it.</summary>
    public static IEnumerable<string> Table()
    {
        var c = CultureInfo.InvariantCulture;
        string[] heading = ["--data", "--hidden", "--activation", "--loss", "--optimizer", "--lr", "--weight-decay", "--schedule", "--batch-size", "--epochs", "--patience", "--scale", "--validation", "--test-fraction", "--init"];
        var rows = Generated.Append(Files).Append(Images).Select(d => new[]
        {
            d.Data, string.Join(",", d.Hidden), d.Activation.ToString(), d.Loss?.Name ?? "softmax_ce|mse_mean", d.Optimizer, d.LearningRate.ToString(c), d.WeightDecay.ToString(c), d.Schedule,
            d.BatchSize.ToString(c), d.Epochs.ToString(c), d.Patience.ToString(c), d.Scaling.Name, d.Split.Validation.ToString(c), d.Split.Test.ToString(c),
            d.Init is null || d.Init == Initializer.Default ? "by-activation" : d.Init.Name,
        }).Prepend(heading).ToList();
        int[] widths = [.. heading.Select((_, i) => rows.Max(r => r[i].Length))];
        return rows.Select(r => "  " + string.Join("  ", r.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
    }
}
