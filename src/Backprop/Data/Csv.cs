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
        return TableLoader.Load<T>(table, options);
    }

    /// <summary>
    /// Loads a table from the text of <paramref name="stream"/> (read to its end, left open), as <see cref="Load{T}(string, CsvOptions?)"/>
    /// loads a file; <paramref name="name"/> stands for the file in errors and in <see cref="TabularData{T}.SourcePath"/>.
    /// </summary>
    public static TabularData<T> Load<T>(Stream stream, string name, CsvOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= new CsvOptions();
        using var table = CsvTable.Open(stream, name, options);
        return TableLoader.Load<T>(table, options);
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
        return TableLoader.Load<T>(table, options, like);
    }

    /// <summary>Loads a second table with the columns <paramref name="like"/> describes from the text of <paramref name="stream"/> (see <see cref="Load{T}(Stream, string, CsvOptions?)"/>).</summary>
    public static TabularData<T> Load<T>(Stream stream, string name, CsvOptions? options, TabularSchema like) where T : unmanaged, IFloatingPointIeee754<T>
    {
        options = Like(options, like);
        using var table = CsvTable.Open(stream, name, options);
        return TableLoader.Load<T>(table, options, like);
    }

    /// <summary>
    /// The feature matrix [N, F] of a file to predict on, with the 1-based line of each row. The file has the training columns,
    /// with or without the target: with a header, features are found by name; without one, by position.
    /// </summary>
    public static (Tensor<T> X, IReadOnlyList<int> Lines) LoadFeatures<T>(string path, TabularSchema schema, CsvOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> => LoadFeatures<T>(path, schema, options, null);

    /// <summary>As the public overload; cells of levels the schema's encoders never saw are counted into <paramref name="unseen"/> by column.</summary>
    internal static (Tensor<T> X, IReadOnlyList<int> Lines) LoadFeatures<T>(string path, TabularSchema schema, CsvOptions? options, IDictionary<string, int>? unseen)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options = Like(options, schema);
        using var table = CsvTable.Open(path, options);
        return TableLoader.Features<T>(table, schema, options, unseen);
    }

    /// <summary>The feature matrix of rows to predict on, from the text of <paramref name="stream"/> (see <see cref="Load{T}(Stream, string, CsvOptions?)"/>).</summary>
    public static (Tensor<T> X, IReadOnlyList<int> Lines) LoadFeatures<T>(Stream stream, string name, TabularSchema schema, CsvOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> => LoadFeatures<T>(stream, name, schema, options, null);

    /// <summary>As the public overload; cells of levels the schema's encoders never saw are counted into <paramref name="unseen"/> by column.</summary>
    internal static (Tensor<T> X, IReadOnlyList<int> Lines) LoadFeatures<T>(Stream stream, string name, TabularSchema schema, CsvOptions? options, IDictionary<string, int>? unseen)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options = Like(options, schema);
        using var table = CsvTable.Open(stream, name, options);
        return TableLoader.Features<T>(table, schema, options, unseen);
    }

    private static CsvOptions Like(CsvOptions? options, TabularSchema like)
    {
        options ??= new CsvOptions();
        return options with { HasHeader = options.HasHeader ?? like.HasHeader, Separator = options.Separator ?? like.Separator };
    }
}
