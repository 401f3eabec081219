using System.Numerics;
using Backprop.Data;
using Backprop.Errors;
using Backprop.Registration;
using Backprop.Tensors;

namespace Backprop.Parquet;

/// <summary>
/// Loads Parquet files into data sets by the rules <see cref="Csv"/> applies to text: one target column, the other columns
/// (less dropped ones) as numeric features, nulls as missing cells. Columns of integers, floats, doubles, decimals and
/// booleans (0 and 1) are numbers; string columns serve as class labels. The file is read a row group at a time; when every feature
/// is a number column without nulls, row groups are read in parallel, column by column (the same data set).
/// <see cref="CsvOptions.Separator"/>, <see cref="CsvOptions.HasHeader"/> and <see cref="CsvOptions.ColumnNames"/> do not apply:
/// a Parquet file names its columns. Errors name the file, row and column. <see cref="Register"/> makes
/// <see cref="DataFile"/> (and so the <c>backprop</c> tool) read <c>*.parquet</c> files through this class.
/// </summary>
public static class ParquetTable
{
    /// <summary>The <c>parquet</c> entry of <see cref="TableFormats.Registry"/>.</summary>
    public static IRegistryEntry<TableFormat> Entry { get; } =
        new RegistryEntry<TableFormat, NoOptions>("parquet", NoOptions.Value, _ => new ParquetFormat(), "Apache Parquet files (*.parquet), a row group at a time");

    /// <summary>Adds <see cref="Entry"/> to <see cref="TableFormats.Registry"/>, so <see cref="DataFile"/> loads <c>*.parquet</c> files (any case) as Parquet. Idempotent.</summary>
    public static void Register() => TableFormats.Registry.Add(Entry);

    /// <summary>
    /// Loads a Parquet file: takes the target column (default: the last), leaves out dropped columns, reads every other
    /// column as numbers, maps class labels to indices and infers the task, as <see cref="Csv.Load{T}(string, CsvOptions?)"/> does.
    /// </summary>
    /// <exception cref="BackpropException">The file does not exist or is not a regular file, is not Parquet, is truncated or corrupt, has no
    /// rows, has a nested column (list, map, struct) or one of another type (dates, binary) among the features or as the target, a string
    /// feature column, refused missing values, NaN or infinity, or a target with one class (<see cref="ErrorKind.Input"/>); or an unknown
    /// target or dropped column (<see cref="ErrorKind.Setting"/>).</exception>
    public static TabularData<T> Load<T>(string path, CsvOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var table = ParquetRecords.Open(path);
        options ??= new CsvOptions();
        return ParquetNumbers.TryLoad<T>(table, options) ?? TableLoader.Load<T>(table, options); // all numbers by row group in parallel, else record by record
    }

    /// <summary>
    /// Loads a second file with the columns the data <paramref name="like"/> describes (a test file): the same target and features,
    /// task, and class indices.
    /// </summary>
    public static TabularData<T> Load<T>(string path, CsvOptions? options, TabularSchema like) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var table = ParquetRecords.Open(path);
        return TableLoader.Load<T>(table, options ?? new CsvOptions(), like);
    }

    /// <summary>The feature matrix [N, F] of a file to predict on (the model's features found by name), with the 1-based row of each.</summary>
    public static (Tensor<T> X, IReadOnlyList<int> Rows) LoadFeatures<T>(string path, TabularSchema schema, CsvOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var table = ParquetRecords.Open(path);
        return TableLoader.Features<T>(table, schema, options ?? new CsvOptions());
    }

    /// <summary>As the public overload; cells of levels the schema's encoders never saw are counted into <paramref name="unseen"/> by column.</summary>
    internal static (Tensor<T> X, IReadOnlyList<int> Rows) LoadFeatures<T>(string path, TabularSchema schema, CsvOptions? options, IDictionary<string, int>? unseen)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var table = ParquetRecords.Open(path);
        return TableLoader.Features<T>(table, schema, options ?? new CsvOptions(), unseen);
    }
}
