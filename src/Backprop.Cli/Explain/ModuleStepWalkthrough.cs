using Backprop.Diagnostics;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Cli.Explain;

/// <summary>
/// The training step of a spec of modules (<see cref="StepExplanation.Modules"/>) as a <see cref="Walkthrough"/>: the given batch and
/// parameters, each module's forward values with its formula (from its explain face) and the loss, each module's gradients from the output
/// back to the input, and the update θ ← θ − λ·dL/dθ of every parameter. A module without an explain face is named with a note.
/// </summary>
internal static class ModuleStepWalkthrough
{
    /// <summary>Updates are shown element by element for one example when a parameter has at most this many values; else as matrices.</summary>
    public const int MaxSubstituted = 16;

    public static Walkthrough Build(StepExplanation step, string source)
    {
        var spec = step.Spec;
        var model = spec.Model!;
        var modules = step.Modules!;
        int n = spec.X.Shape[0];
        string sizes = string.Join("-", Mlp.Sizes(model));
        string title = $"One training step of a {(sizes.Length > 0 ? sizes + " " : "")}network ({string.Join(", ", model.Layers)}), loss {spec.Loss.Name}, " +
            $"{n} example{(n == 1 ? "" : "s")}, learning rate {Numbers.Short(spec.LearningRate)} ({source})";
        var forward = modules.SelectMany(m => m.Forward.Select(v => ModuleWalkthrough.Stage(m, v))).ToList();
        forward.Add(new Stage("L" + Expr.Note($"{spec.Loss.Name} of the output and the targets"), null, [new Substitution("L", Expr.Num(step.Loss))]));
        string notes = string.Join("; ", ["evaluation mode", .. modules.Where(m => m.Note is not null).Select(m => $"{ModuleWalkthrough.Where(m)}: {m.Note}")]);
        return new Walkthrough(title,
        [
            Given(step),
            new Section("Forward pass", forward, notes),
            new Section("Backward pass", [.. modules.Reverse().SelectMany(m => m.Backward.Select(v => ModuleWalkthrough.Stage(m, v)))],
                Footer: "every gradient from the engine's backward pass over the modules' graph"),
            Update(step),
        ]);
    }

    private static Section Given(StepExplanation step)
    {
        var spec = step.Spec;
        var stages = new List<Stage> { Shown("X", "inputs, one row per example", spec.X), Shown("Y", spec.Loss.Task == TaskKind.Classification ? "class indices" : "targets", spec.Y) };
        // Each parameter by the library's name and layout, beside the state-dict name and layout the spec gave it in.
        var state = spec.Model!.StateDictWithLibraryNames().ToDictionary(e => e.LibraryName, e => e);
        foreach (var u in step.Updates!)
        {
            string given = state.TryGetValue(u.Name, out var e) ? $" (the state's {e.Name} [{string.Join(", ", e.Entry.StoredShape)}]{(e.Entry is TensorState<double> { Transposed: true } ? ", transposed" : "")})" : "";
            stages.Add(Shown(Name(u.Name), $"{u.Name} [{string.Join(", ", u.Before.Shape.ToArray())}]{given}", u.Before));
        }
        return new Section("Given", stages, $"learning rate λ = {Numbers.Short(spec.LearningRate)}");
    }

    private static Stage Shown(Expr name, string what, Tensor<double> value) => new(name, null, [], name, value, what);

    private static Expr Name(string parameter) => new(parameter, $@"\mathrm{{{parameter}}}");

    // θ ← θ − λ·dL/dθ for every parameter, element by element when it is small.
    private static Section Update(StepExplanation step)
    {
        double lr = step.Spec.LearningRate;
        var stages = new List<Stage>();
        foreach (var u in step.Updates!)
        {
            var name = Name(u.Name);
            var gradient = new Expr($"dL/d{u.Name}", $@"\frac{{\partial L}}{{\partial {name.Latex}}}");
            var formula = name + new Expr(" ← ", @" \leftarrow ") + name + " - " + Expr.Lambda + Expr.Times + gradient;
            if (step.Spec.Optimizer is { } optimizer) formula = name + new Expr(" ← ", @" \leftarrow ") + UpdateRenderer.StepOf(optimizer, name);
            if (u.Before.Length > MaxSubstituted || step.Spec.Optimizer is not null) { stages.Add(new Stage(formula, null, [], name, u.After)); continue; }
            var subs = new List<Substitution>();
            int columns = u.Before.Shape[u.Before.Rank - 1];
            for (int i = 0; i < u.Before.Length; i++)
            {
                string at = u.Before.Rank == 1 ? $"[{i}]" : $"[{i / columns},{i % columns}]";
                subs.Add(new(new Expr(u.Name + at, $@"\mathrm{{{u.Name}}}{at}"),
                    Expr.Num(u.Before.Span[i]) + " - " + Expr.Num(lr) + Expr.Times + Expr.Factor(u.Gradient.Span[i]) + " = " + Expr.Num(u.After.Span[i]), Assigns: true));
            }
            stages.Add(new Stage(formula, null, subs));
        }
        return new Section("Update", stages, UpdateRenderer.Summary(step.Spec));
    }
}
