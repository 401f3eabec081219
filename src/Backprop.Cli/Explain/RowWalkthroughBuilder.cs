using Backprop.Diagnostics;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Cli.Explain;

/// <summary>
/// Turns a <see cref="RowExplanation"/> into a <see cref="Walkthrough"/>: the row (raw features, the scaled ones the network sees, the
/// target), the forward pass with each activation's local derivative, the output (in target units for regression) and, with a target,
/// the loss and the backward pass of that row alone. No update section: the model is trained and nothing is changed.
/// </summary>
internal static class RowWalkthroughBuilder
{
    /// <summary>Features listed one per line (name, raw value, scaling) up to this many; more are shown as two vectors.</summary>
    public const int MaxListedFeatures = 16;

    /// <summary>Matrices with more entries than this are summarised by their largest entries unless --full.</summary>
    public const int MaxShownEntries = 64;

    /// <summary>How many of the largest |entries| a summarised matrix lists.</summary>
    public const int LargestShown = 5;

    /// <param name="row">The explanation.</param>
    /// <param name="title">What row of what file through what model.</param>
    /// <param name="noTarget">Why there is no backward pass, when there is none.</param>
    /// <param name="full">Every entry of every matrix.</param>
    public static Walkthrough Build(RowExplanation row, string title, string? noTarget, bool full)
    {
        if (row.Modules is { } modules)
            return ModuleWalkthrough.Build(row, modules, title, noTarget, full, Row(row, full), Output(row));
        var forward = row.Forward;
        bool substitute = forward.All(l => l.W.Shape[0] <= WalkthroughBuilder.MaxSubstitutedWidth && l.W.Shape[1] <= WalkthroughBuilder.MaxSubstitutedWidth);
        string sizes = string.Join("-", [forward[0].W.Shape[0], .. forward.Select(l => l.W.Shape[1])]);
        title += $": a {sizes} network ({string.Join(", ", forward.Select(l => l.Norm is null ? l.Activation.ToString() : $"batchnorm {l.Activation}"))}), loss {row.Loss.Name}; no update is applied";
        var sections = new List<Section> { Row(row, full), Forward(row, substitute), Output(row) };
        if (row.Step is { } step)
        {
            var backward = WalkthroughBackward.Backward(step, substitute);
            string check = step.Hand is { } hand ? $"autodiff = hand formulas (max |difference| {Numbers.Short(hand.MaxDifference)})" : $"no hand formula for {step.Spec.Loss.Name}: autodiff alone";
            sections.Add(backward with { Heading = "Backward pass (this row alone)", Stages = [.. backward.Stages.Select(s => full ? s : Summarised(s))], Footer = check });
        }
        else sections.Add(new Section("Backward pass", [], noTarget ?? "the backward pass needs the row's target"));
        return new Walkthrough(title, sections, full);
    }

    // Each feature as read and as scaled: x[j] = (raw - offset)/scale; then the target as read and as the loss sees it.
    private static Section Row(RowExplanation row, bool full)
    {
        var stages = new List<Stage>();
        int f = row.RawFeatures.Count;
        if (f <= MaxListedFeatures || full)
        {
            var subs = new List<Substitution>();
            for (int j = 0; j < f; j++)
            {
                Expr name = $"{row.FeatureNames[j]} = {Numbers.Short(row.RawFeatures[j])}";
                Expr work = row.Scaler is { } s
                    ? Expr.Fraction(Expr.Num(row.RawFeatures[j]) + " - " + Expr.Factor(s.Offsets[j]), Expr.Num(s.Scales[j])) + " = " + Expr.Num(row.ScaledFeatures[j])
                    : Expr.Num(row.ScaledFeatures[j]);
                subs.Add(new(Expr.Element("a", 0, j), work + Expr.Note(name.Text)));
            }
            Expr formula = row.Scaler is null ? "x[j]" + Expr.Note("feature j as read; the model has no scaler")
                : "x[j] = " + Expr.Fraction("raw[j] - offset[j]", "scale[j]") + Expr.Note($"{row.Scaler.Kind} scaler fitted on the training data");
            stages.Add(new Stage(formula, null, subs));
        }
        else
        {
            stages.Add(Shown("raw", $"the row as read ({f} features)", Tensor<double>.FromArray([.. row.RawFeatures])));
            stages.Add(Shown("X", row.Scaler is null ? "what the network sees (no scaler)" : $"what the network sees: (raw - offset)/scale, {row.Scaler.Kind} scaler", Tensor<double>.FromArray([.. row.ScaledFeatures])));
        }
        if (row.Target is { } t)
        {
            string column = row.TargetName is { } name ? $"the target {name}" : "the target";
            if (row.Loss.IsClassification && t.Raw.Count == 1) // one class index; a multilabel row's 0/1 labels are listed as values below
                stages.Add(new Stage($"y = {Numbers.Short(t.Raw[0])}" + Expr.Note($"class {Numbers.Short(t.Raw[0])}" + (t.ClassName is { } c ? $" ({c})" : "") + $" is {column}"), null, []));
            else
                for (int k = 0; k < t.Raw.Count; k++)
                {
                    if (t.Raw.Count > 1) column = $"target {k} of {row.TargetName ?? "the targets"}";
                    Expr work = row.TargetScaler is { } ts
                        ? Expr.Fraction(Expr.Num(t.Raw[k]) + " - " + Expr.Factor(ts.Offsets[k]), Expr.Num(ts.Scales[k])) + " = " + Expr.Num(t.Scaled[k]) + Expr.Note($"{column} = {Numbers.Short(t.Raw[k])} in its own units")
                        : Expr.Num(t.Scaled[k]) + Expr.Note(column);
                    Expr formula = row.TargetScaler is null ? Target(row, k) + Expr.Note("as read") : Target(row, k) + " = " + Expr.Fraction("target - offset", "scale") + Expr.Note("the network learnt standardised targets");
                    stages.Add(new Stage(formula, null, [new(Target(row, k), work)]));
                }
        }
        return new Section("The row", stages);
    }

