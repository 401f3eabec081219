using System.Numerics;
using Backprop.Data;
using Backprop.Tensors;

namespace Backprop.Parquet;

/// <summary>Parquet as a <see cref="TableFormat"/> of <see cref="TableFormats"/>: each load is <see cref="ParquetTable"/>'s.</summary>
internal sealed class ParquetFormat : TableFormat
{
    /// <inheritdoc/>
    public override TabularData<T> Load<T>(string path, CsvOptions options) => ParquetTable.Load<T>(path, options);

    /// <inheritdoc/>
    public override TabularData<T> Load<T>(string path, CsvOptions options, TabularSchema like) => ParquetTable.Load<T>(path, options, like);

    /// <inheritdoc/>
    public override (Tensor<T> X, IReadOnlyList<int> Lines) LoadFeatures<T>(string path, TabularSchema schema, CsvOptions options) =>
        ParquetTable.LoadFeatures<T>(path, schema, options);

    /// <inheritdoc/>
    public override (Tensor<T> X, IReadOnlyList<int> Lines) LoadFeatures<T>(string path, TabularSchema schema, CsvOptions options, IDictionary<string, int> unseen) =>
        ParquetTable.LoadFeatures<T>(path, schema, options, unseen);
}
