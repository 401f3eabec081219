using Backprop.Data;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Cli.Common;

/// <summary>Reads data for a saved model the way its training data was read: a file or built-in table with the model's column layout, or MNIST.</summary>
internal static class ModelInput
{
    /// <summary>Features and targets (for <c>evaluate</c>): the model's columns and classes; a class the model does not know is an error naming the line.</summary>
    public static Dataset<float> Labelled(Network<float> network, DataSource source, string model, MissingValues missing)
    {
        if (source.IsImages) return CheckMnist(network, model, Images(source));
        var options = new CsvOptions { Missing = missing };
        if (source.BuiltIn is not { } builtIn) return Csv.Load<float>(FileOf(source), options, Schema(network, model)).Data;
        using var stream = builtIn.Open(builtIn.File);
        return Csv.Load<float>(stream, Path.GetFileName(builtIn.File), options, Schema(network, model)).Data;
    }

    /// <summary>Features only (for <c>predict</c>), with each row's line in the file (MNIST: its 1-based index); the target column may be there or not.</summary>
    public static (Tensor<float> X, IReadOnlyList<int> Lines) Features(Network<float> network, DataSource source, string model, MissingValues missing)
    {
        if (source.IsImages)
        {
            var data = CheckMnist(network, model, Images(source));
            return (data.X, [.. Enumerable.Range(1, data.Count)]);
        }
        var options = new CsvOptions { Missing = missing };
        if (source.BuiltIn is not { } builtIn) return Csv.LoadFeatures<float>(FileOf(source), Schema(network, model), options);
        using var stream = builtIn.Open(builtIn.File);
        return Csv.LoadFeatures<float>(stream, Path.GetFileName(builtIn.File), Schema(network, model), options);
    }

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
