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
    /// <summary>Runs the layers of <paramref name="layers"/> on <paramref name="x"/> on the engine in double: z = input·W + b, then the
    /// activation (or, for the last layer when <paramref name="lastInLoss"/>, nothing: the loss applies its own). With
    /// <paramref name="track"/> the weights are fresh leaves that record gradients; the returned A of a layer in the loss is Z.</summary>
    internal static List<(Tensor<double> In, Tensor<double> W, Tensor<double> B, Tensor<double> Z, Tensor<double> A, bool InLoss)> Run(
        IReadOnlyList<LayerSpec> layers, Tensor<double> x, bool lastInLoss, bool track)
    {
        var input = x;
        var forward = new List<(Tensor<double>, Tensor<double>, Tensor<double>, Tensor<double>, Tensor<double>, bool)>();
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var w = layer.W.Clone(); w.RequiresGrad = track;
            var b = layer.B.Clone(); b.RequiresGrad = track;
            var z = input.MatMul(w) + b;
            bool inLoss = i == layers.Count - 1 && lastInLoss;
            var a = inLoss ? z : new ActivationLayer<double>(layer.Activation).Forward(z);
            forward.Add((input, w, b, z, a, inLoss));
            input = a;
        }
        return forward;
    }
}
