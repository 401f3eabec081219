using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Training;

namespace Backprop.Diagnostics;

/// <summary>The mean |dL/dW| of every layer of a deep network over its first training steps, for one activation.</summary>
/// <param name="Activation">The hidden activation.</param>
/// <param name="MeanAbsGradient">Per Dense layer, first (nearest the input) to last: the mean over the first steps of the mean |dL/dW|.</param>
public sealed record LayerGradients(Activation Activation, IReadOnlyList<double> MeanAbsGradient)
{
    /// <summary>First layer's gradient over the last layer's: far below 1 when gradients vanish on the way back.</summary>
    public double FirstToLastRatio => MeanAbsGradient[0] / MeanAbsGradient[^1];
}

/// <summary>
/// The vanishing-gradient experiment: the same deep MLP with sigmoid, tanh, ReLU and leaky ReLU hidden layers,
/// trained on generated spirals, recording how large each layer's weight gradient is. Backprop multiplies one
/// f'(z) per layer into the gradient; σ'(z) ≤ ¼ and tanh'(z) ≤ 1, so the product shrinks with depth, while ReLU's slope is 1 where active.
/// </summary>
public static class VanishingGradients
{
    /// <summary>The activations compared by default.</summary>
    public static IReadOnlyList<Activation> DefaultActivations { get; } = [Activation.Sigmoid, Activation.Tanh, Activation.Relu, Activation.LeakyRelu()];

    /// <summary>Trains a [2, width × hidden, 3] network for <paramref name="steps"/> SGD steps and averages each layer's mean |dL/dW| over them.</summary>
    public static LayerGradients Measure(Activation activation, int hiddenLayers = 10, int width = 32, int steps = 20,
        int batch = 64, double learningRate = 0.01, ulong seed = 1)
    {
        if (hiddenLayers < 1 || width < 1 || steps < 1 || batch < 1)
            throw new ArgumentOutOfRangeException(nameof(hiddenLayers), $"Vanishing gradients: hidden layers, width, steps and batch must be at least 1 (got {hiddenLayers}, {width}, {steps}, {batch}).");
        var data = Generate.Spirals<double>(perClass: 200, classes: 3, seed: seed);
        int[] sizes = [2, .. Enumerable.Repeat(width, hiddenLayers), 3];
        var model = Mlp.Create<double>(sizes, activation, seed: seed);
        var step = new TrainingStep<double>(model, new CrossEntropy(), new Sgd<double>(model.Parameters(), learningRate), batch);
        var flow = new GradientFlow<double>(model);
        var rng = new Tensors.Rng(seed + 1);
        var order = Enumerable.Range(0, data.Count).ToArray();
        var x = new double[batch * data.Features];
        var y = new double[batch];
        for (int s = 0; s < steps; s++)
        {
            rng.Shuffle(order);
            data.CopyRows(order.AsSpan(0, batch), x, y);
            step.Run(x, y, batch);
            flow.Observe();
        }
        return new LayerGradients(activation, [.. flow.EndEpoch().Select(g => g.MeanAbsGradient)]);
    }
}
