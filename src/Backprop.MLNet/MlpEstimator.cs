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
/// <see cref="IDataView"/> cursor: one pass for the scaling statistics, then the library's training loop (<see cref="Trainer.Fit{T}"/>) reads
/// the rows as a batch source, a new cursor every epoch whose rows fill a mini-batch buffer (see <see cref="MlpOptions.Shuffle"/> for the
/// order), so data larger than memory trains. Rows no more than <see cref="MlpOptions.ShufflePoolSize"/> (which the shuffle would hold anyway)
/// are read once into memory and trained exactly as <see cref="Network{T}.Fit"/> and the CLI train them: the same seed gives the same model.
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
        int outputs = _task.Outputs(input.Schema[LabelColumnName]);
        using var rows = new TrainingRows(ml, input, FeatureColumnName, LabelColumnName, _task, Options, _task.Loss.Task == TaskKind.Classification ? outputs : 0)
        {
            OnBatch = OnBatch,
        };
        int[] sizes = [rows.Features, .. Options.HiddenLayers, outputs];
        try { ParameterBudget.Check(sizes); } // before a row is read or a weight allocated: a key of millions of values is a setting, not a memory error
        catch (BackpropException e) { throw BackpropException.BadSetting($"MLP trainer: feature column '{FeatureColumnName}' and label column '{LabelColumnName}': {e.Message}", e); }
        var statistics = rows.Measure();
        if (statistics.Rows == 0)
            throw BackpropException.BadInput($"MLP trainer: no row to train on: every row has a missing or infinite label in '{LabelColumnName}' or a NaN or infinite value in '{FeatureColumnName}'.");
        // Rows that fit the shuffle pool are held anyway: they train as a Dataset, shuffled and scaled exactly as Network.Fit and the CLI do.
        bool inMemory = rows.Count <= Options.ShufflePoolSize;
        var network = CreateNetwork(input.Schema[LabelColumnName], sizes, inMemory ? null : statistics);
        try { network.Fit(inMemory ? rows.InMemory() : rows, TrainOptions()); }
        catch (BackpropException e) when (e.Kind == ErrorKind.Training) { throw new BackpropException(ErrorKind.Training, $"MLP trainer: {e.Message}", e); }
        return new MlpTransformer(network, _task, FeatureColumnName);
    }

    // The network, with its scalers when statistics are given (streamed rows); else Network.Fit fits them on the rows in memory.
    private Network<float> CreateNetwork(DataViewSchema.Column label, int[] sizes, RowStatistics? statistics)
    {
        var model = Mlp.Create<float>(sizes, Options.ParsedActivation, seed: Options.Seed, init: Options.Init);
        var scaler = Options.StandardizeFeatures && statistics is not null
            ? Scaler.FromState(new ScalerState("standard", statistics.FeatureMeans, statistics.FeatureDeviations)) : null;
        var targetScaler = _task.Kind == TaskKind.Regression && statistics is not null
            ? Scaler.FromState(new ScalerState("standard", [statistics.TargetMean], [statistics.TargetDeviation])) : null;
        var metadata = new ModelMetadata
        {
            Task = _task.Kind,
            ClassNames = _task.ClassNames(label),
            TargetName = LabelColumnName,
            Other = new Dictionary<string, string>(_task.LabelFacts(label)) { [MlpTransformer.TaskKey] = _task.Name, [MlpTransformer.FeatureColumnKey] = FeatureColumnName },
        };
        return new Network<float>(model, _task.Loss, scaler, metadata, Options.StandardizeFeatures ? Scaling.Standard : Scaling.None, targetScaler, Options.EffectiveOptimizer);
    }

    // The library's loop with these options: the cosine schedule and early stopping on the training loss, as the CLI trains a file.
    private TrainOptions TrainOptions()
    {
        ITrainingCallback?[] callbacks =
        [
            Options.EarlyStoppingPatience > 0 ? new EarlyStopping(Options.EarlyStoppingPatience, Options.EarlyStoppingMinDelta, monitor: MonitoredMetric.Loss) : null,
            Options.CosineSchedule ? new CosineAnnealingLR(Options.Epochs) : null,
        ];
        return new TrainOptions
        {
            Epochs = Options.Epochs, BatchSize = Options.BatchSize, Seed = Options.Seed, Shuffle = Options.Shuffle,
            Callbacks = [.. callbacks.OfType<ITrainingCallback>()],
        };
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
