using Backprop.Data;
using Backprop.MLNet;
using Backprop.Tests.Cli;
using Backprop.Tests.Data;
using Backprop.Tests.Support;
using Backprop.Training;
using Backprop.Training.Schedules;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.Tests.Training;

/// <summary>One loop and one table of defaults: the same seed and rows train the same model bits through the CLI, Network.Fit and ML.NET.</summary>
public class SameBitsTests
{
    private sealed class Row
    {
        [VectorType(4)] public float[] Features = [];
        public float Class;
    }

    [Fact]
    public void The_cli_network_fit_and_the_mlnet_trainer_give_the_same_weights()
    {
        const ulong seed = 5;
        const int epochs = 3;
        string file = RepoData.Path("iris/iris.data");
        using var dir = new TempDir();
        string saved = dir.Path("cli.safetensors");
        var cli = CliRun.Of("train", "--data", file, "--epochs", $"{epochs}", "--seed", $"{seed}", "--out", saved);
        Assert.True(cli.ExitCode == 0, cli.Stderr);
        float[] fromCli = Weights(Network<float>.Load(saved));

        // C#: the CLI's split of the file, Network.For and Fit with the table's defaults
        var table = DataFile.Load<float>(file, new CsvOptions());
        var (train, _, _) = new SplitPolicy(Defaults.ValidationFraction, Defaults.TestFraction).Split(table.Data, seed);
        var network = Network<float>.For(table, seed: seed);
        network.Fit(train, new TrainOptions
        {
            Epochs = epochs, BatchSize = Defaults.BatchSize, Seed = seed,
            Callbacks = [new EarlyStopping(Defaults.Patience, Defaults.MinDelta, monitor: MonitoredMetric.Loss), new CosineAnnealingLR(epochs)],
        });
        Assert.Equal(fromCli, Weights(network));

        // ML.NET: the same training rows, in the same order, as a data view whose label is a key of the class indices in their order
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, train.Count).Select(i => new Row { Features = [.. train.X.ToArray().AsSpan(i * 4, 4)], Class = train.Y.Span[i] });
        var view = ml.Transforms.Conversion.MapValueToKey("Label", nameof(Row.Class), keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Fit(ml.Data.LoadFromEnumerable(rows)).Transform(ml.Data.LoadFromEnumerable(rows));
        var transformer = new MlpEstimator(new Backprop.MLNet.Tasks.MulticlassTask(), "Label", "Features", new MlpOptions { Epochs = epochs, Seed = seed }).Fit(view);
        Assert.Equal(fromCli, Weights(transformer.Network));
    }

    private static float[] Weights(Network<float> network) => [.. network.Model.Parameters().SelectMany(p => p.ToArray())];
}
