using Backprop.Errors;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Diagnostics;

/// <summary>One parameter in a training step: its value before, dL/dθ by autodiff, and θ − λ·dL/dθ.</summary>
/// <param name="Name">The parameter's name by path (<c>layer2.weight</c>, <c>layer3.block.layer1.w</c>).</param>
/// <param name="Before">Its value before the update.</param>
/// <param name="Gradient">dL/dθ.</param>
/// <param name="After">θ − λ·dL/dθ.</param>
public sealed record ParameterUpdate(string Name, Tensor<double> Before, Tensor<double> Gradient, Tensor<double> After);

/// <summary>The graph a module step ran on, kept for <c>--paths</c>: each module with its input and output tensors, the output, the model.</summary>
internal sealed record TracedStep(IReadOnlyList<TracedModule<double>> Modules, Tensor<double> Output, Module<double> Model);

/// <summary>
/// A training step of a spec whose network is modules (<see cref="NetworkSpec.Model"/>), through each module's explain face, in evaluation
/// mode: every module's forward values, the loss, <c>Backward()</c>, each module's gradients (its parameters' and its input's) and the update
/// θ − λ·dL/dθ of every parameter. The spec's modules are not changed.
/// </summary>
internal static class ModuleStep
{
    public static StepExplanation Run(NetworkSpec spec, Sequential<double> model)
    {
        model.Eval();
        model.ZeroGrad();
        var x = spec.X.Clone();
        x.RequiresGrad = true;
        var (output, explained, traced) = ExplainTrace<double>.Traced(model, x);
        var loss = spec.Loss.Compute(output, spec.Y);
        loss.Backward();
        var named = model.NamedParameters().ToList();
        var gradients = named.Select(p => p.Value.Grad?.Clone() ?? Tensor<double>.Zeros(p.Value.Shape.ToArray())).ToList();
        var (after, state) = StepExplanation.Updated(spec, [.. named.Select(p => p.Value)], gradients);
        var updates = named.Select((p, k) => new ParameterUpdate(p.Name, p.Value.Detach().Clone(), gradients[k], after[k])).ToList();
        var modules = explained(true);
        if (NonFinite(loss.Item, modules, updates) is { } what)
            throw BackpropException.BadInput($"{spec.Source}: {what}: the step overflows double; use smaller weights, inputs or targets.");
        return new StepExplanation(spec, [], loss.Item, null) { Modules = modules, Updates = updates, Traced = new TracedStep(traced, output, model), OptimizerState = state };
    }

    // The first value of the step that is NaN or infinite, forward values first, or null when all are finite.
    private static string? NonFinite(double loss, IReadOnlyList<ExplainedModule> modules, IReadOnlyList<ParameterUpdate> updates)
    {
        static string Word(double v) => double.IsNaN(v) ? "NaN" : v > 0 ? "infinity" : "-infinity";
        static int Bad(Tensor<double> t)
        {
            for (int i = 0; i < t.Length; i++) if (!double.IsFinite(t.Span[i])) return i;
            return -1;
        }
        foreach (var m in modules)
            foreach (var v in m.Forward)
                if (Bad(v.Value) is var i and >= 0) return $"{(m.Path.Length == 0 ? m.Module : m.Path)}'s {v.Name}[{i}] is {Word(v.Value.Span[i])}";
        if (!double.IsFinite(loss)) return $"the loss is {Word(loss)}";
        foreach (var u in updates)
            if (Bad(u.Gradient) is var i and >= 0) return $"dL/d{u.Name}[{i}] is {Word(u.Gradient.Span[i])}";
        return null;
    }
}
