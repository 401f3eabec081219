using Backprop.Diagnostics;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Playground.Sessions;
using Backprop.Tensors;

namespace Backprop.Playground.Inspect;

/// <summary>One unit for one input point: z = a·w + b, a = f(z) and the local derivative f'(z), with the current weights.</summary>
/// <param name="Layer">The layer, from 1.</param>
/// <param name="Unit">The unit, from 0.</param>
/// <param name="Input">The point's features.</param>
/// <param name="Z">The pre-activation z.</param>
/// <param name="A">The activation a = f(z) (for the output layer, the loss's prediction: a probability or the value).</param>
/// <param name="Derivative">f'(z), or null for the output layer, whose f is inside the loss.</param>
/// <param name="Activation">f's name.</param>
/// <param name="Formula">f'(z) as a formula.</param>
public sealed record NodeInspection(int Layer, int Unit, double[] Input, double Z, double A, double? Derivative, string Activation, string Formula)
{
    /// <summary>The terms of z = Σᵢ aᵢ·wᵢ + b: each input aᵢ to the unit (the layer before's activation, or a feature), its weight wᵢ and aᵢ·wᵢ.</summary>
    public IReadOnlyList<NodeTerm> Terms { get; init; } = [];

    /// <summary>The unit's bias b.</summary>
    public double Bias { get; init; }

    /// <summary>δ = dL/dz of this unit for each row of the last step's batch (the loss is the batch's mean), or null before the first step.</summary>
    public double[]? Deltas { get; init; }

    /// <summary>Unit <paramref name="unit"/> of layer <paramref name="layer"/> for <paramref name="input"/> (one value per feature).</summary>
    /// <exception cref="BackpropException">No such layer or unit, or the input has the wrong number of features.</exception>
    internal static NodeInspection Of(TrainingRun run, int layer, int unit, double[] input)
    {
        if (layer < 1 || layer > run.Layers.Count) throw BackpropException.BadSetting($"layer {layer} does not exist (layers 1..{run.Layers.Count})");
        var dense = run.Layers[layer - 1];
        if (unit < 0 || unit >= dense.Outputs) throw BackpropException.BadSetting($"unit {unit} is not in layer {layer} (0..{dense.Outputs - 1})");
        if (input.Length != run.Data.Train.Features)
            throw BackpropException.BadSetting($"the point has {input.Length} values; the network takes {run.Data.Train.Features} features");
        var (z, a) = LayerValues.Of(run, Tensor<double>.FromArray(input, 1, input.Length))[layer - 1];
        bool last = layer == run.Layers.Count;
        var f = last ? Nn.Activation.Identity : dense.Activation;
        double? slope = !last && f is ElementwiseActivation e ? e.Derivative(z.Span[unit], a.Span[unit]) : null;
        var values = LayerValues.Of(run, Tensor<double>.FromArray(input, 1, input.Length));
        var inputs = layer == 1 ? input : values[layer - 2].A.Span.ToArray();
        var terms = inputs.Select((ai, i) => new NodeTerm(ai, dense.W.Span[i * dense.Outputs + unit], ai * dense.W.Span[i * dense.Outputs + unit])).ToList();
        double[]? deltas = null;
        if (run.LastBatch.Rows > 0)
        {
            try
            {
                var dz = StepExplanation.Run(LastStep.Spec(run)).Layers[layer - 1].DZ;
                deltas = [.. Enumerable.Range(0, dz.Shape[0]).Select(r => dz.Span[r * dz.Shape[1] + unit])];
            }
            catch (BackpropException) { } // a step that overflowed has no δ to show
        }
        return new NodeInspection(layer, unit, input, z.Span[unit], a.Span[unit], slope, last ? $"{run.Loss.Name} output" : f.ToString(),
            last ? "inside the loss" : f.Info.Derivative) { Terms = terms, Bias = dense.B.Span[unit], Deltas = deltas };
    }
}

/// <summary>One term aᵢ·wᵢ of a unit's pre-activation z = Σᵢ aᵢ·wᵢ + b.</summary>
/// <param name="Input">aᵢ, the input to the unit.</param>
/// <param name="Weight">wᵢ, its weight.</param>
/// <param name="Product">aᵢ·wᵢ.</param>
public sealed record NodeTerm(double Input, double Weight, double Product);
