using System.Globalization;
using System.Numerics;
using Backprop.Data;
using Backprop.IO;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>
/// The everyday workflow in one object, Keras-style: an MLP with its loss, its optimizer (kept, with its state, across
/// <c>Fit</c> calls so training continues), the feature scaler fitted on the training data, and what the data's columns mean.
/// <c>Fit</c>, <c>Evaluate</c> and <c>Predict</c> take raw (unscaled) features and report in the targets' own units;
/// <c>Save</c> writes one safetensors file that <c>Load</c> (or PyTorch) reads back.
/// </summary>
public sealed class Network<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Wraps a model, its loss, optionally a fitted scaler and the data's description, and the optimizer to train it with
    /// (default <see cref="DefaultOptimizer"/>).</summary>
    public Network(Sequential<T> model, Loss loss, Scaler? scaler = null, ModelMetadata? metadata = null, Scaling? scaling = null,
        Scaler? targetScaler = null, OptimizerOptions? optimizer = null)
    {
        Model = model; Loss = loss; Scaler = scaler; TargetScaler = targetScaler;
        Metadata = metadata ?? new ModelMetadata();
        Scaling = scaling ?? Defaults.Scaling;
        OptimizerOptions = optimizer ?? DefaultOptimizer;
    }

    /// <summary>The optimizer a network trains with unless told otherwise: <see cref="Defaults.Optimizer"/> (Adam at 0.001 with weight decay 1e-4,
    /// as the CLI trains a file), which matched or beat scikit-learn's MLP on the built-in data sets where SGD at 0.01 under-trained (docs/guide.md).</summary>
    public static readonly OptimizerOptions DefaultOptimizer = Defaults.Optimizer();

    /// <summary>The layers.</summary>
    public Sequential<T> Model { get; }

    /// <summary>The loss trained against; it also says how outputs become predictions.</summary>
    public Loss Loss { get; }

    /// <summary>How the optimizer was described.</summary>
    public OptimizerOptions OptimizerOptions { get; }

    /// <summary>The optimizer over <see cref="Model"/>'s parameters; its state (step count, moments) carries over from one <see cref="Fit"/> to the next.
    /// Made on first use (the first <see cref="Fit"/>), so a network loaded only to predict holds no optimizer state (Adam's two parameter-sized buffers).</summary>
    public Optimizer<T> Optimizer => _optimizer ??= OptimizerOptions.Create(Model.Parameters());
    private Optimizer<T>? _optimizer;

    /// <summary>Whether <see cref="Optimizer"/> has been made (tests: loading to predict must not make it).</summary>
    internal bool HasOptimizer => _optimizer is not null;

    /// <summary>Epochs trained so far over all <see cref="Fit"/> calls.</summary>
    public int EpochsTrained { get; private set; }

    /// <summary>The feature scaler, fitted by the first <see cref="Fit"/> (null before, or when scaling is off).</summary>
    public Scaler? Scaler { get; private set; }

    /// <summary>For regression, the standard scaler of the targets fitted by the first <see cref="Fit"/>: the model learns
    /// standardised targets (so the learning rate does not depend on the targets' units) and predictions are mapped back.</summary>
    public Scaler? TargetScaler { get; private set; }

    /// <summary>Which feature scaler <see cref="Fit"/> fits.</summary>
    public Scaling Scaling { get; }

    /// <summary>Feature names, class names, task and the other facts saved with the model.</summary>
    public ModelMetadata Metadata { get; private set; }

    /// <summary>Class names (classification) or null.</summary>
    public IReadOnlyList<string>? ClassNames => Metadata.ClassNames;

    /// <summary>
    /// An MLP sized for <paramref name="data"/>: inputs = its features, outputs = its classes (or target width), hidden layers
    /// <paramref name="hidden"/> (default <see cref="Defaults.Hidden"/>: one of 64) with <paramref name="activation"/> (default ReLU); loss softmax cross-entropy
    /// for classification, mean squared error for regression, unless given; trained by <paramref name="optimizer"/> (default
    /// <see cref="DefaultOptimizer"/>) on features scaled as <paramref name="scaling"/> says; weights start as <paramref name="init"/> says
    /// (default, or null, <see cref="Defaults.Init"/>, scikit-learn's; <see cref="Initializer.Default"/> chooses by the activation). Every default is the
    /// table's (<see cref="Defaults"/>), so the same seed and data train the model the CLI trains. <paramref name="dropout"/> (one probability for all hidden layers or one each),
    /// <paramref name="batchNorm"/> or <paramref name="norm"/> (<c>batch_norm1d</c>, <c>layer_norm</c>) and <paramref name="residual"/> insert layers as <see cref="Mlp.Create{T}"/> does.
    /// </summary>
    public static Network<T> For(Dataset<T> data, IReadOnlyList<int>? hidden = null, Activation? activation = null, Loss? loss = null,
        Scaling? scaling = null, OptimizerOptions? optimizer = null, ulong seed = 0, ModelMetadata? metadata = null,
        Initializer? init = null, IReadOnlyList<double>? dropout = null, bool batchNorm = false, string? norm = null, bool residual = false)
    {
        loss ??= TaskRules.DefaultLoss(data.Classes);
        int outputs = TaskRules.Outputs(loss, data.Classes, data.Outputs);
        int[] sizes = [data.Features, .. hidden ?? Defaults.Hidden, outputs];
        var model = Mlp.Create<T>(sizes, activation ?? Defaults.Activation, seed: seed, init: init ?? Defaults.Init, dropout: dropout, batchNorm: batchNorm, norm: norm, residual: residual);
        return new Network<T>(model, loss, null, metadata, scaling, optimizer: optimizer);
    }

    /// <summary>An MLP for loaded tabular data, remembering its columns and class names; a multilabel table (<see cref="MultiTarget.Labels{T}"/>) gets
    /// binary cross-entropy, a sigmoid per label, unless a loss is given.</summary>
    public static Network<T> For(TabularData<T> data, IReadOnlyList<int>? hidden = null, Activation? activation = null, Loss? loss = null,
        Scaling? scaling = null, OptimizerOptions? optimizer = null, ulong seed = 0, Initializer? init = null,
        IReadOnlyList<double>? dropout = null, bool batchNorm = false, string? norm = null, bool residual = false)
        => For(data.Data, hidden, activation, loss ?? (data.Task == TaskKind.Binary ? new BinaryCrossEntropy() : null), scaling, optimizer, seed,
            ModelMetadata.From(data.Schema), init, dropout, batchNorm, norm, residual);

    /// <summary>
    /// Fits the scalers on <paramref name="train"/> (first call only), then trains <paramref name="options"/>' epochs, continuing
    /// from the epochs, optimizer state and shuffling of earlier calls (so two calls of 5 epochs equal one of 10). Each epoch's
    /// validation metrics are measured on raw <paramref name="validation"/> data in the targets' own units, as <see cref="Evaluate"/>
    /// reports them, and so is the training loss when it is a squared error on one target. Progress arrives through the options' callbacks; the result tells the restored epoch, if any.
    /// <paramref name="train"/> is an in-memory <see cref="Dataset{T}"/> or another <see cref="IBatchSource{T}"/> of raw rows (e.g. a streaming
    /// one); the scalers of a network trained on a source that is not a <see cref="Dataset{T}"/> are given to its constructor.
    /// </summary>
    public FitResult Fit(IBatchSource<T> train, TrainOptions? options = null, Dataset<T>? validation = null)
    {
        options = (options ?? new TrainOptions()) with { InitialEpoch = EpochsTrained };
        if (Scaler is null && Scaling != Scaling.None) Scaler = Unscaling(Scaling.Fit(InMemory(train, "its feature scaler")));
        if (TargetScaler is null && !Loss.IsClassification) TargetScaler = StandardScaler.Fit(AsColumns(InMemory(train, "its target scaler").Y));
        // mini-batches are scaled as they are drawn (no scaled copy of the training data); a full-batch optimizer takes a scaled copy
        bool fullBatch = Optimizer.RequiresClosure;
        var result = Trainer.FitCore(Model, Loss, Optimizer, fullBatch ? Scaled(InMemory(train, Optimizer.GetType().Name.Split('`')[0])) : train, options,
            validation is null ? null : _ => Evaluate(validation), TrainingLossScale(), fullBatch ? null : Scaler, fullBatch ? null : TargetScaler);
        EpochsTrained = result.Position.Epoch - 1;
        var c = CultureInfo.InvariantCulture;
        Metadata = Metadata with
        {
            Training = new Dictionary<string, string>
            {
                ["optimizer"] = OptimizerOptions.Name, ["learning_rate"] = OptimizerOptions.LearningRate.ToString(c), ["epochs"] = EpochsTrained.ToString(c),
                ["batch_size"] = options.BatchSize.ToString(c), ["seed"] = options.Seed.ToString(c), ["scale"] = Scaling.Name,
                ["train_examples"] = train.Count.ToString(c),
            },
        };
        return result;
    }

    /// <summary>Loss and accuracy (classification), or loss, MSE, MAE and R² in the targets' own units (regression), on raw data.</summary>
    public Metrics Evaluate(Dataset<T> data)
    {
        if (Plans is not { } plans) return MetricsOf(ScaledFeatures(data));
        var plan = plans.Rent();
        try { return PlanInference.Evaluate(plan, Loss, data, Scaler, Loss.IsClassification ? null : TargetScaler); }
        finally { plans.Return(plan); }
    }

    // Through the graph, for a model the plan cannot express: metrics of data whose features are scaled and whose targets are raw;
    // regression predictions are mapped back to target units first.
    private Metrics MetricsOf(Dataset<T> data)
    {
        if (Loss.IsClassification || TargetScaler is null) return Trainer.Evaluate(Model, Loss, data);
        var predictions = TargetScaler.InverseTransform(Trainer.Predict(Model, Loss, data.X));
        var targets = data.Y.Rank == 1 && predictions.Rank == 2 ? data.Y.Reshape(-1, 1) : data.Y;
        double loss;
        using (Autograd.GradMode.NoGrad()) loss = double.CreateTruncating(Loss.Compute(predictions, targets).Item);
        return Metrics.Regression(loss, predictions, targets);
    }

    /// <summary>Class probabilities [N, classes] (or [N, 1] for a sigmoid output), or predicted values, for raw features [N, F].</summary>
    public Tensor<T> Predict(Tensor<T> x)
    {
        if (Plans is { } plans)
        {
            var plan = plans.Rent();
            try { return PlanInference.Predict(plan, Loss, x, Scaler, TargetScaler); }
            finally { plans.Return(plan); }
        }
        var output = Trainer.Predict(Model, Loss, Scaler?.Transform(x) ?? x);
        return TargetScaler?.InverseTransform(output) ?? output;
    }

    // Evaluate and Predict run on layer plans (in chunks of Trainer.ChunkRows rows) when the model allows one: one per
    // simultaneous caller, so threads may share a loaded network to predict.
    private PlanPool<T>? Plans => (_plans ??= new Lazy<PlanPool<T>?>(
        () => LayerPlan<T>.TryCreate(Model, Trainer.ChunkRows) is { } plan ? new PlanPool<T>(Model, plan) : null)).Value;
    private Lazy<PlanPool<T>?>? _plans;

    /// <summary>The predicted class index of each row (classification only).</summary>
    public int[] PredictClasses(Tensor<T> x)
    {
        if (!Loss.IsClassification) throw new InvalidOperationException($"PredictClasses: the network does regression (loss {Loss.Name}).");
        var p = Predict(x);
        return Metrics.Classes(p, p.Shape[1]);
    }

    /// <summary>Writes the model, its scaler and metadata to a safetensors file (temporary name, then renamed).</summary>
    public void Save(string path) => ModelFile.Save(path, Model, SavedMetadata());

    /// <summary>Writes the bytes <see cref="Save"/> writes to a file to <paramref name="stream"/> (an archive entry, memory); <see cref="Read"/> reads them.</summary>
    public void Write(Stream stream) => ModelFile.Write(stream, Model, SavedMetadata());

    private ModelMetadata SavedMetadata() => Metadata with
    {
        Architecture = Architecture.TryOf(Model, Loss.Name),
        Loss = Loss.Name,
        Scaler = Scaler?.ToState(),
        TargetScaler = TargetScaler?.ToState(),
        Version = ModelMetadata.LibraryVersion,
    };

    /// <summary>Reads a network written by <see cref="Save"/> (or a PyTorch file, given its <paramref name="architecture"/>).</summary>
    public static Network<T> Load(string path, Architecture? architecture = null) => FromLoaded(ModelFile.Load<T>(path, architecture), architecture);

    /// <summary>Reads a network from the bytes <see cref="Write"/> wrote; <paramref name="name"/> names them in errors.</summary>
    public static Network<T> Read(byte[] bytes, string name) => FromLoaded(ModelFile.Read<T>(bytes, name), null);

    private static Network<T> FromLoaded(LoadedModel<T> loaded, Architecture? architecture)
    {
        var meta = loaded.Metadata;
        var lossName = meta.Loss ?? meta.Architecture?.Loss ?? architecture?.Loss;
        var loss = lossName is not null ? Nn.Loss.Parse(lossName)
            : meta.Task == TaskKind.Regression ? new MeanSquaredError() : (Loss)new CrossEntropy();
        var scaler = meta.Scaler is null ? null : Scaler.FromState(meta.Scaler);
        var targetScaler = meta.TargetScaler is null ? null : Scaler.FromState(meta.TargetScaler);
        return new Network<T>(loaded.Model, loss, scaler, meta, scaler is null ? Scaling.None : Scalers.Parse(scaler.Kind), targetScaler);
    }

    // The fitted scaler with the encoders' one-hot and missing-indicator inputs left as they are (ColumnEncoding.KeepIndicators).
    private Scaler? Unscaling(Scaler? scaler) => scaler is null ? null : Preprocessing.ColumnEncoding.KeepIndicators(scaler, Metadata.Schema?.Encoders);

    // The training rows as a Dataset, which fitting what is named needs.
    private static Dataset<T> InMemory(IBatchSource<T> train, string what) => train as Dataset<T>
        ?? throw new ArgumentException($"Network.Fit: fitting {what} needs the training rows in memory (a Dataset); give the network fitted scalers to train on a streaming source.");

    // A squared error on standardised targets times σ² is the same error in target units; other losses are reported as trained.
    private double TrainingLossScale() =>
        TargetScaler is { Features: 1 } t && Loss.IsSquaredError ? t.Scales[0] * t.Scales[0] : 1;

    // Features through the feature scaler, regression targets through the target scaler.
    private Dataset<T> Scaled(Dataset<T> data)
    {
        var y = TargetScaler is null ? data.Y : TargetScaler.Transform(AsColumns(data.Y)).Reshape(data.Y.Shape.ToArray());
        return new Dataset<T>(Scaler?.Transform(data.X) ?? data.X, y, data.Classes).WithWeights(data.Weights);
    }

    // Features through the feature scaler, targets as they are.
    private Dataset<T> ScaledFeatures(Dataset<T> data) => new(Scaler?.Transform(data.X) ?? data.X, data.Y, data.Classes);

    private static Tensor<T> AsColumns(Tensor<T> y) => y.Rank == 1 ? y.Reshape(-1, 1) : y;
}
