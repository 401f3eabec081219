using Backprop.Text;
using Backprop.Cli.Common;
using System.Globalization;
using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Errors;
using Backprop.Training;

namespace Backprop.Cli.Explain;

/// <summary>
/// <c>backprop explain --model M --data FILE --row N</c>: reads row N (data rows counted from 1, the header not counted) with the model's
/// column layout and scaler, as <c>predict</c> and <c>evaluate</c> read files, takes its target from the file's target column (or
/// <c>--target-value</c>), and prints the <see cref="RowExplanation"/> of that row, or with <c>--paths</c> one parameter's chain-rule paths.
/// </summary>
internal static class ExplainRow
{
    /// <param name="target">--target-value: a class name or index (classification) or a value in the target's units (regression).</param>
    public static int Execute(string modelPath, DataSource? source, int? number, string? target, MissingValues? missing, string? parameter,
        OutputFormat format, bool full, TextWriter output)
    {
        if (source is null || number is not int n) throw new UsageException("--model needs --data FILE and --row N (data rows counted from 1) to explain a row");
        var network = Network<double>.Load(modelPath);
        var (x, lines) = ModelInput.Features(network, source, modelPath, missing);
        int rows = x.Shape[0];
        if (n > rows)
            throw new UsageException($"--row {n}: {source.Name} has {rows} data row{(rows == 1 ? "" : "s")} (rows are counted from 1, the header not counted)");
        int line = lines[n - 1];
        var features = x.Span.Slice((n - 1) * x.Shape[1], x.Shape[1]).ToArray();
        string? noTarget = null;
        double[]? value = target is not null ? [TargetValue(network, target)] : RowTarget(network, source, modelPath, missing, line, out noTarget);
        var row = RowExplanation.Run(network, features, value);
        row = row with // names from the model file, shown as inert text (Inert)
        {
            TargetName = row.TargetName is { } t ? Inert.Text(t) : null, FeatureNames = Inert.Texts(row.FeatureNames),
            ClassNames = row.ClassNames is { } names ? Inert.Texts(names) : null,
            Target = row.Target is { } given ? given with
            {
                ClassName = given.ClassName is { } c ? Inert.Text(c) : null, Name = given.Name is { } column ? Inert.Text(column) : null,
            } : null,
            Notes = Inert.Texts(row.Notes),
        };
        string where = $"row {n} of {source.Name}" + (source.IsImages || IsParquet(source) ? "" : $" (line {line})");
        if (parameter is not null)
        {
            if (row.Step is null && row.ModuleLoss is null) throw new UsageException($"--paths: the paths end at the loss, which needs {where}'s target: {noTarget}");
            PathsRenderer.Write(row.Paths(parameter), format, output);
            return BackpropCli.Success;
        }
        var attribution = Attributions.Explain(network, features);
        switch (format)
        {
            case OutputFormat.Json: RowJsonRenderer.Write(row, source.Name, n, line, output, attribution); break;
            case OutputFormat.Markdown:
                ExplainMarkdownRenderer.Write(RowWalkthroughBuilder.Build(row, Title(where, modelPath), noTarget, full), output);
                AttributionRenderer.WriteText(attribution, output, markdown: true);
                break;
            default:
                ExplainTextRenderer.Write(RowWalkthroughBuilder.Build(row, Title(where, modelPath), noTarget, full), output, TerminalStyle.For(output));
                AttributionRenderer.WriteText(attribution, output, markdown: false);
                break;
        }
        return BackpropCli.Success;
    }

    // A Parquet file's rows have numbers, not lines.
    private static bool IsParquet(DataSource source) => source.File is { } file && !DataFile.IsText(file);

    private static string Title(string where, string model) => $"The forward and backward pass of {where} through {Path.GetFileName(model)}";

    // The row's target from the file's target column, found by its line; null with the reason when the file has none or it cannot be read.
    // Mean imputation fills features only, so with --missing mean a target missing on another line stops the whole column: the
    // targets are then read again dropping such lines, which keeps this line's target when it has one.
    private static double[]? RowTarget(Network<double> network, DataSource source, string model, MissingValues? missing, int line, out string? reason)
    {
        try { return Target(ModelInput.LabelledLines(network, source, model, missing), source, line, out reason); }
        catch (BackpropException) when (missing == MissingValues.Mean && Readable(network, source, model, line) is { } found)
        {
            reason = null;
            return found;
        }
        catch (BackpropException e)
        {
            string column = network.Metadata.TargetName is { } t ? $"target column \"{t}\"" : "target column";
            reason = $"the {column} could not be read ({e.Message.TrimEnd('.')}); give --target-value";
        }
        return null;
    }

    // The line's target, read with lines that miss a cell dropped; null when it is dropped too or the column cannot be read.
    private static double[]? Readable(Network<double> network, DataSource source, string model, int line)
    {
        try { return Target(ModelInput.LabelledLines(network, source, model, MissingValues.Drop), source, line, out _); }
        catch (BackpropException) { return null; }
    }

    // The whole target row: one value, or one per target of a model of several targets (or labels).
    private static double[]? Target((Dataset<double> Data, IReadOnlyList<int> Lines) read, DataSource source, int line, out string? reason)
    {
        reason = null;
        int width = read.Data.TargetWidth;
        for (int i = 0; i < read.Lines.Count; i++)
            if (read.Lines[i] == line) return read.Data.Y.Span.Slice(i * width, width).ToArray();
        reason = $"{(IsParquet(source) ? "row" : "line")} {line} has no target value; give --target-value";
        return null;
    }

    // --target-value as the loss reads it: a class name or index, or a number in target units.
    private static double TargetValue(Network<double> network, string text)
    {
        if (network.Loss.IsClassification && network.ClassNames is { } names && names.ToList().IndexOf(text) is int k and >= 0) return k;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
        throw new UsageException(network.Loss.IsClassification && network.ClassNames is { } known
            ? $"--target-value: '{text}' is not a class; the classes are {string.Join(", ", known)} (or their indices 0..{known.Count - 1})"
            : $"--target-value: '{text}' is not a finite number");
    }
}
