using System.Globalization;
using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Training;

namespace Backprop.Cli.Train;

/// <summary>Complete settings of one <c>backprop train</c> run: what the user gave, the data's defaults (<see cref="TrainDefaults"/>) for the rest.</summary>
/// <param name="Layers">The full sizes of <c>--layers</c>, checked against the data by <see cref="LossFor"/>; null when the hidden sizes were given.</param>
/// <param name="Loss">The loss, or null for the task's default.</param>
/// <param name="Patience">Early stopping's patience, or null for none.</param>
/// <param name="OptimizerOptions">The optimizer <c>--optimizer</c>, <c>--lr</c> and its hyper-parameter options describe.</param>
internal sealed record TrainSettings(int[]? Layers, int[] Hidden, Activation Activation, Loss? Loss, string Optimizer, double LearningRate,
    int Epochs, int BatchSize, int? Patience, Scaling Scaling, SplitPolicy Split, ulong Seed, OptimizerOptions OptimizerOptions)
{
    /// <summary>The hyper-parameters given besides <c>--lr</c>, by PyTorch's names (<c>weight_decay 0.0001</c>), for the header; empty when none.</summary>
    public IReadOnlyDictionary<string, double> OptimizerGiven { get; init; } = new Dictionary<string, double>();

    /// <summary>The learning-rate schedule as <c>--schedule</c> names it (<c>none</c> for a constant rate).</summary>
    public string Schedule { get; init; } = "none";

    /// <summary>The weight initialiser.</summary>
    public Initializer Init { get; init; } = Initializer.Default;

    /// <summary>Fills in the data's defaults and checks the options against each other; throws <see cref="UsageException"/> when they conflict.</summary>
    public static TrainSettings Resolve(TrainArguments args)
    {
        var defaults = TrainDefaults.For(args.Data);
        if (args.Layers is not null && args.Hidden is not null)
            throw new UsageException("--layers and --hidden both give the hidden layers; give one");
        if (new[] { args.TestFile is not null, args.TestLast is not null, args.TestFraction is not null }.Count(b => b) > 1)
            throw new UsageException("--test, --test-last and --test-fraction each choose the test rows; give one");
        double validation = args.Validation ?? defaults.Split.Validation;
        bool testElsewhere = args.TestFile is not null || args.TestLast is not null || (args.TestFraction is null && args.Data.BuiltIn is { TestFile: not null });
        double test = testElsewhere ? 0 : args.TestFraction ?? defaults.Split.Test;
        SplitPolicy split;
        try { split = new SplitPolicy(validation, test); }
        catch (ArgumentOutOfRangeException)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--validation {validation} and --test-fraction {test} leave no training rows; they must add up to less than 1"));
        }
        // Without validation rows, early stopping watches the training loss unless told otherwise (as scikit-learn's MLP does).
        bool watchesValidation = args.Toolbox.Monitor?.NeedsValidation ?? validation > 0;
        if (validation == 0 && args.Patience is > 0 && watchesValidation)
            throw new UsageException("--patience needs validation rows to watch; --validation is 0 (or --monitor loss)");
        int patience = args.Patience ?? defaults.Patience;
        string optimizer = args.Optimizer ?? defaults.Optimizer;
        // The data's learning rate was tuned for its default optimizer; another optimizer starts from its own default (Adam: 1e-3, as PyTorch).
        bool defaultOptimizer = optimizer == defaults.Optimizer;
        var given = defaultOptimizer && defaults.WeightDecay > 0 && !args.OptimizerSettings.ContainsKey("weight_decay")
            ? new Dictionary<string, double>(args.OptimizerSettings) { ["weight_decay"] = defaults.WeightDecay } : args.OptimizerSettings;
        var optimizerOptions = OptimizerOptionSet.Resolve(optimizer, args.LearningRate ?? (defaultOptimizer ? defaults.LearningRate : null), given);
        return new TrainSettings(args.Layers, args.Layers?[1..^1] ?? args.Hidden ?? defaults.Hidden, args.Activation ?? defaults.Activation, args.Loss ?? defaults.Loss,
            optimizer, optimizerOptions.LearningRate, args.Epochs ?? defaults.Epochs, args.BatchSize ?? defaults.BatchSize,
            patience > 0 ? patience : null, args.Scale is { } scale ? Scalers.Parse(scale) : defaults.Scaling, split, args.Seed, optimizerOptions)
        { OptimizerGiven = given, Schedule = args.Toolbox.Schedule ?? defaults.Schedule, Init = args.Toolbox.Init ?? defaults.Init ?? Initializer.Default };
    }

    /// <summary>
    /// The loss for <paramref name="data"/>, after checking that it suits the task (<see cref="TaskRules.FitOf"/>) and that <c>--layers</c>, if given, starts with the features and ends
    /// with the outputs the loss needs (<see cref="TaskRules.Outputs"/>).
    /// </summary>
    public Loss LossFor(TrainData data)
    {
        int features = data.All.Features, classes = data.Classes;
        if (data.Table?.Task == TaskKind.Binary) return MultilabelLoss(data);
        string task = data.Table is null ? "" : classes == 0 ? ", or --task classification" : ", or --task regression";
        var loss = Loss ?? TaskRules.DefaultLoss(classes);
        string regression = classes == 2 ? "softmax_ce or bce_logits" : "softmax_ce";
        switch (TaskRules.FitOf(loss, classes))
        {
            case LossFit.ClassificationLossForRegression:
                throw new UsageException($"--loss {loss.Name} is a classification loss, but {data.Name} has a numeric target (regression); use mse_mean or mse_half{task}");
            case LossFit.RegressionLossForClasses:
                throw new UsageException($"--loss {loss.Name} is a regression loss, but {data.Name} has {classes} classes (classification); use {regression}{task}");
            case LossFit.BinaryLossNeedsTwoClasses:
                throw new UsageException($"--loss bce_logits needs two classes, but {data.Name} has {classes}; use softmax_ce");
        }
        if (Layers is null) return loss;
        int outputs = TaskRules.Outputs(loss, classes);
        string given = string.Join("-", Layers);
        if (Layers[0] != features)
            throw new UsageException($"--layers {given}: the input size must be {features}, the number of features of {data.Name}; got {Layers[0]}");
        if (Layers[^1] != outputs)
            throw new UsageException($"--layers {given}: the output size must be {outputs} for {data.Name} with loss {loss.Name} ({OutputsReason(loss, classes)}); got {Layers[^1]}");
        return loss;
    }

    // A multilabel table: binary cross-entropy (a sigmoid per label) unless told otherwise, and --layers ending with one output per label.
    private Loss MultilabelLoss(TrainData data)
    {
        var loss = Loss ?? new BinaryCrossEntropy();
        int labels = data.All.TargetWidth;
        if (loss.Task != TaskKind.Binary) throw new UsageException($"--loss {loss.Name}: --task multilabel trains a sigmoid per label; use bce_logits");
        if (Layers is { } sizes && (sizes[0] != data.All.Features || sizes[^1] != labels))
            throw new UsageException($"--layers {string.Join("-", sizes)}: {data.Name} needs {data.All.Features} inputs and {labels} outputs, one per label");
        return loss;
    }

    private static string OutputsReason(Loss loss, int classes) =>
        classes == 0 ? "one predicted value" : loss.OutputsFor(classes) == 1 ? "one logit for the probability of class 1" : $"one logit per class, {classes} classes";

    /// <summary>The line that opens a run: the data and its split, the network and training settings, and whether training runs on the
    /// layer plan or falls back to autograd, and why (<paramref name="unplanned"/>, null when planned).</summary>
    public string Header(TrainData data, IReadOnlyList<int> sizes, Loss loss, string? unplanned) => string.Create(CultureInfo.InvariantCulture,
        $"train {data.Name}{data.Note}: {data.Train.Count} train / {data.Validation?.Count ?? 0} validation / {data.Test.Count} test examples ({data.TestDescription}){data.Columns}; " +
        $"layers {string.Join("-", sizes)}, activation {Activation}, loss {loss.Name}, {Optimizer} lr {LearningRate}{string.Concat(OptimizerGiven.Select(h => " " + h.Key + " " + h.Value.ToString(CultureInfo.InvariantCulture)))}, batch {BatchSize}, " +
        $"{Epochs} epochs{(Patience is { } p ? $" (patience {p})" : "")}, scale {Scaling.Name}, seed {Seed}, {(unplanned is null ? "planned" : $"autograd: {unplanned}")}");
}
