namespace Backprop.Cli.Explain;

/// <summary>The walk-through as Markdown with LaTeX that GitHub renders: a heading per pass, each formula in a display block, the arithmetic aligned on its relation.</summary>
internal static class ExplainMarkdownRenderer
{
    public static void Write(Walkthrough walk, TextWriter output)
    {
        output.WriteLine("## " + walk.Title);
        foreach (var section in walk.Sections)
        {
            output.WriteLine();
            output.WriteLine($"### {section.Heading}");
            if (section.Note is { } note) { output.WriteLine(); output.WriteLine(Capitalized(note.Latex) + "."); }
            foreach (var stage in section.Stages)
            {
                output.WriteLine();
                if (stage.Caption is not null)
                {
                    output.WriteLine($"{Capitalized(stage.Caption)}:");
                    output.WriteLine();
                    output.WriteLine($"$${stage.ResultName!.Value.Latex} = {Matrix(stage.Result!, walk.Full)}$$");
                    continue;
                }
                output.WriteLine("$$" + stage.Formula.Latex + (stage.Elementwise is { } e ? @" \qquad " + e.Latex : "") + "$$");
                if (stage.Substitutions.Count > 0)
                {
                    output.WriteLine();
                    output.WriteLine("$$");
                    output.WriteLine(@"\begin{aligned}");
                    for (int i = 0; i < stage.Substitutions.Count; i++)
                    {
                        var sub = stage.Substitutions[i];
                        output.WriteLine($"{sub.Left.Latex} &{sub.Relation.Latex} {sub.Right.Latex}" + (i < stage.Substitutions.Count - 1 ? @" \\" : ""));
                    }
                    output.WriteLine(@"\end{aligned}");
                    output.WriteLine("$$");
                }
                if (stage.Result is not null) { output.WriteLine(); output.WriteLine($"$${stage.ResultName!.Value.Latex} = {Matrix(stage.Result, walk.Full)}$$"); }
            }
            if (section.Footer is not null) { output.WriteLine(); output.WriteLine($"**{section.Footer}**"); }
        }
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>A bmatrix of the values (eliding like the text form).</summary>
    private static string Matrix(Backprop.Tensors.Tensor<double> value, bool full)
    {
        var rows = MatrixText.Lines(value, full).Select(line => string.Join(" & ",
            line.Trim('[', ']', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(cell => cell == "…" ? @"\cdots" : Expr.Num(double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture)).Latex)));
        return @"\begin{bmatrix} " + string.Join(@" \\ ", rows) + @" \end{bmatrix}";
    }
}
