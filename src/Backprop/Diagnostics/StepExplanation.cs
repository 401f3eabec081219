using Backprop.Errors;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Diagnostics;

/// <summary>Every value of one layer in one training step. Gradients are the engine's autodiff results.</summary>
/// <param name="Index">1-based layer number.</param>
/// <param name="Activation">The layer's activation.</param>
/// <param name="ActivationInLoss">True when the activation is the loss's own softmax/sigmoid (A is then shown as P and the loss reads Z).</param>
/// <param name="Input">The layer's input, A of the layer before (X for the first).</param>
/// <param name="W">Weights [in, out] before the update.</param>
/// <param name="B">Bias [out] before the update.</param>
/// <param name="Z">Z = Input·W + b.</param>
/// <param name="A">A = f(Z) (for the last layer with <paramref name="ActivationInLoss"/>, the probabilities).</param>
/// <param name="DA">dL/dA (null when the activation is inside the loss).</param>
/// <param name="DZ">dL/dZ.</param>
/// <param name="DW">dL/dW = Inputᵀ·dZ.</param>
/// <param name="DB">dL/db = Σ_rows dZ.</param>
/// <param name="DInput">dL/dInput = dZ·Wᵀ (null for the first layer).</param>
/// <param name="WUpdated">W - λ·dL/dW.</param>
/// <param name="BUpdated">b - λ·dL/db.</param>
public sealed record LayerStep(int Index, Activation Activation, bool ActivationInLoss, Tensor<double> Input, Tensor<double> W, Tensor<double> B,
    Tensor<double> Z, Tensor<double> A, Tensor<double>? DA, Tensor<double> DZ, Tensor<double> DW, Tensor<double> DB, Tensor<double>? DInput,
    Tensor<double> WUpdated, Tensor<double> BUpdated)
{
    /// <summary>The batch normalisation between Z and the activation, with its gradients (then <see cref="DZ"/> is dL/dZ before it), or null.</summary>
    public BatchNormStep? Norm { get; init; }

    /// <summary>What the activation reads: the batch norm's Y, else Z.</summary>
    public Tensor<double> PreActivation => Norm?.Y ?? Z;

    /// <summary>The layer's forward values alone.</summary>
    public LayerForward Forward => new(Index, Activation, ActivationInLoss, Input, W, B, Z, A) { Norm = Norm };
}

/// <summary>One training step of a <see cref="NetworkSpec"/>, every intermediate value kept, with the tutorials' hand formulas as a check.</summary>
/// <param name="Spec">The network, batch and loss.</param>
/// <param name="Layers">Each layer's values.</param>
/// <param name="Loss">The loss before the update.</param>
/// <param name="Hand">The same gradients by the hand formulas, and how far they are from autodiff; null for a loss without a hand formula.</param>
public sealed record StepExplanation(NetworkSpec Spec, IReadOnlyList<LayerStep> Layers, double Loss, HandBackprop? Hand)
{
    /// <summary>For a spec of modules (<see cref="NetworkSpec.Model"/>): each module's forward and backward values through its explain face
    /// (then <see cref="Layers"/> is empty and <see cref="Hand"/> null); else null.</summary>
    public IReadOnlyList<ExplainedModule>? Modules { get; init; }

    /// <summary>For a spec of modules: every parameter before, its gradient and after the update; else null.</summary>
    public IReadOnlyList<ParameterUpdate>? Updates { get; init; }

    /// <summary>For a spec of modules: the graph the step ran on, for <see cref="ChainPaths"/>.</summary>
    internal TracedStep? Traced { get; init; }

