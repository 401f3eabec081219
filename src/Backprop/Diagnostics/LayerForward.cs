using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Diagnostics;

/// <summary>The forward values of one layer: Z = Input·W + b, A = f(Z); what a walk-through shows before any gradient.</summary>
/// <param name="Index">1-based layer number.</param>
/// <param name="Activation">The layer's activation.</param>
/// <param name="ActivationInLoss">True when the activation is the loss's own softmax/sigmoid (A is then the probabilities P).</param>
/// <param name="Input">The layer's input, A of the layer before (X for the first).</param>
/// <param name="W">Weights [in, out].</param>
/// <param name="B">Bias [out].</param>
/// <param name="Z">Z = Input·W + b.</param>
/// <param name="A">A = f(Z) (with <paramref name="ActivationInLoss"/>, the probabilities).</param>
public sealed record LayerForward(int Index, Activation Activation, bool ActivationInLoss, Tensor<double> Input, Tensor<double> W, Tensor<double> B,
    Tensor<double> Z, Tensor<double> A)
{
    /// <summary>The batch normalisation between Z and the activation (then A = f(Norm.Y)), or null.</summary>
    public BatchNormStep? Norm { get; init; }

    /// <summary>The number of A (and of what the activation reads): the batch norm's layer number when there is one, else <see cref="Index"/>.</summary>
    public int OutputIndex => Norm?.Index ?? Index;

    /// <summary>What the activation reads: the batch norm's Y, else Z.</summary>
    public Tensor<double> PreActivation => Norm?.Y ?? Z;

    /// <summary>Layer <paramref name="i"/>'s (0-based) number as the model names its parameters: from 1, a batch norm taking the number after its layer's.</summary>
    internal static int Number(IReadOnlyList<LayerSpec> layers, int i) => i + 1 + layers.Take(i).Count(l => l.Norm is not null);


    /// <summary>Runs the layers of <paramref name="layers"/> on <paramref name="x"/> on the engine in double: z = input·W + b, then the
    /// batch norm y = γ·x̂ + β when the layer has one, then the activation (or, for the last layer when <paramref name="lastInLoss"/>, nothing: the loss applies its own). With
    /// <paramref name="track"/> the weights (and γ, β) are fresh leaves that record gradients; the returned A of a layer in the loss is what the activation would read.</summary>
    internal static List<(Tensor<double> In, Tensor<double> W, Tensor<double> B, Tensor<double> Z, Tensor<double> A, bool InLoss, NormValues? Norm)> Run(
        IReadOnlyList<LayerSpec> layers, Tensor<double> x, bool lastInLoss, bool track)
    {
        var input = x;
        var forward = new List<(Tensor<double>, Tensor<double>, Tensor<double>, Tensor<double>, Tensor<double>, bool, NormValues?)>();
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var w = layer.W.Clone(); w.RequiresGrad = track;
            var b = layer.B.Clone(); b.RequiresGrad = track;
            var z = input.MatMul(w) + b;
            NormValues? norm = null;
            if (layer.Norm is { } n)
            {
                var module = n.Module();
                module.Weight.RequiresGrad = module.Bias.RequiresGrad = track;
                norm = new NormValues(new BatchNormStep(Number(layers, i) + 1, n, n.Normalised(z), module.Forward(z), n.Slope()), module.Weight, module.Bias);
            }
            var pre = norm?.Step.Y ?? z;
            bool inLoss = i == layers.Count - 1 && lastInLoss;
            var a = inLoss ? pre : new ActivationLayer<double>(layer.Activation).Forward(pre);
            forward.Add((input, w, b, z, a, inLoss, norm));
            input = a;
        }
        return forward;
    }

    /// <summary>A layer's batch norm as run: its forward values (Y still in the graph) and the γ, β leaves that collect gradients.</summary>
    internal sealed record NormValues(BatchNormStep Step, Tensor<double> Gamma, Tensor<double> Beta);
}
