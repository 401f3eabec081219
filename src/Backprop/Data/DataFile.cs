using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>
/// Loads a data file of any kind the library reads: a format registered for its extension in <see cref="TableFormats"/>
/// (<c>*.parquet</c> once <c>Backprop.Parquet</c> is registered), else delimited text (<see cref="Csv"/>).
/// </summary>
public static class DataFile
{
    /// <summary>Whether <paramref name="path"/> is read as delimited text: no format is registered for its extension.</summary>
    public static bool IsText(string path) => TableFormats.For(path) is null;

    /// <summary>Loads a table; see <see cref="Csv.Load{T}(string, CsvOptions?)"/> and <see cref="TableFormat.Load{T}(string, CsvOptions)"/>.</summary>
    public static TabularData<T> Load<T>(string path, CsvOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        TableFormats.For(path) is { } format ? format.Load<T>(path, options ?? new CsvOptions()) : Csv.Load<T>(path, options);

    /// <summary>Loads a second table with the columns <paramref name="like"/> describes.</summary>
    public static TabularData<T> Load<T>(string path, CsvOptions? options, TabularSchema like) where T : unmanaged, IFloatingPointIeee754<T> =>
        TableFormats.For(path) is { } format ? format.Load<T>(path, options ?? new CsvOptions(), like) : Csv.Load<T>(path, options, like);

    /// <summary>The feature matrix [N, F] of a file to predict on, with each row's line (text) or row (a registered format).</summary>
    public static (Tensor<T> X, IReadOnlyList<int> Lines) LoadFeatures<T>(string path, TabularSchema schema, CsvOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        TableFormats.For(path) is { } format ? format.LoadFeatures<T>(path, schema, options ?? new CsvOptions()) : Csv.LoadFeatures<T>(path, schema, options);

    /// <summary>As the public overload; cells of levels the schema's encoders never saw are counted into <paramref name="unseen"/> by column.</summary>
    internal static (Tensor<T> X, IReadOnlyList<int> Lines) LoadFeatures<T>(string path, TabularSchema schema, CsvOptions? options, IDictionary<string, int> unseen)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        TableFormats.For(path) is { } format ? format.LoadFeatures<T>(path, schema, options ?? new CsvOptions(), unseen) : Csv.LoadFeatures<T>(path, schema, options, unseen);
}