    /// <summary>Runs the forward pass, the loss and <c>Backward()</c> on the engine in double, then the update w - λ·dL/dw; a spec of modules
    /// runs module by module through their explain faces, in evaluation mode.</summary>
    /// <exception cref="BackpropException">A value of the step is NaN or infinite (weights of 1e300, say): the hand formulas cannot check it.</exception>
    public static StepExplanation Run(NetworkSpec spec)
    {
        if (spec.Model is { } model) return ModuleStep.Run(spec, model);
        var forward = LayerForward.Run(spec.Layers, spec.X.Clone(), spec.LastActivationInLoss, track: true);
        var loss = spec.Loss.Compute(forward[^1].A, spec.Y);
        loss.Backward();

        var (after, state) = Updated(spec, [.. forward.SelectMany(f => new[] { f.W, f.B })], [.. forward.SelectMany(f => new[] { f.W.Grad!, f.B.Grad! })]);
        var layers = new List<LayerStep>();
        for (int i = 0; i < forward.Count; i++)
        {
            var (x, w, b, z, a, inLoss, norm) = forward[i];
            var dw = w.Grad!.Clone();
            var db = b.Grad!.Clone();
            var shownA = inLoss ? spec.Loss.Predict(a.Detach()) : a.Detach();
            layers.Add(new LayerStep(LayerForward.Number(spec.Layers, i), spec.Layers[i].Activation, inLoss, x.Detach().Clone(), w.Detach().Clone(), b.Detach().Clone(),
                z.Detach().Clone(), shownA.Clone(), inLoss ? null : a.Grad!.Clone(), z.Grad!.Clone(), dw, db,
                i == 0 ? null : x.Grad!.Clone(), after[2 * i], after[2 * i + 1]) { Norm = norm is null ? null : WithGradients(norm) });
        }
        var hand = HandBackprop.Run(spec, layers);
        if (NonFinite(loss.Item, layers, hand) is { } what)
            throw BackpropException.BadInput($"{spec.Source}: {what}: the step overflows double, so autodiff cannot be checked against the hand formulas; use smaller weights, inputs or targets.");
        return new StepExplanation(spec, layers, loss.Item, hand) { OptimizerState = state };
    }

    /// <summary>With the spec's optimizer (<see cref="NetworkSpec.Optimizer"/>), its state after the step; else null.</summary>
    public Optim.OptimizerState<double>? OptimizerState { get; init; }

    /// <summary>The parameters after the step: the spec's optimizer from its state, or θ − λ·dL/dθ; and the optimizer's state after it.</summary>
    internal static (IReadOnlyList<Tensor<double>> After, Optim.OptimizerState<double>? State) Updated(NetworkSpec spec, IReadOnlyList<Tensor<double>> values,
        IReadOnlyList<Tensor<double>> gradients)
    {
        if (spec.Optimizer is not { } optimizer) return ([.. values.Select((v, k) => Update(v, gradients[k], spec.LearningRate))], null);
        try { return optimizer.Step(values, gradients, spec.LearningRate); }
        catch (ArgumentException e) { throw BackpropException.BadInput($"{spec.Source}: optimizer: {e.Message.TrimEnd('.')}."); }
    }

    // The batch norm's values detached, with dL/dY, dL/dγ and dL/dβ from the backward pass.
    private static BatchNormStep WithGradients(LayerForward.NormValues norm) => norm.Step with
    {
        Y = norm.Step.Y.Detach().Clone(), DY = norm.Step.Y.Grad!.Clone(), DGamma = norm.Gamma.Grad!.Clone(), DBeta = norm.Beta.Grad!.Clone(),
    };

    // The first value of the step that is NaN or infinite, forward values first ("layer 2's Z[0, 1] is infinity"), or null when all are finite.
    private static string? NonFinite(double loss, IReadOnlyList<LayerStep> layers, HandBackprop? hand)
    {
        static string Word(double v) => double.IsNaN(v) ? "NaN" : v > 0 ? "infinity" : "-infinity";
        string? First(Func<LayerStep, (string, Tensor<double>)[]> values)
        {
            foreach (var l in layers)
                foreach (var (name, t) in values(l))
                    for (int i = 0; i < t.Length; i++)
                        if (!double.IsFinite(t.Span[i]))
                            return $"layer {l.Index}'s {name}{(t.Rank == 2 ? $"[{i / t.Shape[1]}, {i % t.Shape[1]}]" : $"[{i}]")} is {Word(t.Span[i])}";
            return null;
        }
        return First(l => [("Z", l.Z), ("A", l.A)])
            ?? (double.IsFinite(loss) ? null : $"the loss is {Word(loss)}")
            ?? First(l => [("dZ", l.DZ), ("dW", l.DW), ("db", l.DB)])
            ?? (hand is null || double.IsFinite(hand.MaxDifference) ? null : $"the largest |autodiff - hand formula| is {Word(hand.MaxDifference)}");
    }

    private static Tensor<double> Update(Tensor<double> value, Tensor<double> gradient, double lr)
    {
        var updated = value.Detach().Clone();
        for (int i = 0; i < updated.Length; i++) updated.Span[i] -= lr * gradient.Span[i];
        return updated;
    }
}
