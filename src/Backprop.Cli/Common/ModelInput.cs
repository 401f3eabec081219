using System.Numerics;
using Backprop.Data;
using Backprop.Nn;
using Backprop.Text;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Cli.Common;

/// <summary>Reads data for a saved model the way its training data was read: a file or built-in table with the model's column layout, or MNIST.</summary>
internal static class ModelInput
{
    /// <summary>Features and targets (for <c>evaluate</c>): the model's columns and classes; a class the model does not know is an error naming the line.</summary>
    public static Dataset<T> Labelled<T>(Network<T> network, DataSource source, string model, MissingValues? missing, IDictionary<string, int>? unseen = null)
        where T : unmanaged, IFloatingPointIeee754<T> => LabelledLines(network, source, model, missing, unseen).Data;

    /// <summary>As <see cref="Labelled{T}"/>, with each row's line in the file (MNIST: its 1-based index).</summary>
    public static (Dataset<T> Data, IReadOnlyList<int> Lines) LabelledLines<T>(Network<T> network, DataSource source, string model, MissingValues? missing,
        IDictionary<string, int>? unseen = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (source.IsImages)
        {
            var images = CheckMnist(network, model, Images<T>(source));
            return (images, [.. Enumerable.Range(1, images.Count)]);
        }
        TabularData<T> table;
        if (source.BuiltIn is not { } builtIn)
            table = DataFile.Load<T>(FileOf(source), new CsvOptions { Missing = missing ?? MissingValues.Error }, Schema(network, model));
        else
        {
            var (stream, name) = Open(builtIn);
            using (stream) table = Csv.Load<T>(stream, name, BuiltInOptions(builtIn, missing), Schema(network, model));
        }
        foreach (var (column, count) in table.Unseen) unseen?.Add(column, count);
        return (table.Data, table.Lines);
    }

    /// <summary>Features only (for <c>predict</c>), with each row's line in the file (MNIST: its 1-based index); the target column may be there or not.</summary>
    public static (Tensor<T> X, IReadOnlyList<int> Lines) Features<T>(Network<T> network, DataSource source, string model, MissingValues? missing,
        IDictionary<string, int>? unseen = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (source.IsImages)
        {
            var data = CheckMnist(network, model, Images<T>(source));
            return (data.X, [.. Enumerable.Range(1, data.Count)]);
        }
        if (source.BuiltIn is not { } builtIn)
        {
            string file = FileOf(source);
            var options = new CsvOptions { Missing = missing ?? MissingValues.Error };
            return unseen is null ? DataFile.LoadFeatures<T>(file, Schema(network, model), options) : DataFile.LoadFeatures<T>(file, Schema(network, model), options, unseen);
        }
        var (stream, name) = Open(builtIn);
        using (stream) return Csv.LoadFeatures<T>(stream, name, Schema(network, model), BuiltInOptions(builtIn, missing), unseen);
    }

    /// <summary>The note that says how many cells of each column held a level the model's encoders never saw (encoded as all zeros), or null when none did.</summary>
    public static string? UnseenNote(IReadOnlyDictionary<string, int> unseen) => unseen.Count == 0 ? null
        : "unseen levels (encoded as all zeros): " + string.Join(", ", unseen.Select(p => $"{Inert.Text(p.Key)} {p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));

    // A built-in table's rows for a saved model: its own test file when it has one (optdigits), else its rows.
    private static (Stream Stream, string Name) Open(Backprop.Datasets.DatasetInfo builtIn)
    {
        string file = builtIn.TestFile ?? builtIn.File;
        return (builtIn.Open(file), Path.GetFileName(file));
    }

    // The set's own reading options (separator, header, missing cells), its column layout taken from the model; --missing overrides.
    private static CsvOptions BuiltInOptions(Backprop.Datasets.DatasetInfo builtIn, MissingValues? missing) =>
        builtIn.Csv! with { Target = null, Drop = [], ColumnNames = null, Task = null, Missing = missing ?? builtIn.Csv!.Missing };

    private static Dataset<T> Images<T>(DataSource source) where T : unmanaged, IFloatingPointIeee754<T> =>
        source.MnistDirectory is { } dir ? Mnist.LoadDirectory<T>(dir, "t10k") : Backprop.Datasets.BuiltIn.Images<T>(source.BuiltIn!.Name);

    private static string FileOf(DataSource source) => source.File
        ?? throw new UsageException($"--data {source.Name} is a generated set; give a data file, a built-in data set or mnist:DIR");

    // A model without a column layout (imported without --features, or saved from data that was not a table) reads a headerless,
    // comma-separated file by position: its inputs' columns in order, then (for evaluate; predict takes it or not) the target.
    private static TabularSchema Schema<T>(Network<T> network, string model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (network.Metadata.Schema is { } schema) return schema;
        int inputs = IO.Architecture.Of(network.Model).Sizes[0];
        var task = network.Metadata.Task ?? network.Loss.Task;
        return new TabularSchema([.. Enumerable.Range(0, inputs + 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            HasHeader: false, Separator: ",", TargetColumn: inputs, FeatureColumns: [.. Enumerable.Range(0, inputs)], task,
            task.IsClassification() ? network.ClassNames : null);
    }

    private static Dataset<T> CheckMnist<T>(Network<T> network, string model, Dataset<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inputs = IO.Architecture.Of(network.Model).Sizes[0];
        if (network.Metadata.Schema is not null || inputs != data.Features)
            throw new UsageException($"{Path.GetFileName(model)} takes {inputs} inputs" + (network.Metadata.Schema is null ? "" : " from a data file's columns") + $"; MNIST images have {data.Features} pixels");
        return data;
    }
}
