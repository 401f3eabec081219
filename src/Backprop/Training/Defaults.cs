using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;

namespace Backprop.Training;

/// <summary>
/// The one table of training defaults for tabular data, read by <c>backprop train</c> (data files and built-in tables),
/// <c>Network.For</c>,
/// the ML.NET trainer's options and the playground. Chosen by measurement against scikit-learn's <c>MLPClassifier</c>/<c>MLPRegressor</c> on every
/// built-in data set (docs/guide.md, "Defaults against scikit-learn"): one hidden layer of 64 ReLU units whose weights and biases start as
/// scikit-learn's do (U(−√(6/(fan_in+fan_out)), +√(6/(fan_in+fan_out)))), Adam at 0.001 with weight decay 1e-4 (scikit-learn's alpha),
/// batches of 32, a cosine schedule η_t = η₀·(1 + cos(π·t/T))/2 over up to 200 epochs, stopping after 10 epochs in which the monitored loss
/// did not improve by 1e-4, features standardised, 20% of the rows held out for the test and none for validation.
/// </summary>
public static class Defaults
{
    /// <summary>Units of each hidden layer: one layer of 64.</summary>
    public static IReadOnlyList<int> Hidden { get; } = [64];

    /// <summary>The hidden layers' activation: ReLU.</summary>
    public static Activation Activation => Activation.Relu;

    /// <summary>How weights and biases start: scikit-learn's uniform within the Glorot bound.</summary>
    public static Initializer Init => Initializer.SklearnUniform;

    /// <summary>The optimizer's registered name: Adam.</summary>
    public const string OptimizerName = "adam";

    /// <summary>The learning rate η₀: 0.001.</summary>
    public const double LearningRate = 0.001;

    /// <summary>The optimizer's weight decay (an L2 penalty λ·w added to each weight's gradient): 1e-4.</summary>
    public const double WeightDecay = 1e-4;

    /// <summary>The optimizer these defaults describe: Adam at <see cref="LearningRate"/> with <see cref="WeightDecay"/> (a new record each call).</summary>
    public static OptimizerOptions Optimizer() => new AdamOptions { LearningRate = LearningRate, WeightDecay = WeightDecay };

    /// <summary>Rows per mini-batch: 32.</summary>
    public const int BatchSize = 32;

    /// <summary>The learning-rate schedule, as <c>--schedule</c> names it: cosine annealing to 0 over the epochs.</summary>
    public const string Schedule = "cosine";

    /// <summary>The most epochs: 200.</summary>
    public const int Epochs = 200;

    /// <summary>Epochs without an improvement of the monitored loss before training stops: 10.</summary>
    public const int Patience = 10;

    /// <summary>The least improvement of the training loss that counts (scikit-learn's tol): 1e-4.</summary>
    public const double MinDelta = 1e-4;

    /// <summary>How the features are scaled: standardised (mean 0, deviation 1).</summary>
    public static Scaling Scaling => Data.Scaling.Standard;

    /// <summary>The share of rows held out for validation: none (every row not tested trains).</summary>
    public const double ValidationFraction = 0;

    /// <summary>The share of rows held out for the test: 20%.</summary>
    public const double TestFraction = 0.2;
}
