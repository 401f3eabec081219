using Backprop.Autograd;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Playground.Sessions;

/// <summary>Each dense layer's Z = A·W + b and A = f(Z) for some inputs, the output's A being the loss's prediction (probabilities or values).</summary>
internal static class LayerValues
{
    /// <summary>The forward pass of <paramref name="run"/>'s current weights over <paramref name="x"/> [N, F], in evaluation mode (no dropout), no graph recorded.</summary>
    public static (Tensor<double> Z, Tensor<double> A)[] Of(TrainingRun run, Tensor<double> x)
    {
        using var _ = GradMode.NoGrad();
        var result = new (Tensor<double>, Tensor<double>)[run.Layers.Count];
        var a = x;
        for (int l = 0; l < run.Layers.Count; l++)
        {
            var layer = run.Layers[l];
            var z = a.MatMul(layer.W) + layer.B;
            a = l == run.Layers.Count - 1 ? run.Loss.Predict(z) : z.Apply(layer.Activation);
            result[l] = (z, a);
        }
        return result;
    }

    /// <summary>
    /// Inputs for a grid of <paramref name="size"/> × <paramref name="size"/> points over the plotted plane (row 0 at the top), other features 0
    /// (their mean); a generated set's inputs computed from each point.
    /// </summary>
    public static Tensor<double> Grid(PlaygroundData data, double[] box, int size)
    {
        int f = data.Train.Features;
        var x = new Tensor<double>(new Shape(size * size, f));
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++)
            {
                int row = r * size + c;
                double across = box[0] + (box[1] - box[0]) * (c + 0.5) / size, up = box[3] - (box[3] - box[2]) * (r + 0.5) / size;
                if (data.Plane is { } plane)
                    for (int i = 0; i < f; i++) x.Span[row * f + i] = plane.Inputs[i].Value(across, up);
                else
                {
                    x.Span[row * f + data.PlotX] = across;
                    if (data.PlotY >= 0) x.Span[row * f + data.PlotY] = up;
                }
            }
        return x;
    }
}
