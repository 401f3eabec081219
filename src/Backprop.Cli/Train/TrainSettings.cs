using Backprop.Nn;

namespace Backprop.Cli.Train;

/// <summary>What the user typed for <c>backprop train</c>; null means "use the data set's default".</summary>
internal sealed record TrainArguments(DataChoice Data, int[]? Layers, Activation? Hidden, Loss? Loss,
    double? LearningRate, int? Epochs, int? BatchSize, ulong Seed, bool GradReport = false);

/// <summary>Complete, checked settings of one training run.</summary>
internal sealed record TrainSettings(DataChoice Data, int[] Layers, Activation Hidden, Loss Loss,
    double LearningRate, int Epochs, int BatchSize, ulong Seed)
{
    /// <summary>Fills in the data set's defaults and checks that the network and loss fit the data; throws <see cref="UsageException"/> if not.</summary>
    public static TrainSettings Resolve(TrainArguments args, int features, int classes)
    {
        var defaults = DataSets.Defaults(args.Data);
        string data = DataSets.Name(args.Data);
        var loss = args.Loss ?? defaults.Loss;
        CheckLoss(loss, data, classes);
        int outputs = classes == 0 ? 1 : loss is BinaryCrossEntropy ? 1 : classes;
        var layers = args.Layers ?? [.. defaults.Layers[..^1], outputs];
        string given = string.Join("-", layers);
        if (layers[0] != features)
            throw new UsageException($"--layers {given}: the input size must be {features}, the number of features of {data}; got {layers[0]}");
        if (layers[^1] != outputs)
            throw new UsageException($"--layers {given}: the output size must be {outputs} for {data} with loss {loss.Name} ({OutputsReason(loss, classes)}); got {layers[^1]}");
        return new TrainSettings(args.Data, layers, args.Hidden ?? defaults.Hidden, loss,
            args.LearningRate ?? defaults.LearningRate, args.Epochs ?? defaults.Epochs, args.BatchSize ?? defaults.BatchSize, args.Seed);
    }

    public bool IsClassification => Loss.IsClassification;

    private static void CheckLoss(Loss loss, string data, int classes)
    {
        if (classes == 0 && loss.IsClassification)
            throw new UsageException($"--loss {loss.Name} is a classification loss, but {data} is a regression data set; use mse_half or mse_mean");
        if (classes > 0 && !loss.IsClassification)
            throw new UsageException($"--loss {loss.Name} is a regression loss, but {data} is a classification data set; use softmax_ce" + (classes == 2 ? " or bce_logits" : ""));
        if (loss is BinaryCrossEntropy && classes != 2)
            throw new UsageException($"--loss bce_logits needs two classes, but {data} has {classes}; use softmax_ce");
    }

    private static string OutputsReason(Loss loss, int classes) =>
        classes == 0 ? "one predicted value" : loss is BinaryCrossEntropy ? "one logit for the probability of class 1" : $"one logit per class, {classes} classes";
}
