using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>
/// A kind of data file loaded by its file extension instead of as delimited text (Parquet, from the <c>Backprop.Parquet</c>
/// package): the same three loads <see cref="Csv"/> offers, by the same rules (target, dropped columns, missing cells, classes).
/// Registered in <see cref="TableFormats.Registry"/> under the extension it reads, without the dot (<c>parquet</c>).
/// </summary>
public abstract class TableFormat
{
    /// <summary>Loads a data set, as <see cref="Csv.Load{T}(string, CsvOptions?)"/> does for text.</summary>
    public abstract TabularData<T> Load<T>(string path, CsvOptions options) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Loads a second file with the columns, task and classes the data <paramref name="like"/> describes.</summary>
    public abstract TabularData<T> Load<T>(string path, CsvOptions options, TabularSchema like) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The feature matrix [N, F] of a file to predict on, with each record's 1-based place.</summary>
    public abstract (Tensor<T> X, IReadOnlyList<int> Lines) LoadFeatures<T>(string path, TabularSchema schema, CsvOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>As <see cref="LoadFeatures{T}(string, TabularSchema, CsvOptions)"/>, counting into <paramref name="unseen"/>, by column, the cells
    /// of levels the schema's encoders never saw (a format that cannot count them leaves it as it is).</summary>
    public virtual (Tensor<T> X, IReadOnlyList<int> Lines) LoadFeatures<T>(string path, TabularSchema schema, CsvOptions options, IDictionary<string, int> unseen)
        where T : unmanaged, IFloatingPointIeee754<T> => LoadFeatures<T>(path, schema, options);
}
