using System.Numerics;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>
/// Several regression targets from one table (<c>--target a,b</c>): the columns after the first target are taken out of the features into
/// targets [N, K], one network output each; a second table read like it (<see cref="TableLoader"/> with a schema) gets the same target columns.
/// </summary>
public static class MultiTarget
{
    /// <summary>
    /// <paramref name="table"/>, read for regression with its first target, with the feature columns <paramref name="more"/> (header names, or
    /// 0-based indices, negative from the end) moved into the targets, after it and in that order: targets [N, 1 + more.Count].
    /// </summary>
    /// <exception cref="BackpropException">The task is not regression, or a column is unknown, dropped, the target or named twice (a setting).</exception>
    public static TabularData<T> FromColumns<T>(TabularData<T> table, IReadOnlyList<string> more) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(more);
        if (more.Count == 0) return table;
        var schema = table.Schema;
        string file = Path.GetFileName(table.SourcePath);
        if (schema.Task != TaskKind.Regression)
            throw BackpropException.BadSetting($"{file}: several targets are for regression, but the target \"{RecordTable.Shown(schema.TargetName)}\" was read as classes; give --task regression.");
        var columns = more.Select(c => ColumnRef.Resolve(c, schema.Columns, schema.HasHeader, file, "target")).ToArray();
        var positions = new int[columns.Length];
        for (int k = 0; k < columns.Length; k++)
        {
            string name = schema.HasHeader ? $"column \"{RecordTable.Shown(schema.Columns[columns[k]])}\"" : $"column {columns[k]}";
            if (columns[k] == schema.TargetColumn || Array.IndexOf(columns, columns[k]) < k) throw BackpropException.BadSetting($"{file}: target {name} is named twice.");
            positions[k] = IndexOf(schema.FeatureColumns, columns[k]);
            if (positions[k] < 0) throw BackpropException.BadSetting($"{file}: target {name} is dropped.");
        }
        if (schema.FeatureColumns.Count == columns.Length) throw BackpropException.BadInput($"{file}: no feature columns are left besides the targets.");
        if (table.Raw is not null) // read through encoders: the columns' raw numbers, and the encoders fitted on the columns left
        {
            var (rest, values) = table.TakeOutRaw(positions, "target");
            var moved = WithTargets(rest.Data, values, columns.Length);
            return rest with { Data = moved, Schema = rest.Schema with { MoreTargetColumns = columns } };
        }
        var data = Moved(table.Data, positions);
        return table with { Data = data, Schema = schema with { FeatureColumns = [.. schema.FeatureColumns.Where(i => !columns.Contains(i))], MoreTargetColumns = columns } };
    }

    /// <summary>
    /// A multilabel table (<c>--task multilabel --target a,b,c</c>): <paramref name="table"/>, read for regression with its first label column as the
    /// target, with the label columns <paramref name="more"/> moved into the targets as <see cref="FromColumns{T}"/> does; every label must be 0 or 1
    /// (<c>true</c>/<c>false</c> read as 1/0). Targets [N, labels] of 0/1, task <see cref="TaskKind.Binary"/>: one sigmoid output per label.
    /// </summary>
    /// <exception cref="BackpropException">A label that is not 0/1 (bad input, naming its line and column), or a column as <see cref="FromColumns{T}"/> refuses it.</exception>
    public static TabularData<T> Labels<T>(TabularData<T> table, IReadOnlyList<string> more) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var labels = FromColumns(table, more);
        var schema = labels.Schema;
        var y = labels.Data.Y.Span;
        int width = labels.Data.TargetWidth;
        string file = Path.GetFileName(table.SourcePath);
        for (int i = 0; i < y.Length; i++)
            if (y[i] != T.Zero && y[i] != T.One)
            {
                int column = i % width == 0 ? schema.TargetColumn : schema.MoreTargetColumns[i % width - 1];
                string name = schema.HasHeader ? $"column \"{RecordTable.Shown(schema.Columns[column])}\"" : $"column {column}";
                throw BackpropException.BadInput($"{file} line {labels.Lines[i / width]}, {name}: label {double.CreateTruncating(y[i])} is not 0 or 1 (true or false).");
            }
        return labels with { Schema = schema with { Task = TaskKind.Binary, ClassNames = null } };
    }

    /// <summary><paramref name="like"/> with its further target columns read as features after the others (so a second table is read with them),
    /// its targets read as values (a multilabel table's 0/1 labels too).</summary>
    internal static TabularSchema Widened(TabularSchema like) =>
        like with { FeatureColumns = [.. like.FeatureColumns, .. like.MoreTargetColumns], MoreTargetColumns = [], Task = TaskKind.Regression, ClassNames = null };

    /// <summary>A table read with <see cref="Widened"/>'s schema, its last feature columns moved back into the targets, as <paramref name="like"/> says.</summary>
    internal static TabularData<T> Narrowed<T>(TabularData<T> wide, TabularSchema like) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int features = like.FeatureColumns.Count, k = like.MoreTargetColumns.Count;
        var data = Moved(wide.Data, [.. Enumerable.Range(wide.Data.Features - k, k)]);
        var read = wide.Schema.FeatureColumns; // positions in the table read, which may order its columns otherwise
        return wide with { Data = data, Schema = wide.Schema with { FeatureColumns = [.. read.Take(features)], MoreTargetColumns = [.. read.Skip(features)], Task = like.Task, ClassNames = like.ClassNames } };
    }

    // The rows with `values` [N, k] after their targets: Y [N, width + k]; weights kept.
    private static Dataset<T> WithTargets<T>(Dataset<T> data, T[] values, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = data.Count, had = data.TargetWidth, width = had + k;
        var y = new Tensor<T>(new Shape(n, width));
        for (int r = 0; r < n; r++)
        {
            data.Y.Span.Slice(r * had, had).CopyTo(y.Span.Slice(r * width, had));
            values.AsSpan(r * k, k).CopyTo(y.Span.Slice(r * width + had, k));
        }
        return new Dataset<T>(data.X, y).WithWeights(data.Weights);
    }

    // The rows with the features at `positions` moved, in that order, after the target: X [N, F − K], Y [N, 1 + K]; weights kept.
    private static Dataset<T> Moved<T>(Dataset<T> data, int[] positions) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = data.Count, f = data.Features, k = positions.Length, width = data.TargetWidth + k;
        var keep = Enumerable.Range(0, f).Where(j => !positions.Contains(j)).ToArray();
        var x = new Tensor<T>(new Shape(n, keep.Length));
        var y = new Tensor<T>(new Shape(n, width));
        for (int r = 0; r < n; r++)
        {
            var row = data.X.Span.Slice(r * f, f);
            for (int j = 0; j < keep.Length; j++) x.Span[r * keep.Length + j] = row[keep[j]];
            data.Y.Span.Slice(r * data.TargetWidth, data.TargetWidth).CopyTo(y.Span.Slice(r * width, data.TargetWidth));
            for (int j = 0; j < k; j++) y.Span[r * width + data.TargetWidth + j] = row[positions[j]];
        }
        return new Dataset<T>(x, y).WithWeights(data.Weights);
    }

    private static int IndexOf(IReadOnlyList<int> columns, int column)
    {
        for (int i = 0; i < columns.Count; i++) if (columns[i] == column) return i;
        return -1;
    }
}
