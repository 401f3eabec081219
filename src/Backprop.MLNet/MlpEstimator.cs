using Backprop.Data;
using Backprop.Errors;
using Backprop.IO;
using Backprop.MLNet.Tasks;
using Backprop.Nn;
using Backprop.Training;
using Backprop.Training.Schedules;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet;

/// <summary>
/// An ML.NET trainer for a multi-layer perceptron trained by backpropagation, made by the <c>Mlp</c> extension methods of
/// <c>mlContext.MulticlassClassification.Trainers</c>, <c>BinaryClassification.Trainers</c> and <c>Regression.Trainers</c>.
/// <see cref="GetOutputSchema"/> checks the columns as ML.NET's own trainers do (the feature column a known-size vector of Single; the
/// label a key for multi-class, Boolean for binary, Single for regression) and in their words. <see cref="Fit"/> reads the rows through the
/// <see cref="IDataView"/> cursor: one pass for the scaling statistics, then a new cursor every epoch whose rows fill a mini-batch buffer
/// (see <see cref="MlpOptions.Shuffle"/> for the order), so data larger than memory trains.
/// </summary>
public sealed class MlpEstimator : IEstimator<MlpTransformer>
{
    private readonly MlpTask _task;

    internal MlpEstimator(MlpTask task, string labelColumnName, string featureColumnName, MlpOptions? options)
    {
        _task = task;
        LabelColumnName = labelColumnName ?? throw new ArgumentNullException(nameof(labelColumnName));
        FeatureColumnName = featureColumnName ?? throw new ArgumentNullException(nameof(featureColumnName));
        Options = options ?? new MlpOptions();
        Options.Validate();
    }

    /// <summary>The label column.</summary>
    public string LabelColumnName { get; }

    /// <summary>The feature column: a known-size vector of Single.</summary>
    public string FeatureColumnName { get; }

    /// <summary>The network and training settings.</summary>
    public MlpOptions Options { get; }

    /// <summary>Called with each batch's row count before its step.</summary>
    internal Action<int>? OnBatch { get; init; }

    /// <summary>The input columns plus the prediction columns (Score and PredictedLabel; Probability for binary; Score for regression).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type, in ML.NET's words.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        SchemaChecks.CheckFeatures(SchemaChecks.Find(inputSchema, "feature", FeatureColumnName), FeatureColumnName);
        _task.CheckLabel(SchemaChecks.Find(inputSchema, "label", LabelColumnName), LabelColumnName);
        bool named = inputSchema.First(c => c.Name == LabelColumnName).Annotations.Any(a => a.Name == "KeyValues");
        return _task.Mapping(new MLContext(), ShapeModel(named), FeatureColumnName).GetOutputSchema(inputSchema);
    }

    /// <summary>Trains on <paramref name="input"/>'s rows and returns the transformer that adds the prediction columns.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type, in ML.NET's words.</exception>
    /// <exception cref="BackpropException">No row to train on (Input), a network over the parameter budget, e.g. for a label key of millions of
    /// values (Setting), or the loss became NaN or infinite (Training).</exception>
    public MlpTransformer Fit(IDataView input)
    {
        SchemaChecks.CheckFeatures(SchemaChecks.Find(input.Schema, "feature", FeatureColumnName), FeatureColumnName);
        _task.CheckLabel(SchemaChecks.Find(input.Schema, "label", LabelColumnName), LabelColumnName);
        var ml = new MLContext(unchecked((int)Options.Seed));
        var rows = new TrainingRows(ml, input, FeatureColumnName, LabelColumnName, _task, Options) { OnBatch = OnBatch };
        int[] sizes = [rows.Features, .. Options.HiddenLayers, _task.Outputs(input.Schema[LabelColumnName])];
        try { ParameterBudget.Check(sizes); } // before a row is read or a weight allocated: a key of millions of values is a setting, not a memory error
        catch (BackpropException e) { throw BackpropException.BadSetting($"MLP trainer: feature column '{FeatureColumnName}' and label column '{LabelColumnName}': {e.Message}", e); }
        var statistics = rows.Measure();
        if (statistics.Rows == 0)
            throw BackpropException.BadInput($"MLP trainer: no row to train on: every row has a missing or infinite label in '{LabelColumnName}' or a NaN or infinite value in '{FeatureColumnName}'.");
        var network = CreateNetwork(input.Schema[LabelColumnName], sizes, statistics);
        Train(network, rows);
        return new MlpTransformer(network, _task, FeatureColumnName);
    }

    private Network<float> CreateNetwork(DataViewSchema.Column label, int[] sizes, RowStatistics statistics)
    {
        var model = Mlp.Create<float>(sizes, Options.ParsedActivation, seed: Options.Seed, init: Options.Init);
        var scaler = Options.StandardizeFeatures ? Scaler.FromState(new ScalerState("standard", statistics.FeatureMeans, statistics.FeatureDeviations)) : null;
        var targetScaler = _task.Kind == TaskKind.Regression
            ? Scaler.FromState(new ScalerState("standard", [statistics.TargetMean], [statistics.TargetDeviation])) : null;
        var metadata = new ModelMetadata
        {
            Task = _task.Kind,
            ClassNames = _task.ClassNames(label),
            TargetName = LabelColumnName,
            Other = new Dictionary<string, string>(_task.LabelFacts(label)) { [MlpTransformer.TaskKey] = _task.Name, [MlpTransformer.FeatureColumnKey] = FeatureColumnName },
        };
        return new Network<float>(model, _task.Loss, scaler, metadata, scaler is null ? Scaling.None : Scaling.Standard, targetScaler, Options.EffectiveOptimizer);
    }

    // Epochs of mini-batch steps with the cosine schedule, stopping when the training loss stalls.
    private void Train(Network<float> network, TrainingRows rows)
    {
        var step = new TrainingStep<float>(network.Model, network.Loss, network.Optimizer, Options.BatchSize);
        var schedule = new CosineAnnealingLR(Options.Epochs);
        double baseRate = network.Optimizer.LearningRate, best = double.PositiveInfinity;
        int stale = 0;
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            if (Options.CosineSchedule) network.Optimizer.LearningRate = schedule.RateAt(epoch - 1, baseRate);
            double lossSum = 0;
            long seen = 0;
            rows.Epoch(unchecked((int)Options.Seed + epoch), network.Scaler, network.TargetScaler, (x, y, n) =>
            {
                lossSum += step.Run(x, y, n).Loss * n;
                seen += n;
                if (step.NonFinite is { } what)
                    throw new BackpropException(ErrorKind.Training, $"MLP trainer: epoch {epoch}: {what}; try a lower learning rate.");
            });
            double loss = lossSum / seen;
            if (Options.EarlyStoppingPatience == 0) continue;
            if (loss < best - Options.EarlyStoppingMinDelta) (best, stale) = (loss, 0);
            else if (++stale >= Options.EarlyStoppingPatience) break;
        }
    }

    // An untrained network of the right shape for GetOutputSchema, which reads no data (the class count is not known yet, and a shape has
    // no sizes); with class names when the label's key has names, so that PredictedLabel's shape has key values as it will after training.
    private RowModel ShapeModel(bool namedClasses)
    {
        int outputs = _task.Probabilities ? 2 : 1;
        var metadata = new ModelMetadata { ClassNames = namedClasses && _task.Probabilities ? ["0", "1"] : null };
        return new(new Network<float>(Mlp.Create<float>([1, outputs], Activation.Identity), _task.Loss, metadata: metadata), _task.Probabilities);
    }
}
