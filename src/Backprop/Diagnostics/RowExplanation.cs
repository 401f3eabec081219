using System.Globalization;
using System.Numerics;
using Backprop.Data;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Nn.Activations;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Diagnostics;

/// <summary>A row's target in the data's units and as the network learnt it.</summary>
/// <param name="Raw">The class index (classification), or each output's value in the target's own units (regression).</param>
/// <param name="Scaled">What the loss compares with: the class index, BCE's 0/1 per output, or the standardised values.</param>
/// <param name="ClassName">The class's name, when the network knows its classes.</param>
/// <param name="Name">The target column's name, when the network knows it.</param>
public sealed record RowTarget(IReadOnlyList<double> Raw, IReadOnlyList<double> Scaled, string? ClassName, string? Name = null);

/// <summary>
/// One row of data through a trained <see cref="Network{T}"/>, in evaluation mode, every value the engine computes for it: the raw
/// features and the scaled ones the network sees, each layer's Z and A with the local derivative f'(Z) by autodiff, the output (and for
/// regression the output in target units), and, when the row's target is known, the loss and the whole backward pass for that row alone
/// (<see cref="Step"/>: every dL/dZ, dL/dW, dL/db, and a batch norm's dL/dγ, dL/dβ, by autodiff, checked against the hand formulas). No update is applied.
/// </summary>
/// <param name="Loss">The network's loss.</param>
/// <param name="TargetName">The target column's name (from the model's metadata), or null.</param>
/// <param name="FeatureNames">The features' names (from the model's metadata, else x0, x1, ...).</param>
/// <param name="ClassNames">The classes' names by index (classification, when the model knows them), else null.</param>
/// <param name="RawFeatures">The row as read.</param>
/// <param name="ScaledFeatures">The row through the model's feature scaler (the same values when it has none).</param>
/// <param name="Scaler">The feature scaler, or null.</param>
/// <param name="TargetScaler">For regression, the target scaler, or null.</param>
/// <param name="Forward">Each Dense layer's forward values, with its batch normalisation (<see cref="LayerForward.Norm"/>) when it has one.</param>
/// <param name="Slopes">Each layer's local derivative ∂a[j]/∂z[j] by autodiff; null for softmax (not elementwise) and for the activation inside the loss.</param>
/// <param name="Output">What the network answers in the units it learnt: the probabilities, or the (standardised) values.</param>
/// <param name="OutputInTargetUnits">For regression with a target scaler, the output mapped back to the target's units; else null.</param>
/// <param name="PredictedClass">For classification, the predicted class index; else null.</param>
/// <param name="Target">The row's target, or null when unknown (then there is no backward pass).</param>
/// <param name="Step">The loss and the backward pass for this row alone, or null without a target.</param>
/// <param name="Notes">What the walk-through leaves out and why (dropout is the identity at evaluation).</param>
public sealed record RowExplanation(Loss Loss, string? TargetName, IReadOnlyList<string> FeatureNames, IReadOnlyList<string>? ClassNames, IReadOnlyList<double> RawFeatures, IReadOnlyList<double> ScaledFeatures,
    Scaler? Scaler, Scaler? TargetScaler, IReadOnlyList<LayerForward> Forward, IReadOnlyList<Tensor<double>?> Slopes, Tensor<double> Output,
    Tensor<double>? OutputInTargetUnits, int? PredictedClass, RowTarget? Target, StepExplanation? Step, IReadOnlyList<string> Notes)
{
    /// <summary>
    /// Explains one row of raw features through <paramref name="network"/> (its weights taken in double). <paramref name="target"/> is the
    /// row's class index (classification) or each output's value in the target's units (regression); without it only the forward pass is run.
    /// A network of other modules (layer norm, residual blocks, a batch norm elsewhere) is shown module by module through each module's
    /// explain face (<see cref="Modules"/>).
    /// </summary>
    /// <exception cref="BackpropException">A softmax or sigmoid output under the loss's own, or the row or target does not fit it (<see cref="ErrorKind.Input"/> or <see cref="ErrorKind.Setting"/>).</exception>
    public static RowExplanation Run<T>(Network<T> network, IReadOnlyList<double> rawFeatures, IReadOnlyList<double>? target = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Layers(network.Model) is not var (layers, notes)) return ModuleRow.Run(network, rawFeatures, target);
        var loss = network.Loss;
        if (NetworkSpec.IsLossOutput(loss, layers[^1].Activation))
            throw BackpropException.BadSetting($"the last layer applies {layers[^1].Activation} and the loss {loss.Name} applies it again; " +
                "the walk-through shows the loss's own, so it cannot show this network (train it with an identity output).");
        int inputs = layers[0].Inputs, outputs = layers[^1].Outputs;
        if (rawFeatures.Count != inputs)
            throw BackpropException.BadInput($"the row has {rawFeatures.Count} features; the network takes {inputs}.");
        var names = network.Metadata.FeatureNames is { } given && given.Count == inputs ? given
            : [.. Enumerable.Range(0, inputs).Select(i => "x" + i.ToString(CultureInfo.InvariantCulture))];
        var raw = Tensor<double>.FromArray([.. rawFeatures], 1, inputs);
        var x = network.Scaler?.Transform(raw) ?? raw.Clone();
        var rowTarget = target is null ? null : TargetOf(network, target, outputs);

        var spec = new NetworkSpec(layers, loss, x, rowTarget is null ? Tensor<double>.Zeros(1) : Targets(loss, rowTarget, outputs)) { Source = "the row" };
        StepExplanation? step = rowTarget is null ? null : StepExplanation.Run(spec);
        var forward = step is not null ? [.. step.Layers.Select(l => l.Forward)] : ForwardOnly(spec);
        var output = forward[^1].A;
        var inUnits = loss.IsClassification ? null : network.TargetScaler?.InverseTransform(output);
        var rawOutput = forward[^1].ActivationInLoss ? forward[^1].PreActivation : forward[^1].A; // the model's own output (logits when the loss holds the activation)
        bool multilabel = loss.Task == TaskKind.Binary && network.Metadata.Schema is { MoreTargetColumns.Count: > 0 }; // a probability per label, no one class
        int? predicted = loss.IsClassification && !multilabel ? loss.ClassOf<double>(rawOutput.Span) : null;
        string? targetName = network.Metadata.Schema?.TargetNames is { Count: > 1 } several ? string.Join(", ", several) : network.Metadata.TargetName; // several targets: all, in order
        return new RowExplanation(loss, targetName, names, network.ClassNames, [.. rawFeatures], [.. x.ToArray()], network.Scaler, network.TargetScaler, forward,
            [.. forward.Select(Slope)], output, inUnits, predicted, rowTarget, step, notes);
    }

    /// <summary>Each module's forward and backward values through its explain face (<see cref="Module{T}.Explain"/>), when the network is not
    /// the Dense, batch norm and activation layers the layer-by-layer walk-through shows (then <see cref="Forward"/> and <see cref="Slopes"/>
    /// are empty and <see cref="Step"/> null); else null.</summary>
    public IReadOnlyList<ExplainedModule>? Modules { get; init; }

    /// <summary>With <see cref="Modules"/> and a target: the chain-rule paths through the modules' local derivatives (see <see cref="Paths"/>).</summary>
    internal Func<string, ChainPaths>? PathsThroughModules { get; init; }

    /// <summary>With <see cref="Modules"/> and a target, the row's loss; else null.</summary>
    public double? ModuleLoss { get; init; }

    /// <summary>With <see cref="Modules"/>, the network's layer sizes and its modules (<c>4-8-8-3 network: Dense(4 -> 8, identity), LayerNorm(8), ...</c>).</summary>
    public string? Architecture { get; init; }

    /// <summary>Every chain-rule path from <paramref name="parameter"/> (<c>layerL.w[i,j]</c> or <c>layerL.b[j]</c>; for a network shown module by
    /// module any parameter by name and index, <c>layer3.block.layer2.weight[0]</c>) to this row's loss.</summary>
    /// <exception cref="BackpropException">No target (so no loss), or no such parameter (the message lists the network's).</exception>
    public ChainPaths Paths(string parameter) => Step is { } step ? ChainPaths.Find(step, parameter)
        : PathsThroughModules is { } paths ? paths(parameter)
        : throw BackpropException.BadSetting("--paths: the paths end at the loss, which needs the row's target; the data has none for this row.");

    // The Dense layers as LayerSpecs in double, read from each module's registered description and state dict (not its CLR type): a batch
    // norm (with γ and β) after an identity Dense becomes its Norm (evaluation mode, running statistics); an activation module after an
    // identity Dense (or its batch norm) is folded into it; dropout is the identity at evaluation and left out (said in a note); anything
    // else makes the model go module by module through the explain face.
    private static (List<LayerSpec> Layers, List<string> Notes)? Layers<T>(Sequential<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layers = new List<LayerSpec>();
        var notes = new List<string>();
        string? previous = null;
        for (int i = 0; i < model.Layers.Count; i++)
        {
            var module = model.Layers[i];
            if (module.Config is null) return null;
            var spec = Nn.Layers.Describe(module);
            var state = module.StateDict().Where(e => e.Entry is TensorState<T>).ToDictionary(e => e.Name, e => ToDouble(((TensorState<T>)e.Entry).Value));
            bool afterIdentity = layers.Count > 0 && layers[^1].Activation.IsIdentity;
            switch (spec.Type)
            {
                case "dense":
                    layers.Add(new LayerSpec(state["weight"], state["bias"], Activation.Parse((string)spec.Config["activation"]!)));
                    break;
                case "activation" when afterIdentity && previous is "dense" or "batch_norm1d":
                    layers[^1] = layers[^1] with { Activation = Activation.Parse((string)spec.Config["activation"]!) };
                    break;
                case "dropout":
                    notes.Add($"{module} after layer {layers.Count} is the identity at evaluation (no values are dropped), so it has no step here.");
                    break;
                case "batch_norm1d" when afterIdentity && previous == "dense" && layers[^1].Norm is null && (bool)spec.Config["affine"]! && (int)spec.Config["features"]! == layers[^1].B.Length:
                    layers[^1] = layers[^1] with { Norm = new EvalBatchNorm(state["weight"], state["bias"], state["running_mean"], state["running_var"], (double)spec.Config["eps"]!) };
                    break;
                default:
                    return null; // shown module by module through the explain face
            }
            previous = spec.Type;
        }
        if (layers.Count == 0) return null;
        return (layers, notes);
    }

    private static Tensor<double> ToDouble<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(t.Shape, [.. t.ToArray().Select(double.CreateTruncating)]);

    // The target as the loss reads it: a class index checked against the classes; regression values through the target scaler.
    internal static RowTarget TargetOf<T>(Network<T> network, IReadOnlyList<double> target, int outputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var loss = network.Loss;
        if (loss.Task == TaskKind.Binary && outputs > 1 && target.Count == outputs) // multilabel: a 0/1 label per output
        {
            if (target.Any(v => v is not (0 or 1)))
                throw BackpropException.BadInput($"the target must be {outputs} labels, each 0 or 1; got {string.Join(", ", target.Select(Text))}.");
            return new RowTarget([.. target], [.. target], null, network.Metadata.TargetName);
        }
        if (loss.IsClassification)
        {
            int classes = loss.Task == TaskKind.Binary && outputs == 1 ? 2 : outputs;
            if (target.Count != 1 || !double.IsInteger(target[0]) || target[0] < 0 || target[0] >= classes)
                throw BackpropException.BadInput($"the target must be one class index in 0..{classes - 1}; got {string.Join(", ", target.Select(Text))}.");
            var names = network.ClassNames;
            int k = (int)target[0];
            return new RowTarget([k], [k], names is not null && k < names.Count ? names[k] : null, network.Metadata.TargetName);
        }
        if (target.Count != outputs || target.Any(v => !double.IsFinite(v)))
            throw BackpropException.BadInput($"the target must be {outputs} finite value{(outputs == 1 ? "" : "s")}; got {string.Join(", ", target.Select(Text))}.");
        var raw = Tensor<double>.FromArray([.. target], 1, outputs);
        var scaled = network.TargetScaler?.Transform(raw) ?? raw;
        return new RowTarget([.. target], [.. scaled.ToArray()], null, network.Metadata.TargetName);
    }

    internal static Tensor<double> Targets(Loss loss, RowTarget target, int outputs)
    {
        if (loss.Task == TaskKind.Classification) return Tensor<double>.FromArray([target.Scaled[0]]);
        if (loss.Task != TaskKind.Binary || outputs == 1 || target.Scaled.Count == outputs) return Tensor<double>.FromArray([.. target.Scaled], 1, outputs);
        var oneHot = Tensor<double>.Zeros(1, outputs);
        oneHot[0, (int)target.Scaled[0]] = 1;
        return oneHot;
    }

    private static List<LayerForward> ForwardOnly(NetworkSpec spec)
    {
        var values = LayerForward.Run(spec.Layers, spec.X, spec.LastActivationInLoss, track: false); // nothing requires a gradient: no graph
        return [.. values.Select((v, i) => new LayerForward(LayerForward.Number(spec.Layers, i), spec.Layers[i].Activation, v.InLoss, v.In, v.W, v.B, v.Z,
            v.InLoss ? spec.Loss.Predict(v.A) : v.A) { Norm = v.Norm?.Step })];
    }

    // f'(z) elementwise by autodiff: the gradient of Σ f(z) with respect to z, z being what the activation reads (one row, so each z[j] only reaches a[j]).
    private static Tensor<double>? Slope(LayerForward layer)
    {
        if (layer.ActivationInLoss || !layer.Activation.IsElementwise) return null;
        var z = layer.PreActivation.Detach().Clone();
        z.RequiresGrad = true;
        new ActivationLayer<double>(layer.Activation).Forward(z).Sum().Backward();
        return z.Grad!.Clone();
    }

    private static string Text(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
