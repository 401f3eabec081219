using System.Numerics;
using Backprop.Errors;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>
/// Loads delimited text files (CSV, semicolon-, tab- or whitespace-separated) into data sets: one target column,
/// the other columns (less dropped ones) as numeric features. Errors name the file, line and column.
/// </summary>
public static class Csv
{
    /// <summary>Loads a table as double-precision data; see <see cref="Load{T}(string, CsvOptions?)"/>.</summary>
    public static TabularData<double> Load(string path, CsvOptions? options = null) => Load<double>(path, options);

    /// <summary>
    /// Loads a table: finds the separator and header unless given, takes the target column (default: the last),
    /// leaves out dropped columns, parses every other column as numbers, maps class labels to indices and infers the task.
    /// </summary>
    /// <exception cref="BackpropException">The file does not exist or is not a regular file, is not UTF-8 text, is empty, ragged, has text in a
    /// feature column, refused missing values, NaN, infinity or a value beyond <typeparamref name="T"/>'s range, or a target with one class
    /// (<see cref="ErrorKind.Input"/>); or an unknown target or dropped column, or a bad separator (<see cref="ErrorKind.Setting"/>).</exception>
    public static TabularData<T> Load<T>(string path, CsvOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= new CsvOptions();
        using var table = CsvTable.Open(path, options);
        return FromTable<T>(table, options);
    }

    /// <summary>
    /// Loads a table from the text of <paramref name="stream"/> (read to its end, left open), as <see cref="Load{T}(string, CsvOptions?)"/>
    /// loads a file; <paramref name="name"/> stands for the file in errors and in <see cref="TabularData{T}.SourcePath"/>.
    /// </summary>
    public static TabularData<T> Load<T>(Stream stream, string name, CsvOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= new CsvOptions();
        using var table = CsvTable.Open(stream, name, options);
        return FromTable<T>(table, options);
    }

    /// <summary>
    /// Loads a second file with the same columns as the data <paramref name="like"/> describes (a given test file):
    /// the same target and features, task, and class indices (a class the training data lacks is an error naming the line).
    /// With a header in both, the columns are found by name, in any order and among others; without, by position.
    /// Separator and header default to <paramref name="like"/>'s.
    /// </summary>
    public static TabularData<T> Load<T>(string path, CsvOptions? options, TabularSchema like) where T : unmanaged, IFloatingPointIeee754<T>
    {
        options = Like(options, like);
        using var table = CsvTable.Open(path, options);
        return FromTable<T>(table, options, like);
    }

    /// <summary>Loads a second table with the columns <paramref name="like"/> describes from the text of <paramref name="stream"/> (see <see cref="Load{T}(Stream, string, CsvOptions?)"/>).</summary>
    public static TabularData<T> Load<T>(Stream stream, string name, CsvOptions? options, TabularSchema like) where T : unmanaged, IFloatingPointIeee754<T>
    {
        options = Like(options, like);
        using var table = CsvTable.Open(stream, name, options);
        return FromTable<T>(table, options, like);
    }

    /// <summary>
    /// The feature matrix [N, F] of a file to predict on, with the 1-based line of each row. The file has the training columns,
    /// with or without the target: with a header, features are found by name; without one, by position.
    /// </summary>
    public static (Tensor<T> X, IReadOnlyList<int> Lines) LoadFeatures<T>(string path, TabularSchema schema, CsvOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options = Like(options, schema);
        using var table = CsvTable.Open(path, options);
        return Features<T>(table, schema, options);
    }

    /// <summary>The feature matrix of rows to predict on, from the text of <paramref name="stream"/> (see <see cref="Load{T}(Stream, string, CsvOptions?)"/>).</summary>
    public static (Tensor<T> X, IReadOnlyList<int> Lines) LoadFeatures<T>(Stream stream, string name, TabularSchema schema, CsvOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options = Like(options, schema);
        using var table = CsvTable.Open(stream, name, options);
        return Features<T>(table, schema, options);
    }

