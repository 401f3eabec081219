using Backprop.Diagnostics;
using Backprop.Errors;
using Backprop.Playground.Sessions;

namespace Backprop.Playground.Inspect;

/// <summary>
/// One weight or bias after the last step: its value now and before the step, the step's gradient for it, and — from the library's
/// <see cref="StepExplanation"/> and <see cref="ChainPaths"/>, as <c>backprop explain --paths</c> — every path from it to the loss.
/// </summary>
/// <param name="Parameter">The parameter, as <c>explain --paths</c> names it: <c>layer1.w[0,1]</c> or <c>layer2.b[0]</c>.</param>
/// <param name="Value">Its value now.</param>
/// <param name="Before">Its value before the last step.</param>
/// <param name="Gradient">dL/d(it) on the last batch, as the training step computed it (with the L1 term and the dropout mask, when on).</param>
/// <param name="Step">Steps taken.</param>
/// <param name="BatchRows">Rows of the last batch.</param>
/// <param name="Paths">The paths, at most <see cref="MaxListed"/> of them listed (all are in the sum), or null (see <paramref name="PathsNote"/>).</param>
/// <param name="PathCount">How many paths there are.</param>
/// <param name="Sum">The sum over every path.</param>
/// <param name="Autodiff">The engine's gradient for the explained step (without L1 and dropout).</param>
/// <param name="PathsNote">Why the paths differ from <paramref name="Gradient"/> or are not listed, or null.</param>
public sealed record EdgeInspection(string Parameter, double Value, double Before, double Gradient, int Step, int BatchRows,
    IReadOnlyList<ChainPath>? Paths, int PathCount, double? Sum, double? Autodiff, string? PathsNote)
{
    /// <summary>The optimizer's update of this weight in the last step, written out, and the value it left.</summary>
    public UpdateInspection? Update { get; init; }

    /// <summary>Paths listed one by one (as <c>explain --paths</c> lists them); the rest are only summed.</summary>
    public const int MaxListed = 50;

    /// <summary>
    /// The weight from unit <paramref name="from"/> to unit <paramref name="to"/> of layer <paramref name="layer"/> (from 1), or its bias
    /// for <paramref name="to"/> when <paramref name="from"/> is null.
    /// </summary>
    /// <exception cref="BackpropException">No such layer or unit, or no step taken yet.</exception>
    internal static EdgeInspection Of(TrainingRun run, int layer, int? from, int to)
    {
        if (layer < 1 || layer > run.Layers.Count) throw Bad($"layer {layer} does not exist (layers 1..{run.Layers.Count})");
        var dense = run.Layers[layer - 1];
        if (from is { } i && (i < 0 || i >= dense.Inputs)) throw Bad($"from: unit {i} is not an input of layer {layer} (0..{dense.Inputs - 1})");
        if (to < 0 || to >= dense.Outputs) throw Bad($"to: unit {to} is not an output of layer {layer} (0..{dense.Outputs - 1})");
        var spec = LastStep.Spec(run);
        int index = from is { } row ? row * dense.Outputs + to : to;
        var parameter = from is { } r ? $"layer{layer}.w[{r},{to}]" : $"layer{layer}.b[{to}]";
        var value = from is null ? dense.B : dense.W;
        double before = from is null ? run.BiasesBefore[layer - 1][index] : run.WeightsBefore[layer - 1][index];
        double gradient = value.Grad is { } g ? g.Span[index] : 0;
        var update = UpdateInspection.Of(run, spec, layer, from is null, index);
        var notes = new List<string>();
        if (run.Settings.Dropout > 0) notes.Add("the step dropped random units (dropout); the walk-through is of the network without dropout");
        if (run.Settings.L1 > 0) notes.Add($"the step's gradient also holds the L1 term {run.Settings.L1}·sign(w)");
        try
        {
            var paths = ChainPaths.Find(StepExplanation.Run(spec), parameter);
            return new EdgeInspection(parameter, value.Span[index], before, gradient, run.Steps, spec.X.Shape[0], [.. paths.Paths.Take(MaxListed)],
                paths.Paths.Count, paths.Sum, paths.Autodiff, notes.Count > 0 ? string.Join("; ", notes) : null) { Update = update };
        }
        catch (BackpropException e)
        {
            notes.Add(e.Message);
            return new EdgeInspection(parameter, value.Span[index], before, gradient, run.Steps, spec.X.Shape[0], null, 0, null, null, string.Join("; ", notes)) { Update = update };
        }
    }

    private static BackpropException Bad(string message) => BackpropException.BadSetting(message);
}
