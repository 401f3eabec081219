using Backprop.Data;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Cli.Common;

/// <summary>Reads data for a saved model the way its training data was read: a file or built-in table with the model's column layout, or MNIST.</summary>
internal static class ModelInput
{
    /// <summary>Features and targets (for <c>evaluate</c>): the model's columns and classes; a class the model does not know is an error naming the line.</summary>
    public static Dataset<float> Labelled(Network<float> network, DataSource source, string model, MissingValues? missing)
    {
        if (source.IsImages) return CheckMnist(network, model, Images(source));
        if (source.BuiltIn is not { } builtIn)
            return DataFile.Load<float>(FileOf(source), new CsvOptions { Missing = missing ?? MissingValues.Error }, Schema(network, model)).Data;
        var (stream, name) = Open(builtIn);
        using (stream) return Csv.Load<float>(stream, name, BuiltInOptions(builtIn, missing), Schema(network, model)).Data;
    }

    /// <summary>Features only (for <c>predict</c>), with each row's line in the file (MNIST: its 1-based index); the target column may be there or not.</summary>
    public static (Tensor<float> X, IReadOnlyList<int> Lines) Features(Network<float> network, DataSource source, string model, MissingValues? missing)
    {
        if (source.IsImages)
        {
            var data = CheckMnist(network, model, Images(source));
            return (data.X, [.. Enumerable.Range(1, data.Count)]);
        }
        if (source.BuiltIn is not { } builtIn)
            return DataFile.LoadFeatures<float>(FileOf(source), Schema(network, model), new CsvOptions { Missing = missing ?? MissingValues.Error });
        var (stream, name) = Open(builtIn);
        using (stream) return Csv.LoadFeatures<float>(stream, name, Schema(network, model), BuiltInOptions(builtIn, missing));
    }

    // A built-in table's rows for a saved model: its own test file when it has one (optdigits), else its rows.
    private static (Stream Stream, string Name) Open(Backprop.Datasets.DatasetInfo builtIn)
    {
        string file = builtIn.TestFile ?? builtIn.File;
        return (builtIn.Open(file), Path.GetFileName(file));
    }

    // The set's own reading options (separator, header, missing cells), its column layout taken from the model; --missing overrides.
    private static CsvOptions BuiltInOptions(Backprop.Datasets.DatasetInfo builtIn, MissingValues? missing) =>
        builtIn.Csv! with { Target = null, Drop = [], ColumnNames = null, Task = null, Missing = missing ?? builtIn.Csv!.Missing };

    private static Dataset<float> Images(DataSource source) =>
        source.MnistDirectory is { } dir ? Mnist.LoadDirectory<float>(dir, "t10k") : Backprop.Datasets.BuiltIn.Images<float>(source.BuiltIn!.Name);

    private static string FileOf(DataSource source) => source.File
        ?? throw new UsageException($"--data {source.Name} is a generated set; give a data file, a built-in data set or mnist:DIR");

    private static TabularSchema Schema(Network<float> network, string model) => network.Metadata.Schema
        ?? throw new UsageException($"{Path.GetFileName(model)} was not trained on a data file (it has no column layout); give mnist or mnist:DIR if it was trained on MNIST");

    private static Dataset<float> CheckMnist(Network<float> network, string model, Dataset<float> data)
    {
        int inputs = IO.Architecture.Of(network.Model).Sizes[0];
        if (network.Metadata.Schema is not null || inputs != data.Features)
            throw new UsageException($"{Path.GetFileName(model)} takes {inputs} inputs" + (network.Metadata.Schema is null ? "" : " from a data file's columns") + $"; MNIST images have {data.Features} pixels");
        return data;
    }
}
