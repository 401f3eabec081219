using Backprop.Diagnostics;
using Backprop.Optim;
using Backprop.Playground.Sessions;
using Backprop.Tensors;

namespace Backprop.Playground.Inspect;

/// <summary>
/// How the optimizer moved one weight or bias in the last step: its rule written out with the numbers (SGD's θ − γ·g, momentum's
/// velocity, Adam's m, v, bias corrections and step) by the optimizer's explain face, and the value after. Computed by the library's
/// optimizer from the weights and the optimizer state before the step and the step's own gradient, so <see cref="After"/> is the
/// weight the step left.
/// </summary>
/// <param name="Optimizer">The optimizer with its hyper-parameters and the step's number.</param>
/// <param name="Terms">The rule's values, the last one θ after the step.</param>
/// <param name="After">The value after the step.</param>
public sealed record UpdateInspection(string Optimizer, IReadOnlyList<UpdateTerm> Terms, double After)
{
    /// <summary>Element <paramref name="index"/> of layer <paramref name="layer"/>'s (from 1) W, or its b when <paramref name="bias"/>.</summary>
    internal static UpdateInspection Of(TrainingRun run, NetworkSpec spec, int layer, bool bias, int index)
    {
        var optimizer = spec.Optimizer!;
        var values = spec.Layers.SelectMany(l => new[] { l.W, l.B }).ToList();
        var gradients = run.Layers.SelectMany(l => new[] { Gradient(l.W), Gradient(l.B) }).ToList();
        var (after, state) = optimizer.Step(values, gradients, spec.LearningRate);
        int k = 2 * (layer - 1) + (bias ? 1 : 0);
        var terms = optimizer.Explain(k, index, values[k].Span[index], gradients[k].Span[index], after[k].Span[index], spec.LearningRate, state);
        return new UpdateInspection(optimizer.Describe(), terms, after[k].Span[index]);
    }

    private static Tensor<double> Gradient(Tensor<double> p) => p.Grad ?? Tensor<double>.Zeros(p.Shape.ToArray());
}
