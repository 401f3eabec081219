using System.Globalization;
using System.Numerics;
using Backprop.Data;
using Backprop.IO;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>
/// The everyday workflow in one object, Keras-style: an MLP with its loss, the feature scaler fitted on the training data,
/// and what the data's columns mean. <c>Fit</c>, <c>Evaluate</c> and <c>Predict</c> take raw (unscaled) features;
/// <c>Save</c> writes one safetensors file that <c>Load</c> (or PyTorch) reads back.
/// </summary>
public sealed class Network<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Wraps a model, its loss and optionally a fitted scaler and the data's description.</summary>
    public Network(Sequential<T> model, Loss loss, Scaler? scaler = null, ModelMetadata? metadata = null, string? scale = "standard",
        Scaler? targetScaler = null)
    {
        Model = model; Loss = loss; Scaler = scaler; TargetScaler = targetScaler;
        Metadata = metadata ?? new ModelMetadata();
        ScaleKind = scale;
    }

    /// <summary>The layers.</summary>
    public Sequential<T> Model { get; }

    /// <summary>The loss trained against; it also says how outputs become predictions.</summary>
    public Loss Loss { get; }

    /// <summary>The feature scaler, fitted by the first <see cref="Fit"/> (null before, or when scaling is off).</summary>
    public Scaler? Scaler { get; private set; }

    /// <summary>For regression, the standard scaler of the targets fitted by the first <see cref="Fit"/>: the model learns
    /// standardised targets (so the learning rate does not depend on the targets' units) and predictions are mapped back.</summary>
    public Scaler? TargetScaler { get; private set; }

    /// <summary>Which scaler <see cref="Fit"/> fits: <c>standard</c>, <c>minmax</c> or null for none.</summary>
    public string? ScaleKind { get; }

    /// <summary>Feature names, class names, task and the other facts saved with the model.</summary>
    public ModelMetadata Metadata { get; private set; }

    /// <summary>Class names (classification) or null.</summary>
    public IReadOnlyList<string>? ClassNames => Metadata.ClassNames;

    /// <summary>
    /// An MLP sized for <paramref name="data"/>: inputs = its features, outputs = its classes (or target width), hidden layers
    /// <paramref name="hidden"/> (default one of 64) with <paramref name="activation"/> (default ReLU); loss softmax cross-entropy
    /// for classification, mean squared error for regression, unless given.
    /// </summary>
    public static Network<T> For(Dataset<T> data, IReadOnlyList<int>? hidden = null, Activation? activation = null, Loss? loss = null,
        string? scale = "standard", ulong seed = 0, ModelMetadata? metadata = null)
    {
        loss ??= data.Classes > 0 ? new CrossEntropy() : new MeanSquaredError();
        int outputs = data.Classes > 0 ? loss.OutputsFor(data.Classes) : data.Outputs;
        int[] sizes = [data.Features, .. hidden ?? [64], outputs];
        var model = Mlp.Create<T>(sizes, activation ?? Activation.Relu, seed: seed);
        return new Network<T>(model, loss, null, metadata, scale);
    }

    /// <summary>An MLP for loaded tabular data, remembering its columns and class names.</summary>
    public static Network<T> For(TabularData<T> data, IReadOnlyList<int>? hidden = null, Activation? activation = null, Loss? loss = null,
        string? scale = "standard", ulong seed = 0)
        => For(data.Data, hidden, activation, loss, scale, seed, ModelMetadata.From(data.Schema));

    /// <summary>
    /// Fits the scaler on <paramref name="train"/> (first call only), then trains with <paramref name="optimizer"/> (sgd or adam) at <paramref name="learningRate"/>;
    /// <paramref name="validation"/> is scaled with the same statistics. Progress arrives through the options' callbacks.
    /// </summary>
    public IReadOnlyList<EpochReport> Fit(Dataset<T> train, double learningRate, TrainOptions? options = null, Dataset<T>? validation = null,
        string optimizer = "sgd")
    {
        options ??= new TrainOptions();
        if (Scaler is null && ScaleKind is not null) Scaler = Scaler.Fit(ScaleKind, train.X);
        if (TargetScaler is null && !Loss.IsClassification) TargetScaler = StandardScaler.Fit(AsColumns(train.Y));
        Optimizer<T> update = optimizer.ToLowerInvariant() switch
        {
            "sgd" => new Sgd<T>(Model.Parameters(), learningRate),
            "adam" => new Adam<T>(Model.Parameters(), learningRate),
            _ => throw new FormatException($"Unknown optimizer '{optimizer}'; expected sgd or adam."),
        };
        var history = Trainer.Fit(Model, Loss, update, Scaled(train), options,
            validation is null ? null : Scaled(validation));
        var c = CultureInfo.InvariantCulture;
        Metadata = Metadata with
        {
            Training = new Dictionary<string, string>
            {
                ["optimizer"] = optimizer.ToLowerInvariant(), ["learning_rate"] = learningRate.ToString(c), ["epochs"] = options.Epochs.ToString(c),
                ["batch_size"] = options.BatchSize.ToString(c), ["seed"] = options.Seed.ToString(c), ["scale"] = ScaleKind ?? "none",
                ["train_examples"] = train.Count.ToString(c),
            },
        };
        return history;
    }

    /// <summary>Loss and accuracy (classification), or loss, MSE, MAE and R² in the targets' own units (regression), on raw data.</summary>
    public Metrics Evaluate(Dataset<T> data)
    {
        if (Plan is { } plan) return PlanInference.Evaluate(plan, Loss, data, Scaler, Loss.IsClassification ? null : TargetScaler);
        if (Loss.IsClassification || TargetScaler is null) return Trainer.Evaluate(Model, Loss, Scaled(data));
        var predictions = Predict(data.X);
        var targets = data.Y.Rank == 1 && predictions.Rank == 2 ? data.Y.Reshape(-1, 1) : data.Y;
        double loss;
        using (Autograd.GradMode.NoGrad()) loss = double.CreateTruncating(Loss.Compute(predictions, targets).Item);
        var (mse, mae, r2) = Metrics.RegressionOf(predictions, targets);
        return new Metrics(loss, null, mse, mae, r2);
    }

    /// <summary>Class probabilities [N, classes] (or [N, 1] for a sigmoid output), or predicted values, for raw features [N, F].</summary>
    public Tensor<T> Predict(Tensor<T> x)
    {
        if (Plan is { } plan) return PlanInference.Predict(plan, Loss, x, Scaler, TargetScaler);
        var output = Trainer.Predict(Model, Loss, Scaler?.Transform(x) ?? x);
        return TargetScaler?.InverseTransform(output) ?? output;
    }

    // Evaluate and Predict run on the layer plan (made once, in chunks of Trainer.ChunkRows rows) when the model allows one.
    private LayerPlan<T>? Plan
    {
        get
        {
            if (!_planned) (_plan, _planned) = (LayerPlan<T>.TryCreate(Model, Trainer.ChunkRows), true);
            return _plan;
        }
    }
    private LayerPlan<T>? _plan;
    private bool _planned;

    /// <summary>The predicted class index of each row (classification only).</summary>
    public int[] PredictClasses(Tensor<T> x)
    {
        if (!Loss.IsClassification) throw new InvalidOperationException($"PredictClasses: the network does regression (loss {Loss.Name}).");
        var p = Predict(x);
        return Metrics.Classes(p, p.Shape[1]);
    }

    /// <summary>Writes the model, its scaler and metadata to a safetensors file (temporary name, then renamed).</summary>
    public void Save(string path) => ModelFile.Save(path, Model, Metadata with
    {
        Architecture = Architecture.Of(Model, Loss.Name),
        Scaler = Scaler?.ToState(),
        TargetScaler = TargetScaler?.ToState(),
        Version = ModelMetadata.LibraryVersion,
    });

    /// <summary>Reads a network written by <see cref="Save"/> (or a PyTorch file, given its <paramref name="architecture"/>).</summary>
    public static Network<T> Load(string path, Architecture? architecture = null)
    {
        var loaded = ModelFile.Load<T>(path, architecture);
        var meta = loaded.Metadata;
        var lossName = meta.Architecture?.Loss ?? architecture?.Loss;
        var loss = lossName is not null ? Nn.Loss.Parse(lossName)
            : meta.Task == TaskKind.Regression ? new MeanSquaredError() : (Loss)new CrossEntropy();
        var scaler = meta.Scaler is null ? null : Scaler.FromState(meta.Scaler);
        var targetScaler = meta.TargetScaler is null ? null : Scaler.FromState(meta.TargetScaler);
        return new Network<T>(loaded.Model, loss, scaler, meta, scaler?.Kind, targetScaler);
    }

    // Features through the feature scaler, regression targets through the target scaler.
    private Dataset<T> Scaled(Dataset<T> data)
    {
        var x = Scaler?.Transform(data.X) ?? data.X;
        var y = TargetScaler is null ? data.Y : TargetScaler.Transform(AsColumns(data.Y)).Reshape(data.Y.Shape.ToArray());
        return new Dataset<T>(x, y, data.Classes);
    }

    private static Tensor<T> AsColumns(Tensor<T> y) => y.Rank == 1 ? y.Reshape(-1, 1) : y;
}
