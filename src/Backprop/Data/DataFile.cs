using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>Loads a data file of either kind the library reads: Parquet (named <c>*.parquet</c>) or delimited text (any other name).</summary>
public static class DataFile
{
    /// <summary>Whether <paramref name="path"/> is read as Parquet: its name ends in <c>.parquet</c> (any case).</summary>
    public static bool IsParquet(string path) => Path.GetExtension(path).Equals(".parquet", StringComparison.OrdinalIgnoreCase);

    /// <summary>Loads a table; see <see cref="ParquetTable.Load{T}(string, CsvOptions?)"/> and <see cref="Csv.Load{T}(string, CsvOptions?)"/>.</summary>
    public static TabularData<T> Load<T>(string path, CsvOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        IsParquet(path) ? ParquetTable.Load<T>(path, options) : Csv.Load<T>(path, options);

    /// <summary>Loads a second table with the columns <paramref name="like"/> describes.</summary>
    public static TabularData<T> Load<T>(string path, CsvOptions? options, TabularSchema like) where T : unmanaged, IFloatingPointIeee754<T> =>
        IsParquet(path) ? ParquetTable.Load<T>(path, options, like) : Csv.Load<T>(path, options, like);

    /// <summary>The feature matrix [N, F] of a file to predict on, with each row's line (text) or row (Parquet).</summary>
    public static (Tensor<T> X, IReadOnlyList<int> Lines) LoadFeatures<T>(string path, TabularSchema schema, CsvOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        IsParquet(path) ? ParquetTable.LoadFeatures<T>(path, schema, options) : Csv.LoadFeatures<T>(path, schema, options);
}
