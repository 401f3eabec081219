using Backprop.Data;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Parquet;
using Backprop.Tests.Support;
using Backprop.Training;
using static Backprop.Tests.Data.ParquetFiles;

namespace Backprop.Tests.Data;

/// <summary>A Parquet file streamed a row group at a time trains as the same rows loaded whole, in the file's order.</summary>
public sealed class ParquetRowGroupsTests : TempDirTest
{
    private const int Rows = 50;

    // 50 rows in row groups of 13 (so batches of 16 straddle them): three features and a class label "no"/"yes".
    private string File() => Written("s.parquet", 13,
        Values("a", [.. Enumerable.Range(0, Rows).Select(i => MathF.Sin(i * 0.7f))]),
        Values("b", [.. Enumerable.Range(0, Rows).Select(i => (double)(i % 7) - 3)]),
        Values("c", [.. Enumerable.Range(0, Rows).Select(i => i * 3 % 5)]),
        Texts("label", [.. Enumerable.Range(0, Rows).Select(i => i * 7 % 3 == 0 ? "yes" : "no")]));

    private string Written(string name, int groupRows, params ParquetColumnData[] columns)
    {
        string path = Dir.Path(name);
        Write(path, groupRows, columns);
        return path;
    }

    private static float[] Trained(IBatchSource<float> rows)
    {
        var model = Mlp.Create<float>([3, 8, 2], Activation.Tanh, seed: 4);
        var optimizer = new AdamOptions { LearningRate = 0.01 }.Create(model.Parameters());
        Trainer.Fit(model, new CrossEntropy(), optimizer, rows, new TrainOptions { Epochs = 3, BatchSize = 16, Shuffle = false });
        return [.. model.Parameters().SelectMany(p => p.ToArray())];
    }

    [Fact]
    public void Row_groups_train_as_the_whole_file_in_order()
    {
        string file = File();
        var whole = ParquetTable.Load<float>(file, new CsvOptions { Target = "label" });
        using var streamed = ParquetRowGroups<float>.Open(file, whole.Schema);
        Assert.Equal((Rows, 3, 2), (streamed.Count, streamed.Features, streamed.Classes));
        Assert.Equal(Trained(whole.Data), Trained(streamed));
    }

    [Fact]
    public void Only_one_row_group_is_in_memory()
    {
        string file = File();
        var schema = ParquetTable.Load<float>(file, new CsvOptions { Target = "label" }).Schema;
        using var streamed = ParquetRowGroups<float>.Open(file, schema);
        float[] x = new float[16 * 3], y = new float[16];
        streamed.ReadRows(1, new int[16], x, y); // rows 1-16: the first group's 13 and three of the second's
        Assert.Equal(13, streamed.RowsInMemory);
        Assert.Equal(MathF.Sin(15 * 0.7f), x[15 * 3]);
    }

    [Fact]
    public void Missing_values_that_need_the_whole_file_are_refused()
    {
        string file = File();
        var schema = ParquetTable.Load<float>(file, new CsvOptions { Target = "label" }).Schema;
        var e = Assert.Throws<BackpropException>(() => ParquetRowGroups<float>.Open(file, schema, new CsvOptions { Missing = MissingValues.Mean }));
        Assert.Equal(ErrorKind.Setting, e.Kind);
        Assert.Contains("s.parquet", e.Message);
    }
}