    // A remark beside a formula: "   (text)" on the terminal, \quad\text{(text)} in LaTeX.
    // Words in place of a formula: as they are on the terminal, \text{...} in LaTeX.
    private static Expr Words(string text) => new(text, $@"\text{{{text}}}");

    private static Expr Target(RowExplanation row, int k) => row.Target!.Raw.Count == 1 ? "y" : $"y[{k}]";

    private static Stage Shown(Expr name, string what, Tensor<double> value) => new(name, null, [], name, value, what);

    // Z, the batch norm's X̂ and output (when the layer has one) and A layer by layer, then each activation's local derivative f'(Z) as autodiff computed it, then the loss.
    private static Section Forward(RowExplanation row, bool substitute)
    {
        var stages = new List<Stage>();
        for (int i = 0; i < row.Forward.Count; i++)
        {
            var l = row.Forward[i];
            stages.Add(WalkthroughBuilder.Linear(l, substitute));
            if (l.Norm is { } norm) stages.AddRange(BatchNormStages.Forward(l, norm, substitute));
            stages.Add(WalkthroughBuilder.Activate(row.Loss, l, substitute));
            if (row.Slopes[i] is { } slope && !l.Activation.IsIdentity) stages.Add(Slope(l, slope, substitute));
        }
        if (row.Step is { } step) stages.Add(WalkthroughBuilder.LossStage(step, substitute));
        string notes = string.Join("; ", ["evaluation mode", .. row.Notes]);
        return new Section("Forward pass", stages, notes);
    }

    // f'(Z) by autodiff, beside the activation's formula for it.
    private static Stage Slope(LayerForward l, Tensor<double> slope, bool substitute)
    {
        int k = l.OutputIndex;
        var name = new Expr($"f'(Z{k})", $"f'(Z_{{{k}}})");
        var formula = name + " = " + FormulaExpr.Of(l.Activation.Info.Derivative, Expr.Matrix("Z", k), Expr.Matrix("A", k)) + Expr.Note("local derivative ∂a/∂z, by autodiff");
        if (!substitute) return new Stage(formula, null, [], name, slope);
        var subs = Enumerable.Range(0, slope.Length).Select(j => new Substitution(new Expr($"f'(z{k}[{j}])", $"f'(z_{{{k}}}[{j}])"), Expr.Num(slope.Span[j]))).ToList();
        return new Stage(formula, null, subs);
    }

    // Probabilities and the predicted class, or the value scaled and in target units.
    private static Section Output(RowExplanation row)
    {
        var subs = new List<Substitution>();
        var output = row.Output;
        Expr formula;
        if (row.Loss.IsClassification)
        {
            formula = Words(row.PredictedClass is { } c ? $"predicted class {c}" + (ClassName(row, c) is { } name ? $" ({name})" : "") : "probabilities");
            for (int j = 0; j < output.Length; j++)
                subs.Add(new($"p[{j}]", Expr.Num(output.Span[j]) + (ClassName(row, output.Length == 1 ? 1 : j) is { } n ? Expr.Note(n + (output.Length == 1 ? ", the probability of class 1" : "")) : "")));
        }
        else
        {
            formula = Words(row.OutputInTargetUnits is null ? "the output; the model has no target scaler" : "the output, standardised and in target units: o·scale + offset");
            for (int j = 0; j < output.Length; j++)
            {
                Expr value = Expr.Num(output.Span[j]);
                if (row.OutputInTargetUnits is { } units && row.TargetScaler is { } ts)
                    value += new Expr("   →   ", @" \quad\to\quad ") + Expr.Num(output.Span[j]) + Expr.Times + Expr.Factor(ts.Scales[j]) + Expr.Plus(ts.Offsets[j]) + " = " + Expr.Num(units.Span[j])
                        + Expr.Note((row.TargetName is { } name ? $"{name} " : "") + "in target units");
                subs.Add(new(output.Length == 1 ? "o" : $"o[{j}]", value));
            }
        }
        return new Section("Output", [new Stage(formula, null, subs)]);
    }

    private static string? ClassName(RowExplanation row, int k) => row.ClassNames is { } names && k < names.Count ? names[k] : null;

    // A large weight gradient as its shape and largest |entries|, each with its --paths name; anything else as it is.
    private static Stage Summarised(Stage stage)
    {
        if (stage.Result is not { Rank: 2 } m || m.Shape[0] == 1 || m.Length <= MaxShownEntries || stage.ResultName is not { } name
            || !name.Text.StartsWith("dW", StringComparison.Ordinal) || !int.TryParse(name.Text[2..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int k)) return stage;
        int columns = m.Shape[1];
        var largest = Enumerable.Range(0, m.Length).OrderByDescending(i => Math.Abs(m.Span[i])).ThenBy(i => i).Take(LargestShown);
        var subs = largest.Select(i => new Substitution(Expr.Grad(Expr.Element("w", k, i / columns, i % columns)),
            Expr.Num(m.Span[i]) + $"   (layer{k}.w[{i / columns},{i % columns}])")).ToList();
        var note = new Expr($"   [{m.Shape[0]}×{columns}: the {LargestShown} largest |entries| of {m.Length}; --full prints all, --paths one]",
            $@"\quad\text{{[{m.Shape[0]}×{columns}: the {LargestShown} largest entries of {m.Length}]}}");
        return stage with { Formula = stage.Formula + note, Substitutions = subs, Result = null };
    }
}
