using Parquet;
using Parquet.Schema;

namespace Backprop.Tests.Data;

/// <summary>A column for <see cref="ParquetFiles.Write"/>: its field, and how to write the rows of one row group.</summary>
internal sealed record ParquetColumnData(Field Field, int Rows, Func<ParquetRowGroupWriter, int, int, Task> Write);

/// <summary>Writes Parquet files with Parquet.Net for tests: flat columns of any type, nullable ones, a list column.</summary>
internal static class ParquetFiles
{
    /// <summary>Writes <paramref name="columns"/> (all of one length) to <paramref name="path"/> in row groups of <paramref name="groupRows"/> rows.</summary>
    public static void Write(string path, int groupRows, params ParquetColumnData[] columns)
    {
        using var file = File.Create(path);
        Write(file, groupRows, columns);
    }

    /// <summary>Writes the file's bytes to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, int groupRows, params ParquetColumnData[] columns) => Task.Run(async () =>
    {
        int rows = columns[0].Rows;
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(columns.Select(c => c.Field)), stream);
        for (int start = 0; start < rows; start += groupRows)
        {
            using var group = writer.CreateRowGroup();
            foreach (var column in columns) await column.Write(group, start, Math.Min(groupRows, rows - start));
        }
    }).GetAwaiter().GetResult();

    /// <summary>A required column of numbers or booleans.</summary>
    public static ParquetColumnData Values<T>(string name, T[] values) where T : struct
    {
        var field = new DataField<T>(name);
        return new(field, values.Length, async (g, start, n) => await g.WriteAsync<T>(field, values.AsMemory(start, n)));
    }

    /// <summary>A nullable column of numbers or booleans.</summary>
    public static ParquetColumnData Nullable<T>(string name, T?[] values) where T : struct
    {
        var field = new DataField<T?>(name);
        return new(field, values.Length, async (g, start, n) => await g.WriteAsync<T>(field, values.AsMemory(start, n)));
    }

    /// <summary>A decimal column (precision 10, scale 3).</summary>
    public static ParquetColumnData Decimals(string name, decimal[] values)
    {
        var field = new DecimalDataField(name, 10, 3);
        return new(field, values.Length, async (g, start, n) => await g.WriteAsync<decimal>(field, values.AsMemory(start, n)));
    }

    /// <summary>A string column (nulls allowed).</summary>
    public static ParquetColumnData Texts(string name, string?[] values)
    {
        var field = new DataField<string>(name);
        return new(field, values.Length, async (g, start, n) => await g.WriteAsync(field, values[start..(start + n)]!));
    }

    /// <summary>A list-of-integers column with one item a row.</summary>
    public static ParquetColumnData List(string name, int[] items)
    {
        var list = new ListField(name, new DataField<int>("item"));
        var item = (DataField)list.Item;
        return new(list, items.Length, async (g, start, n) => await g.WriteAllPartsAsync<int>(item, items.AsMemory(start, n),
            Enumerable.Repeat(item.MaxDefinitionLevel, n).ToArray(), new int[n], default));
    }

    /// <summary>A struct column with one nullable integer field.</summary>
    public static ParquetColumnData Struct(string name, int[] values)
    {
        var inner = new DataField<int?>("x");
        return new(new StructField(name, inner), values.Length, async (g, start, n) => await g.WriteAsync<int>(inner, values.Select(v => (int?)v).ToArray().AsMemory(start, n)));
    }
}
