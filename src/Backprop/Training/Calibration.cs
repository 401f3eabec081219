using System.Numerics;
using Backprop.Autograd;
using Backprop.Data;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>
/// Temperature scaling of a trained classifier and how well its probabilities are calibrated. The temperature T &gt; 0 minimises the
/// negative log-likelihood of held-out rows, NLL(T) = loss(z/T, y) with the network's own loss (softmax cross-entropy, or the sigmoid's
/// binary cross-entropy): convex in 1/T, so a golden-section search over log T in [10⁻², 10²] finds it. It is then part of the model
/// (<see cref="Temperature{T}"/> after the last layer), saved, exported and applied by everything that runs the model.
/// </summary>
public static class Calibration
{
    /// <summary>The temperature that minimises the loss of <paramref name="network"/> on <paramref name="validation"/> (raw rows, as
    /// <see cref="Network{T}.Evaluate"/> takes them), with the loss at T = 1 and at that T.</summary>
    /// <exception cref="ArgumentException">The network does regression, or the rows are empty.</exception>
    public static (double Temperature, double LossBefore, double LossAfter) FitTemperature<T>(Network<T> network, Dataset<T> validation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(validation);
        if (!network.Loss.IsClassification) throw new ArgumentException($"Calibration: the network does regression (loss {network.Loss.Name}); temperature scaling is for class probabilities.");
        if (validation.Count == 0) throw new ArgumentException("Calibration: no rows to fit the temperature on.");
        var logits = Logits(network, validation.X);
        var targets = Tensor<double>.FromArray([.. validation.Y.ToArray().Select(double.CreateTruncating)], validation.Y.Shape.ToArray());
        double Nll(double logT)
        {
            double scale = Math.Exp(-logT);
            var z = Tensor<double>.FromArray([.. logits.ToArray().Select(v => v * scale)], logits.Shape.ToArray());
            return network.Loss.Compute(z, targets).Item;
        }
        const double Phi = 0.6180339887498949;
        double a = Math.Log(1e-2), b = Math.Log(1e2);
        double c = b - Phi * (b - a), d = a + Phi * (b - a), fc = Nll(c), fd = Nll(d);
        for (int i = 0; i < 100; i++)
        {
            if (fc < fd) { b = d; d = c; fd = fc; c = b - Phi * (b - a); fc = Nll(c); }
            else { a = c; c = d; fc = fd; d = a + Phi * (b - a); fd = Nll(d); }
        }
        double logBest = (a + b) / 2;
        return (Math.Exp(logBest), Nll(0), Nll(logBest));
    }

    /// <summary><paramref name="network"/> with a <see cref="Temperature{T}"/> of T appended after its last layer (its layers are shared,
    /// not copied), and T fitted on <paramref name="validation"/> as <see cref="FitTemperature{T}"/> says.</summary>
    public static (Network<T> Calibrated, double Temperature, double LossBefore, double LossAfter) Calibrate<T>(Network<T> network, Dataset<T> validation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (temperature, before, after) = FitTemperature(network, validation);
        var model = new Sequential<T>([.. network.Model.Layers, new Temperature<T>(temperature)]);
        return (new Network<T>(model, network.Loss, network.Scaler, network.Metadata, network.Scaling, network.TargetScaler, network.OptimizerOptions), temperature, before, after);
    }

    /// <summary>
    /// The reliability of <paramref name="probabilities"/> [N, C] (or [N, 1] of a sigmoid: the probability of class 1) against class
    /// <paramref name="labels"/> [N]: each row's confidence (its largest class probability) falls in one of <paramref name="bins"/> equal-width
    /// bins of [0, 1]; ECE = Σ_b (n_b/N)·|accuracy_b − confidence_b| (Guo et al. 2017; 15 bins as they use).
    /// </summary>
    public static ReliabilityDiagram Reliability<T>(Tensor<T> probabilities, Tensor<T> labels, int bins = 15) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), $"Reliability: bins must be at least 1; got {bins}.");
        int n = probabilities.Shape[0], k = n == 0 ? 1 : probabilities.Length / n;
        if (labels.Length != n) throw new ArgumentException($"Reliability: {labels.Length} labels for {n} rows of probabilities.", nameof(labels));
        var counts = new int[bins];
        var confidence = new double[bins];
        var correct = new double[bins];
        var p = probabilities.Span;
        for (int r = 0; r < n; r++)
        {
            int predicted; double top;
            if (k == 1) { double one = double.CreateTruncating(p[r]); (predicted, top) = one >= 0.5 ? (1, one) : (0, 1 - one); }
            else
            {
                predicted = 0;
                for (int j = 1; j < k; j++) if (p[r * k + j] > p[r * k + predicted]) predicted = j;
                top = double.CreateTruncating(p[r * k + predicted]);
            }
            int bin = Math.Clamp((int)Math.Ceiling(top * bins) - 1, 0, bins - 1); // (lo, hi]: 1.0 in the last bin
            counts[bin]++;
            confidence[bin] += top;
            if (predicted == int.CreateTruncating(T.Round(labels.Span[r]))) correct[bin]++;
        }
        var result = new ReliabilityBin[bins];
        double ece = 0;
        for (int b = 0; b < bins; b++)
        {
            double conf = counts[b] == 0 ? 0 : confidence[b] / counts[b], acc = counts[b] == 0 ? 0 : correct[b] / counts[b];
            result[b] = new ReliabilityBin((double)b / bins, (double)(b + 1) / bins, counts[b], conf, acc);
            if (n > 0) ece += (double)counts[b] / n * Math.Abs(acc - conf);
        }
        return new ReliabilityDiagram(result, ece);
    }

    // The model's outputs before the loss's softmax or sigmoid, in double, for raw rows x (evaluation mode, no graph).
    private static Tensor<double> Logits<T>(Network<T> network, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var model = network.Model;
        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var _ = GradMode.NoGrad();
            var z = model.Forward(network.Scaler?.Transform(x) ?? x);
            return Tensor<double>.FromArray([.. z.ToArray().Select(double.CreateTruncating)], z.Shape.ToArray());
        }
        finally { model.Train(wasTraining); }
    }
}
