using System.Globalization;
using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;

namespace Backprop.Cli.Train;

/// <summary>
/// Complete settings of a run on a data file, a built-in data set or MNIST. The defaults were chosen by experiment on the built-in data sets
/// (docs/guide.md): one hidden layer of 64 ReLUs, SGD at 0.01, batches of 32, up to 200 epochs with early stopping after 10
/// epochs without a better validation loss, standard scaling, 20% validation and 20% test rows, seed 1.
/// </summary>
internal sealed record FileTrainSettings(int[] Hidden, Activation Activation, Loss? Loss, string Optimizer, double LearningRate,
    int Epochs, int BatchSize, int? Patience, string? Scale, double Validation, double TestFraction, ulong Seed)
{
    public static readonly int[] DefaultHidden = [64];
    public const double DefaultLearningRate = 0.01, DefaultValidation = 0.2, DefaultTestFraction = 0.2;
    public const int DefaultEpochs = 200, DefaultBatchSize = 32, DefaultPatience = 10;

    /// <summary>The help line listing the defaults for data files.</summary>
    public static string HelpLine => string.Create(CultureInfo.InvariantCulture,
        $"  FILE     --hidden {string.Join(",", DefaultHidden)} --activation relu --loss softmax_ce|mse_mean --optimizer sgd --lr {DefaultLearningRate} --batch-size {DefaultBatchSize} --epochs {DefaultEpochs} --patience {DefaultPatience} --scale standard --validation {DefaultValidation} --test-fraction {DefaultTestFraction}");

    /// <summary>Fills in the defaults; the sizes of <c>--layers</c> are checked against the data later (see <see cref="HiddenFor"/>).</summary>
    public static FileTrainSettings Resolve(TrainArguments args, TrainExtras extras, DataSource source)
    {
        if (args.Layers is not null && extras.Hidden is not null)
            throw new UsageException("--layers and --hidden both give the hidden layers; give one");
        if (new[] { extras.TestFile is not null, extras.TestLast is not null, extras.TestFraction is not null }.Count(b => b) > 1)
            throw new UsageException("--test, --test-last and --test-fraction each choose the test rows; give one");
        double validation = extras.Validation ?? DefaultValidation, test = extras.TestFraction ?? DefaultTestFraction;
        if (extras.TestFile is null && extras.TestLast is null && validation + test >= 1)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--validation {validation} and --test-fraction {test} leave no training rows; they must add up to less than 1"));
        int? patience = extras.Patience is 0 ? null : extras.Patience ?? DefaultPatience;
        if (validation == 0 && extras.Patience is > 0)
            throw new UsageException("--patience needs validation rows to watch; --validation is 0");
        if (validation == 0) patience = null;
        return new FileTrainSettings(args.Layers?[1..^1] ?? extras.Hidden ?? DefaultHidden, args.Hidden ?? Activation.Relu, args.Loss,
            extras.Optimizer ?? "sgd", args.LearningRate ?? DefaultLearningRate, args.Epochs ?? DefaultEpochs, args.BatchSize ?? DefaultBatchSize,
            patience, ScaleFor(extras.Scale, source), validation, test, args.Seed);
    }

    /// <summary>
    /// The scaler name, or null for none. Default: standard, except for MNIST, whose loader already maps pixels to [0, 1]: standardising
    /// them divides nearly constant border pixels by tiny deviations, and the network overfits them (test accuracy 0.934 against 0.946 unscaled).
    /// </summary>
    private static string? ScaleFor(string? given, DataSource source) => (given ?? (source.IsImages ? "none" : "standard")) switch
    {
        "none" => null,
        var kind => kind,
    };

    /// <summary>The optimizer <c>--optimizer</c> and <c>--lr</c> describe.</summary>
    public OptimizerOptions OptimizerOptions => Optimizer switch
    {
        "sgd" => new SgdOptions { LearningRate = LearningRate },
        "adam" => new AdamOptions { LearningRate = LearningRate },
        var other => throw new UsageException($"--optimizer {other}: expected sgd or adam"),
    };

    /// <summary>The feature scaling <c>--scale</c> names.</summary>
    public Scaling Scaling => Scale is null ? Scaling.None : ScalingNames.Parse(Scale);

    /// <summary>Checks that <c>--layers</c>, if given, starts with the data's features and ends with its outputs, and that the loss fits the task.</summary>
    public void Check(int[]? layers, string data, int features, int classes)
    {
        if (classes == 0 && Loss is { IsClassification: true })
            throw new UsageException($"--loss {Loss.Name} is a classification loss, but the target of {data} is numeric (regression); use mse_mean or mse_half, or --task classification");
        if (classes > 0 && Loss is { IsClassification: false })
            throw new UsageException($"--loss {Loss.Name} is a regression loss, but {data} has {classes} classes; use softmax_ce" + (classes == 2 ? " or bce_logits" : "") + ", or --task regression");
        if (Loss is BinaryCrossEntropy && classes != 2)
            throw new UsageException($"--loss bce_logits needs two classes, but {data} has {classes}; use softmax_ce");
        int outputs = classes == 0 || Loss is BinaryCrossEntropy ? 1 : classes;
        if (layers is null) return;
        string given = string.Join("-", layers);
        if (layers[0] != features)
            throw new UsageException($"--layers {given}: the input size must be {features}, the number of features of {data}; got {layers[0]}");
        if (layers[^1] != outputs)
            throw new UsageException($"--layers {given}: the output size must be {outputs} for {data}" + (classes > 0 ? $" ({classes} classes)" : "") + $"; got {layers[^1]}");
    }

    /// <summary>A one-line description of the network and training settings.</summary>
    public string Describe(IReadOnlyList<int> sizes, Loss loss) => string.Create(CultureInfo.InvariantCulture,
        $"layers {string.Join("-", sizes)}, activation {Activation}, loss {loss.Name}, {Optimizer} lr {LearningRate}, batch {BatchSize}, " +
        $"{Epochs} epochs{(Patience is { } p ? $" (patience {p})" : "")}, scale {Scale ?? "none"}, seed {Seed}");
}
