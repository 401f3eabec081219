namespace Backprop.Cli.Explain;

/// <summary>The walk-through for the terminal: a section per pass, each formula with its per-element form, the arithmetic aligned below.</summary>
internal static class ExplainTextRenderer
{
    public static void Write(Walkthrough walk, TextWriter output, TerminalStyle style)
    {
        output.WriteLine(walk.Title);
        foreach (var section in walk.Sections)
        {
            output.WriteLine();
            output.WriteLine(style.Heading(section.Heading) + (section.Note is { } note ? $" ({note.Text})" : ""));
            int formulaWidth = section.Stages.Select(s => s.Formula.Text.Length).DefaultIfEmpty(0).Max();
            int givenWidth = section.Stages.Where(s => s.Caption is not null).Select(s => s.Formula.Text.Length + 3 + MatrixText.Lines(s.Result!, walk.Full)[0].Length).DefaultIfEmpty(0).Max();
            foreach (var stage in section.Stages)
            {
                if (stage.Caption is not null)
                {
                    int width = stage.Formula.Text.Length + 3 + MatrixText.Lines(stage.Result!, walk.Full)[0].Length;
                    WriteMatrix(output, stage.ResultName!.Value.Text, stage, walk.Full, "  ", new string(' ', givenWidth - width + 3) + stage.Caption);
                    continue;
                }
                string formula = stage.Formula.Text;
                output.WriteLine("  " + style.Formula(stage.Elementwise is { } e ? formula.PadRight(formulaWidth) + "   " + e.Text : formula));
                int left = stage.Substitutions.Count == 0 ? 0 : stage.Substitutions.Max(s => s.Left.Text.Length);
                foreach (var sub in stage.Substitutions)
                    output.WriteLine($"      {sub.Left.Text.PadRight(left)} {sub.Relation.Text} {sub.Right.Text}");
                if (stage.Result is not null) WriteMatrix(output, stage.ResultName!.Value.Text, stage, walk.Full, "      ", "");
            }
            if (section.Footer is not null) output.WriteLine("  " + style.Good(section.Footer));
        }
    }

    private static void WriteMatrix(TextWriter output, string name, Stage stage, bool full, string indent, string caption)
    {
        var lines = MatrixText.Lines(stage.Result!, full);
        for (int i = 0; i < lines.Count; i++)
            output.WriteLine(indent + (i == 0 ? $"{name} = " : new string(' ', name.Length + 3)) + lines[i] + (i == 0 ? caption : ""));
    }
}