    private static (Tensor<T> X, IReadOnlyList<int> Lines) Features<T>(CsvTable table, TabularSchema schema, CsvOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int[] features;
        if (table.HasHeader) features = [.. schema.FeatureNames.Select(name => Named(table, name, schema.FeatureNames, "the model needs"))];
        else if (table.Width == schema.Columns.Count) features = [.. schema.FeatureColumns];
        else if (table.Width == schema.Columns.Count - 1)
            features = [.. schema.FeatureColumns.Select(i => i > schema.TargetColumn ? i - 1 : i)];
        else throw BackpropException.BadInput($"{table.FileName}: {table.Width} columns; the model was trained on {schema.Columns.Count} (or {schema.Columns.Count - 1} without the target).");
        if (features.Any(i => i < 0 || i >= table.Width))
            throw BackpropException.BadInput($"{table.FileName}: the model's feature columns ({string.Join(", ", schema.FeatureColumns)}) do not fit its {table.Width} columns.");
        var rows = CsvRows<T>.Read(table, features, -1, options);
        return (new Tensor<T>(new Shape(rows.Count, features.Length), rows.X), rows.Lines);
    }

    private static CsvOptions Like(CsvOptions? options, TabularSchema like)
    {
        options ??= new CsvOptions();
        return options with { HasHeader = options.HasHeader ?? like.HasHeader, Separator = options.Separator ?? like.Separator };
    }

    private static TabularData<T> FromTable<T>(CsvTable table, CsvOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string file = table.FileName;
        bool named = table.HasHeader || options.ColumnNames is not null;
        int target = ColumnRef.Resolve(options.Target ?? "-1", table.Columns, named, file, "target");
        var dropped = new HashSet<int>(options.Drop.Select(d => ColumnRef.Resolve(d, table.Columns, named, file, "drop")));
        if (dropped.Contains(target)) throw BackpropException.BadSetting($"{file}: {table.Describe(target)} is both the target and dropped.");
        int[] features = [.. Enumerable.Range(0, table.Width).Where(i => i != target && !dropped.Contains(i))];
        if (features.Length == 0) throw BackpropException.BadInput($"{file}: no feature columns are left besides the target.");
        return Build<T>(table, target, features, options, null);
    }

    // With a header in both, the columns are found by name (in any order, others ignored), as for predicting; else by position.
    private static TabularData<T> FromTable<T>(CsvTable table, CsvOptions options, TabularSchema like) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (like.HasHeader && table.HasHeader)
        {
            IReadOnlyList<string> needed = [.. like.FeatureNames, like.TargetName];
            const string had = "the training data has";
            return Build<T>(table, Named(table, like.TargetName, needed, had), [.. like.FeatureNames.Select(name => Named(table, name, needed, had))], options, like);
        }
        CheckColumns(table, like);
        return Build<T>(table, like.TargetColumn, [.. like.FeatureColumns], options, like);
    }

    // The index of the header's column `name`; else an error naming it and, after `whose`, every column needed.
    private static int Named(CsvTable table, string name, IReadOnlyList<string> needed, string whose) => Array.IndexOf(table.Columns, name) is int i && i >= 0 ? i
        : throw BackpropException.BadInput($"{table.FileName}: no column \"{CsvTable.Shown(name)}\"; {whose} {CsvTable.Shown(string.Join(", ", needed.Select(n => $"\"{CsvTable.Shown(n)}\"")), 400)}.");

    private static void CheckColumns(CsvTable table, TabularSchema like)
    {
        if (table.Width != like.Columns.Count)
            throw BackpropException.BadInput($"{table.FileName}: {table.Width} columns; the training data has {like.Columns.Count}.");
        if (like.TargetColumn < 0 || like.TargetColumn >= table.Width || like.FeatureColumns.Any(i => i < 0 || i >= table.Width))
            throw BackpropException.BadInput($"{table.FileName}: the training data's target and feature columns do not fit its {table.Width} columns.");
    }

    private static TabularData<T> Build<T>(CsvTable table, int target, int[] features, CsvOptions options, TabularSchema? like)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rows = CsvRows<T>.Read(table, features, target, options);
        var (y, task, classes) = rows.Target!.Encode(options.Task, like, rows.Lines);
        var data = new Dataset<T>(new Tensor<T>(new Shape(rows.Count, features.Length), rows.X), new Tensor<T>(new Shape(y.Length), y), classes?.Length ?? 0);
        var columns = like is { HasHeader: false } && !table.HasHeader ? like.Columns : table.Columns; // a headerless second file keeps the names given to the first
        var schema = new TabularSchema(columns, table.HasHeader, table.Separator, target, features, task, classes);
        return new TabularData<T>(data, schema, table.Path, rows.Lines) { HeaderDetected = table.HeaderDetected };
    }
}
