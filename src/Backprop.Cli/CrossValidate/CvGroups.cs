using System.Globalization;
using Backprop.Cli.Train;
using Backprop.Data;
using Backprop.Errors;
using Backprop.Nn;

namespace Backprop.Cli.CrossValidate;

/// <summary>The group of each row of a loaded table, read from its <c>--group</c> column (which the table itself left out of its features).</summary>
internal static class CvGroups
{
    /// <summary>The group id (0..G−1, by the column's sorted values) of each row of <paramref name="table"/>, read from the file again by line.</summary>
    public static int[] Read(TrainArguments args, TabularData<float> table, string column)
    {
        var schema = table.Schema;
        int index = Find(schema, column);
        if (index == schema.TargetColumn) throw new UsageException($"--group {column} is the target column; give another column");
        var c = CultureInfo.InvariantCulture;
        int kept = schema.FeatureColumns[0]; // one feature column stays, as a table needs one; a row it lacks is one the table lacks too
        var options = args.CsvOptions() with
        {
            Target = schema.HasHeader ? schema.Columns[index] : index.ToString(c), Task = TaskKind.Classification,
            Drop = [.. Enumerable.Range(0, schema.Columns.Count).Where(i => i != index && i != kept).Select(i => i.ToString(c))],
        };
        var groups = DataFile.Load<float>(table.SourcePath, options);
        var byLine = new Dictionary<int, int>(groups.Lines.Count);
        var labels = groups.Data.Y.Span;
        for (int i = 0; i < groups.Lines.Count; i++) byLine[groups.Lines[i]] = (int)labels[i];
        var result = new int[table.Data.Count];
        for (int i = 0; i < result.Length; i++)
            result[i] = byLine.TryGetValue(table.Lines[i], out int g) ? g
                : throw BackpropException.BadInput($"{Path.GetFileName(table.SourcePath)} line {table.Lines[i]}, column \"{schema.Columns[index]}\": no group (the cell is missing)");
        return result;
    }

    private static int Find(TabularSchema schema, string column)
    {
        int byName = schema.Columns.ToList().IndexOf(column);
        if (byName >= 0) return byName;
        if (int.TryParse(column, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i) && i >= -schema.Columns.Count && i < schema.Columns.Count)
            return i < 0 ? schema.Columns.Count + i : i;
        throw new UsageException($"--group {column}: no such column; the columns are {string.Join(", ", schema.Columns)}");
    }
}
