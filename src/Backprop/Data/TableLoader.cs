using System.Numerics;
using Backprop.Errors;
using Backprop.Preprocessing;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>
/// Turns the records of an open table (any kind of file) into a data set: one target column, the other columns (less
/// dropped ones) as numeric features, missing cells as <see cref="CsvOptions.Missing"/> says, classes or values.
/// </summary>
internal static class TableLoader
{
    /// <summary>The feature matrix [N, F] of rows to predict on, the training columns found by name (with a header) or by position, with each row's line;
    /// through the schema's encoders when it has them (cells of levels they never saw are counted into <paramref name="unseen"/> by column).</summary>
    public static (Tensor<T> X, IReadOnlyList<int> Lines) Features<T>(RecordTable table, TabularSchema schema, CsvOptions options,
        IDictionary<string, int>? unseen = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int[] features;
        if (table.HasHeader) features = [.. schema.FeatureColumnNames.Select(name => Named(table, name, schema.FeatureColumnNames, "the model needs"))];
        else if (table.Width == schema.Columns.Count) features = [.. schema.FeatureColumns];
        else if (table.Width == schema.Columns.Count - 1)
            features = [.. schema.FeatureColumns.Select(i => i > schema.TargetColumn ? i - 1 : i)];
        else throw BackpropException.BadInput($"{table.FileName}: {table.Width} columns; the model was trained on {schema.Columns.Count} (or {schema.Columns.Count - 1} without the target).");
        if (features.Any(i => i < 0 || i >= table.Width))
            throw BackpropException.BadInput($"{table.FileName}: the model's feature columns ({string.Join(", ", schema.FeatureColumns)}) do not fit its {table.Width} columns.");
        if (schema.Encoders is null)
        {
            var rows = NumericRows<T>(table, features, -1, options);
            return (new Tensor<T>(new Shape(rows.Count, features.Length), rows.X), rows.Lines);
        }
        var raw = RawRows<T>.Read(table, features, -1, options);
        raw.Missing.FinishEncoded(raw.Count);
        var encoding = Restored(table, schema.Encoders);
        return (new Tensor<T>(new Shape(raw.Count, encoding.Width), encoding.Encode<T>(raw.Columns, raw.Count, raw.Where, unseen)), raw.Lines);
    }

    // The encoding a schema stores (checked when the model file was read; an error here names the file).
    private static ColumnEncoding Restored(RecordTable table, IReadOnlyList<EncoderState> states)
    {
        try { return ColumnEncoding.Restore(states); }
        catch (FormatException e) { throw BackpropException.BadInput($"{table.FileName}: the model's column encoders are not valid: {e.Message}", e); }
    }

    /// <summary>A data set from every record: the target and dropped columns as <paramref name="options"/> name them, the task and classes inferred unless given.</summary>
    public static TabularData<T> Load<T>(RecordTable table, CsvOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (target, features) = Columns(table, options);
        return Build<T>(table, target, features, options, null);
    }

    /// <summary>The target column and the feature columns (every other column not dropped) that <paramref name="options"/> name.</summary>
    /// <exception cref="BackpropException">An unknown column, the target also dropped, or no feature column left.</exception>
    internal static (int Target, int[] Features) Columns(RecordTable table, CsvOptions options)
    {
        string file = table.FileName;
        bool named = table.HasHeader || options.ColumnNames is not null;
        int target = ColumnRef.Resolve(options.Target ?? "-1", table.Columns, named, file, "target");
        var dropped = new HashSet<int>(options.Drop.Select(d => ColumnRef.Resolve(d, table.Columns, named, file, "drop")));
        if (dropped.Contains(target)) throw BackpropException.BadSetting($"{file}: {table.Describe(target)} is both the target and dropped.");
        int[] features = [.. Enumerable.Range(0, table.Width).Where(i => i != target && !dropped.Contains(i))];
        if (features.Length == 0) throw BackpropException.BadInput($"{file}: no feature columns are left besides the target.");
        return (target, features);
    }

