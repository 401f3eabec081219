using System.Globalization;
using Backprop.Errors;
using Backprop.Optim;
using Backprop.Tensors;

namespace Backprop.Diagnostics;

/// <summary>One element's update in a <see cref="StepExplanation"/>, written out by the spec's optimizer (its explain face) or as θ − λ·dL/dθ.</summary>
public static class StepUpdateTerms
{
    /// <summary>
    /// The update of <paramref name="parameter"/> (<c>layer1.w[0,1]</c>, <c>layer2.b[0]</c>, or a module's <c>layer1.weight[1,0]</c>) in
    /// <paramref name="step"/>: each term with its numbers, the last one θ after the step.
    /// </summary>
    /// <exception cref="BackpropException">No such parameter or element; the message lists the parameters.</exception>
    public static IReadOnlyList<UpdateTerm> Of(StepExplanation step, string parameter)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(parameter);
        var all = Parameters(step);
        int open = parameter.IndexOf('[', StringComparison.Ordinal);
        string name = open < 0 ? parameter : parameter[..open];
        int k = all.FindIndex(p => p.Name == name);
        if (k < 0 || open < 0 || !parameter.EndsWith(']'))
            throw BackpropException.BadSetting($"{step.Spec.Source}: no parameter element '{Backprop.Text.Inert.Text(parameter)}'; name one of {string.Join(", ", all.Select(p => p.Name))} with its index, e.g. {all[0].Name}[0{(all[0].Before.Rank == 2 ? ",0" : "")}].");
        var (_, before, gradient, after) = all[k];
        var index = parameter[(open + 1)..^1].Split(',').Select(s => int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : -1).ToArray();
        var shape = before.Shape.ToArray();
        if (index.Length != shape.Length || index.Where((v, d) => v < 0 || v >= shape[d]).Any())
            throw BackpropException.BadSetting($"{step.Spec.Source}: {Backprop.Text.Inert.Text(parameter)}: {name} has shape [{string.Join(", ", shape)}].");
        int flat = 0;
        for (int d = 0; d < shape.Length; d++) flat = flat * shape[d] + index[d];
        double lr = step.Spec.LearningRate, theta = before.Span[flat], g = gradient.Span[flat], now = after.Span[flat];
        if (step.Spec.Optimizer is { } optimizer && step.OptimizerState is { } state)
            return optimizer.Explain(k, flat, theta, g, now, lr, state);
        return [new UpdateTerm("θ", $"θ − λ·dL/dθ = {UpdateTerm.Show(theta)} − {UpdateTerm.Show(lr)}·{UpdateTerm.Show(g)}", now)];
    }

    // Every parameter in the optimizer's order: each layer's w then b, or the modules' parameters.
    private static List<(string Name, Tensor<double> Before, Tensor<double> Gradient, Tensor<double> After)> Parameters(StepExplanation step) =>
        step.Updates is { } updates
            ? [.. updates.Select(u => (u.Name, u.Before, u.Gradient, u.After))]
            : [.. step.Layers.SelectMany(l => new[] { ($"layer{l.Index}.w", l.W, l.DW, l.WUpdated), ($"layer{l.Index}.b", l.B, l.DB, l.BUpdated) })];
}
