using Backprop.Errors;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Training;

namespace Backprop.MLNet;

/// <summary>
/// How an <see cref="MlpEstimator"/> builds and trains its network. The defaults are the library's table for tabular files
/// (<see cref="Defaults"/>; docs/guide.md, "Defaults against scikit-learn"): one hidden layer of 64 ReLU units whose weights and biases start as
/// scikit-learn's do (<see cref="Initializer.SklearnUniform"/>), Adam at 0.001 with weight decay 1e-4,
/// batches of 32, a cosine schedule over up to 200 epochs, stopping when the training loss has not improved by 1e-4 for 10 epochs,
/// features standardised (and, for regression, the label) with statistics taken in one streaming pass over the data.
/// </summary>
public sealed record MlpOptions
{
    /// <summary>Units of each hidden layer, input side first (default one layer of 64).</summary>
    public IReadOnlyList<int> HiddenLayers { get; init; } = Defaults.Hidden;

    /// <summary>The hidden layers' activation by the library's name: relu, tanh, sigmoid, gelu, silu, elu, softplus, leaky_relu, ... (default relu).</summary>
    public string Activation { get; init; } = Defaults.Activation.ToString();

    /// <summary>How the weights (and, for some choices, the biases) start (default <see cref="Initializer.SklearnUniform"/>, as the CLI's for files).</summary>
    public Initializer Init { get; init; } = Defaults.Init;

    /// <summary>The optimizer and its hyper-parameters (default Adam, learning rate 0.001, weight decay 1e-4).</summary>
    public OptimizerOptions Optimizer { get; init; } = Defaults.Optimizer();

    /// <summary>When set, replaces <see cref="Optimizer"/>'s learning rate.</summary>
    public double? LearningRate { get; init; }

    /// <summary>The most epochs to train (default 200).</summary>
    public int Epochs { get; init; } = Defaults.Epochs;

    /// <summary>Rows per mini-batch (default 32): the rows held in memory for a step, whatever the size of the data.</summary>
    public int BatchSize { get; init; } = Defaults.BatchSize;

    /// <summary>Seeds the weights and the shuffling (default 0): the same seed and data give the same model.</summary>
    public ulong Seed { get; init; }

    /// <summary>Anneals the learning rate to 0 along a cosine over <see cref="Epochs"/> (default true).</summary>
    public bool CosineSchedule { get; init; } = true;

    /// <summary>Stops after this many epochs without the training loss improving by <see cref="EarlyStoppingMinDelta"/> (default 10; 0 trains every epoch).</summary>
    public int EarlyStoppingPatience { get; init; } = Defaults.Patience;

    /// <summary>The improvement of the training loss that counts (default 1e-4).</summary>
    public double EarlyStoppingMinDelta { get; init; } = Defaults.MinDelta;

    /// <summary>Standardises each feature to mean 0 and deviation 1 inside the model (default true; harmless after ML.NET's own normalizers).</summary>
    public bool StandardizeFeatures { get; init; } = true;

    /// <summary>
    /// Shuffles the rows each epoch (default true) through ML.NET's <c>ShuffleRows</c>: a pool of <see cref="ShufflePoolSize"/> rows, and
    /// a shuffled cursor from the source when it can give one (an in-memory or cached view: put <c>AppendCacheCheckpoint</c> before the
    /// trainer when the data fits in memory for a full shuffle). False reads the rows in order every epoch.
    /// </summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Rows in the shuffle pool (default 1000, ML.NET's default for <c>ShuffleRows</c>): the memory shuffling uses.</summary>
    public int ShufflePoolSize { get; init; } = 1000;

    /// <summary>The optimizer with <see cref="LearningRate"/> applied.</summary>
    internal OptimizerOptions EffectiveOptimizer => LearningRate is { } rate ? Optimizer with { LearningRate = rate } : Optimizer;

    /// <summary>Throws <see cref="BackpropException"/> (Setting) naming the first option out of range.</summary>
    internal void Validate()
    {
        if (HiddenLayers is null || HiddenLayers.Any(units => units < 1))
            throw BackpropException.BadSetting($"MlpOptions.HiddenLayers: every hidden layer needs at least 1 unit; got [{string.Join(", ", HiddenLayers ?? [])}].");
        if (Epochs < 1) throw BackpropException.BadSetting($"MlpOptions.Epochs must be at least 1; got {Epochs}.");
        if (BatchSize < 1) throw BackpropException.BadSetting($"MlpOptions.BatchSize must be at least 1; got {BatchSize}.");
        if (EarlyStoppingPatience < 0) throw BackpropException.BadSetting($"MlpOptions.EarlyStoppingPatience must be 0 or more; got {EarlyStoppingPatience}.");
        if (!(EarlyStoppingMinDelta >= 0)) throw BackpropException.BadSetting($"MlpOptions.EarlyStoppingMinDelta must be 0 or more; got {EarlyStoppingMinDelta}.");
        if (ShufflePoolSize < 1) throw BackpropException.BadSetting($"MlpOptions.ShufflePoolSize must be at least 1; got {ShufflePoolSize}.");
        if (LearningRate is { } rate && !(rate > 0 && double.IsFinite(rate)))
            throw BackpropException.BadSetting($"MlpOptions.LearningRate must be a finite number above 0; got {rate}.");
        try { Nn.Activation.Parse(Activation); }
        catch (Exception e) when (e is ArgumentException or FormatException or BackpropException)
        { throw BackpropException.BadSetting($"MlpOptions.Activation: {e.Message}", e); }
        EffectiveOptimizer.Validate();
    }

    internal Activation ParsedActivation => Nn.Activation.Parse(Activation);
}