    /// <summary>
    /// A data set from every record, with the columns, task and classes of the data <paramref name="like"/> describes: with a header in
    /// both, the columns are found by name (in any order, others ignored), as for predicting; else by position.
    /// </summary>
    public static TabularData<T> Load<T>(RecordTable table, CsvOptions options, TabularSchema like) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (like.MoreTargetColumns.Count > 0) return MultiTarget.Narrowed(Load<T>(table, options, MultiTarget.Widened(like)), like); // several targets
        if (like.HasHeader && table.HasHeader)
        {
            IReadOnlyList<string> needed = [.. like.FeatureColumnNames, like.TargetName];
            const string had = "the training data has";
            return Build<T>(table, Named(table, like.TargetName, needed, had), [.. like.FeatureColumnNames.Select(name => Named(table, name, needed, had))], options, like);
        }
        CheckColumns(table, like);
        return Build<T>(table, like.TargetColumn, [.. like.FeatureColumns], options, like);
    }

    private static void CheckColumns(RecordTable table, TabularSchema like)
    {
        if (table.Width != like.Columns.Count)
            throw BackpropException.BadInput($"{table.FileName}: {table.Width} columns; the training data has {like.Columns.Count}.");
        if (like.TargetColumn < 0 || like.TargetColumn >= table.Width || like.FeatureColumns.Any(i => i < 0 || i >= table.Width))
            throw BackpropException.BadInput($"{table.FileName}: the training data's target and feature columns do not fit its {table.Width} columns.");
    }

    // The encoded block [rows, width] with the raw numbers of the columns from `first` on after it (a missing or text cell refused, naming it).
    private static T[] WithNumbers<T>(T[] encoded, int width, RawRows<T> raw, int first) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = raw.Count, k = raw.Columns.Length - first, wide = width + k;
        var x = new T[(long)n * wide];
        for (int r = 0; r < n; r++)
        {
            encoded.AsSpan(r * width, width).CopyTo(x.AsSpan(r * wide, width));
            for (int j = 0; j < k; j++)
            {
                var column = raw.Columns[first + j];
                double v = column.NumberOrBoolean(r);
                if (column.IsMissing(r) || double.IsNaN(v))
                    throw BackpropException.BadInput($"{raw.Where(r, column.Index)}: target {(column.IsMissing(r) ? "is missing" : $"\"{RecordTable.Shown(column.Text(r) ?? "")}\" is not a number")}.");
                x[r * wide + width + j] = T.CreateTruncating(v);
            }
        }
        return x;
    }

    // The index of the header's column `name`; else an error naming it and, after `whose`, every column needed.
    private static int Named(RecordTable table, string name, IReadOnlyList<string> needed, string whose) => Array.IndexOf(table.Columns, name) is int i && i >= 0 ? i
        : throw BackpropException.BadInput($"{table.FileName}: no column \"{RecordTable.Shown(name)}\"; {whose} {RecordTable.Shown(string.Join(", ", needed.Select(n => $"\"{RecordTable.Shown(n)}\"")), 400)}.");

    // The rows of a table of numbers: a text file's read straight into floats when it allows (NumericCsv), else record by record.
    private static CsvRows<T> NumericRows<T>(RecordTable table, int[] features, int target, CsvOptions options) where T : unmanaged, IFloatingPointIeee754<T> =>
        (table is CsvTable csv ? NumericCsv.TryRead<T>(csv, features, target, options) : null) ?? CsvRows<T>.Read(table, features, target, options);

    /// <summary>A new data set whose features were all numbers, read straight into floats (by NumericCsv, or Parquet's numeric path), as
    /// Build makes it from raw columns all inferred as numbers.</summary>
    internal static TabularData<T> AllNumbers<T>(RecordTable table, CsvRows<T> rows, IReadOnlyList<string> columns, int target, CsvOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (y, task, classes) = rows.Target!.Encode(options.Task, null, rows.Lines);
        options.NamedKinds(table); // its setting errors come after the target's, as on the raw columns' path
        var data = new Dataset<T>(new Tensor<T>(new Shape(rows.Count, rows.Features.Length), rows.X), new Tensor<T>(new Shape(y.Length), y), classes?.Length ?? 0);
        var schema = new TabularSchema(columns, table.HasHeader, table.Separator, target, rows.Features, task, classes);
        return new TabularData<T>(data, schema, table.Path, rows.Lines) { HeaderDetected = table.HeaderDetected, Unseen = new Dictionary<string, int>(StringComparer.Ordinal) };
    }

    private static TabularData<T> Build<T>(RecordTable table, int target, int[] features, CsvOptions options, TabularSchema? like)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var columns = like is { HasHeader: false } && !table.HasHeader ? like.Columns : table.Columns; // a headerless second file keeps the names given to the first
        if (like is { Encoders: null })
        {
            var rows = NumericRows<T>(table, features, target, options);
            var (ly, ltask, lclasses) = rows.Target!.Encode(options.Task, like, rows.Lines);
            var ldata = new Dataset<T>(new Tensor<T>(new Shape(rows.Count, features.Length), rows.X), new Tensor<T>(new Shape(ly.Length), ly), lclasses?.Length ?? 0);
            return new TabularData<T>(ldata, new TabularSchema(columns, table.HasHeader, table.Separator, target, features, ltask, lclasses), table.Path, rows.Lines)
                { HeaderDetected = table.HeaderDetected };
        }
        if (like is null && !options.AsksForEncoding && table is CsvTable csv && NumericCsv.TryRead<T>(csv, features, target, options) is { } numbers)
            return AllNumbers(table, numbers, columns, target, options);
        var raw = RawRows<T>.Read(table, features, target, options);
        var (y, task, classes) = raw.Target!.Encode(options.Task, like, raw.Lines);
        ColumnEncoding? encoding = null;
        var unseen = new Dictionary<string, int>(StringComparer.Ordinal);
        T[] x;
        if (like?.Encoders is { } states)
        {
            raw.Missing.FinishEncoded(raw.Count);
            encoding = Restored(table, states);
            x = encoding.Encode<T>(raw.Columns, raw.Count, raw.Where, unseen);
            if (raw.Columns.Length > states.Count) x = WithNumbers(x, encoding.Width, raw, states.Count); // a model's further targets (MultiTarget.Widened)
        }
        else
        {
            var named = options.NamedKinds(table);
            var kinds = raw.Columns.Select(c => ColumnTypes.Infer(c, named.TryGetValue(c.Index, out var k) ? k : null, table.FileName, row => raw.Where(row, c.Index))).ToArray();
            if (kinds.All(k => k == ColumnKind.Number) && !options.AsksForEncoding) x = raw.Numbers(options);
            else
            {
                raw.Missing.FinishEncoded(raw.Count);
                encoding = ColumnEncoding.Fit(raw.Columns, kinds, [.. Enumerable.Range(0, raw.Count)], options, table.FileName, raw.Where);
                x = encoding.Encode<T>(raw.Columns, raw.Count, raw.Where, unseen);
            }
        }
        int width = encoding is null ? features.Length : encoding.Width + raw.Columns.Length - encoding.Encoders.Count;
        var data = new Dataset<T>(new Tensor<T>(new Shape(raw.Count, width), x), new Tensor<T>(new Shape(y.Length), y), classes?.Length ?? 0);
        var schema = new TabularSchema(columns, table.HasHeader, table.Separator, target, features, task, classes) { Encoders = encoding?.States };
        return new TabularData<T>(data, schema, table.Path, raw.Lines)
        {
            HeaderDetected = table.HeaderDetected, Unseen = unseen,
            Raw = encoding is null ? null : new RawTable(raw.Columns, [.. encoding.Encoders.Select(e => e.Kind)], options, table.FileName, raw.Where),
        };
    }
}
