using System.Numerics;
using Backprop.Errors;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>A table's column of row weights (<c>--sample-weight COL</c>): taken out of the features and set as the data set's <see cref="Dataset{T}.Weights"/>.</summary>
public static class SampleWeights
{
    /// <summary>
    /// <paramref name="table"/> with its feature column <paramref name="column"/> (a header name, or a 0-based index, negative from the end) taken
    /// out of the features and set as <see cref="Dataset{T}.Weights"/>: the model neither sees it nor asks for it when predicting.
    /// </summary>
    /// <exception cref="BackpropException">The column is the target or not a feature (a setting), or a weight is negative, NaN or infinite
    /// (bad input; the message names the file, line and column).</exception>
    public static TabularData<T> FromColumn<T>(TabularData<T> table, string column) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(column);
        var schema = table.Schema;
        string file = Path.GetFileName(table.SourcePath);
        int index = ColumnRef.Resolve(column, schema.Columns, schema.HasHeader, file, "sample-weight");
        string described = schema.HasHeader ? $"column \"{RecordTable.Shown(schema.Columns[index])}\"" : $"column {index}";
        if (index == schema.TargetColumn) throw BackpropException.BadSetting($"{file}: {described} is both the target and the sample weights.");
        int feature = IndexOf(schema.FeatureColumns, index);
        if (feature < 0) throw BackpropException.BadSetting($"{file}: {described} is dropped, so it cannot hold the sample weights.");
        if (schema.FeatureColumns.Count == 1) throw BackpropException.BadInput($"{file}: no feature columns are left besides the target and the sample weights.");
        var data = table.Data;
        var features = schema.FeatureColumns.Where(i => i != index).ToArray();
        if (table.Raw is not null) // read through encoders: the column's raw numbers, and the encoders fitted on the columns left
        {
            var (rest, values) = table.TakeOutRaw([feature], "sample weight");
            for (int r = 0; r < values.Length; r++)
                if (!(values[r] >= T.Zero && T.IsFinite(values[r])))
                    throw BackpropException.BadInput($"{file} line {table.Lines[r]}, {described}: sample weight {double.CreateTruncating(values[r])} is not a finite number ≥ 0.");
            return rest with { Data = rest.Data.WithWeights(new Tensor<T>(new Shape(values.Length), values)) };
        }
        int n = data.Count, f = data.Features;
        var weights = new Tensor<T>(new Shape(n));
        var x = new Tensor<T>(new Shape(n, f - 1));
        for (int r = 0; r < n; r++)
        {
            var row = data.X.Span.Slice(r * f, f);
            T w = row[feature];
            if (!(w >= T.Zero && T.IsFinite(w)))
                throw BackpropException.BadInput($"{file} line {table.Lines[r]}, {described}: sample weight {double.CreateTruncating(w)} is not a finite number ≥ 0.");
            weights.Span[r] = w;
            var into = x.Span.Slice(r * (f - 1), f - 1);
            row[..feature].CopyTo(into);
            row[(feature + 1)..].CopyTo(into[feature..]);
        }
        return table with
        {
            Data = new Dataset<T>(x, data.Y, data.Classes).WithWeights(weights),
            Schema = schema with { FeatureColumns = features },
        };
    }

    private static int IndexOf(IReadOnlyList<int> columns, int column)
    {
        for (int i = 0; i < columns.Count; i++) if (columns[i] == column) return i;
        return -1;
    }
}
