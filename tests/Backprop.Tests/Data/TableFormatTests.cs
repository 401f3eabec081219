using Backprop.Data;
using Backprop.Parquet;
using Backprop.Registration;
using Backprop.Tensors;
using Backprop.Tests.Support;

namespace Backprop.Tests.Data;

/// <summary>
/// <see cref="DataFile"/> reads a file by the format registered for its extension (<see cref="TableFormats"/>), else as text:
/// a format defined here is found without the core knowing it, as Backprop.Parquet's is.
/// </summary>
public sealed class TableFormatTests : TempDirTest
{
    // A format for *.swapped files: text whose columns are read as CSV, then the first feature negated (so its rows differ from text's).
    private sealed class Swapped : TableFormat
    {
        public override TabularData<T> Load<T>(string path, CsvOptions options) => Negated(Csv.Load<T>(path, options));

        public override TabularData<T> Load<T>(string path, CsvOptions options, TabularSchema like) => Negated(Csv.Load<T>(path, options, like));

        public override (Tensor<T> X, IReadOnlyList<int> Lines) LoadFeatures<T>(string path, TabularSchema schema, CsvOptions options) =>
            Csv.LoadFeatures<T>(path, schema, options);

        private static TabularData<T> Negated<T>(TabularData<T> table) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            var x = table.Data.X.ToArray();
            for (int i = 0; i < x.Length; i += table.Data.X.Shape[1]) x[i] = -x[i];
            var data = new Dataset<T>(new Tensor<T>(table.Data.X.Shape, x), table.Data.Y, table.Data.Classes);
            return new TabularData<T>(data, table.Schema, table.SourcePath, table.Lines);
        }
    }

    static TableFormatTests() =>
        TableFormats.Registry.Add(new RegistryEntry<TableFormat, NoOptions>("swapped", NoOptions.Value, _ => new Swapped(), "test format"));

    [Fact]
    public void ARegisteredFormatReadsTheFilesOfItsExtension()
    {
        const string text = "a,b,y\n1,2,0\n3,4,1\n5,6,0\n";
        var asText = DataFile.Load<float>(Dir.File("t.csv", text));
        var asFormat = DataFile.Load<float>(Dir.File("t.SWAPPED", text));
        Assert.Equal([1f, 2, 3, 4, 5, 6], asText.Data.X.ToArray());
        Assert.Equal([-1f, 2, -3, 4, -5, 6], asFormat.Data.X.ToArray());
        Assert.False(DataFile.IsText("t.swapped"));
        Assert.True(DataFile.IsText("t.csv"));
        Assert.True(DataFile.IsText("t"));
    }

    [Fact]
    public void TheParquetPackageRegistersItsExtension()
    {
        ParquetTable.Register();
        Assert.Same(ParquetTable.Entry, TableFormats.Registry.Find("parquet"));
        Assert.False(DataFile.IsText("data.Parquet"));
    }
}
