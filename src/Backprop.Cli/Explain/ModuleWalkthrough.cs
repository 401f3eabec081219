using Backprop.Diagnostics;
using Backprop.Nn;

namespace Backprop.Cli.Explain;

/// <summary>
/// The walk-through of a row shown module by module (<see cref="RowExplanation.Modules"/>): each module's forward values in order, its
/// formula beside its path and name (<c>layer2: LayerNorm(8)</c>), the loss, then each module's gradients from the output back to the input.
/// </summary>
internal static class ModuleWalkthrough
{
    public static Walkthrough Build(RowExplanation row, IReadOnlyList<ExplainedModule> modules, string title, string? noTarget, bool full, Section rowSection, Section output)
    {
        title += $": a {row.Architecture} network, loss {row.Loss.Name}; no update is applied";
        var forward = modules.SelectMany(m => m.Forward.Select(v => Stage(m, v))).ToList();
        if (row.ModuleLoss is { } loss)
            forward.Add(new Stage("L" + Expr.Note($"{row.Loss.Name} of the output and the target"), null, [new Substitution("L", Expr.Num(loss))]));
        string notes = string.Join("; ", ["evaluation mode", .. modules.Where(m => m.Note is not null).Select(m => $"{Where(m)}: {m.Note}")]);
        var sections = new List<Section> { rowSection, new("Forward pass", forward, notes), output };
        if (row.ModuleLoss is not null)
            sections.Add(new Section("Backward pass (this row alone)", [.. modules.Reverse().SelectMany(m => m.Backward.Select(v => Stage(m, v)))],
                Footer: "every gradient from the engine's backward pass over this row's graph"));
        else sections.Add(new Section("Backward pass", [], noTarget ?? "the backward pass needs the row's target"));
        return new Walkthrough(title, sections, full);
    }

    internal static string Where(ExplainedModule m) => m.Path.Length == 0 ? m.Module : $"{m.Path}: {m.Module}";

    // The value's formula, the module it belongs to (and the parameter a gradient is of), and its numbers.
    internal static Stage Stage(ExplainedModule m, ExplainedValue v)
    {
        var formula = new Expr(v.Formula, v.Latex) + Expr.Note(v.Parameter is { } p ? $"{Where(m)}, {p}" : Where(m));
        return new Stage(formula, null, [], new Expr(v.Name, v.Latex.Split(" = ")[0]), v.Value);
    }
}
