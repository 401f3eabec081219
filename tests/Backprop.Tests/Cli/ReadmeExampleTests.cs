using System.Runtime.CompilerServices;
using Backprop.Datasets;
using Backprop.Optim;
using Backprop.Training;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

/// <summary>The library example of README.md, compiled and run here; a second test checks that README.md shows exactly this code.</summary>
public sealed class ReadmeExampleTests : TempDirTest
{
    [Fact]
    public void ExampleRuns()
    {
        string modelPath = Dir.Path("iris.safetensors");
        // README example begin
        var data = BuiltIn.Iris<float>();   // built in; Csv.Load<float>("iris.data") reads a file the same way
        var (train, validation, test) = data.Data.Split3(validationFraction: 0.2, testFraction: 0.2, seed: 1);

        var net = Network<float>.For(data, hidden: [64], optimizer: new SgdOptions { LearningRate = 0.01 }, seed: 1);   // 4-64-3, ReLU, softmax CE, standard scaling
        FitResult fit = net.Fit(train, new TrainOptions
        {
            Epochs = 200, BatchSize = 32, Seed = 1,
            Callbacks = [new EarlyStopping(patience: 10)],                  // stop after 10 epochs without a better validation loss
            OnEpoch = e => Console.WriteLine($"epoch {e.Epoch}: loss {e.Loss:F4}, validation accuracy {e.Validation?.Accuracy:F3}"),
        }, validation);
        Console.WriteLine($"kept the weights of epoch {fit.RestoredEpoch ?? fit.History[^1].Epoch}");

        Metrics metrics = net.Evaluate(test);
        Console.WriteLine($"test accuracy {metrics.Accuracy:F3}");         // 0.933
        int[] classes = net.PredictClasses(test.X);                         // class indices; net.ClassNames[i] names them
        Console.WriteLine($"first test row: {net.ClassNames![classes[0]]}");

        net.Save(modelPath);                                                // safetensors, with the scaler and class names
        var loaded = Network<float>.Load(modelPath);
        var probabilities = loaded.Predict(test.X);                         // [rows, classes]
        // README example end
        Assert.True(metrics.Accuracy >= 0.93, $"{metrics.Accuracy}");
        Assert.Equal(net.Predict(test.X).ToArray(), probabilities.ToArray());
    }

    [Fact]
    public void ReadmeShowsThisExample()
    {
        string source = File.ReadAllText(ThisFile());
        string readme = File.ReadAllText(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", "..", "README.md"));
        var example = Lines(Between(source, "// README example begin", "// README example end"));
        var shown = Lines(Between(readme, "string modelPath = \"iris.safetensors\";", "```"));
        Assert.Equal(example, shown);
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;

    private static string Between(string text, string start, string end)
    {
        int from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start}' not found");
        from += start.Length;
        int to = text.IndexOf(end, from, StringComparison.Ordinal);
        Assert.True(to >= 0, $"'{end}' not found after '{start}'");
        return text[from..to];
    }

    private static string[] Lines(string text) =>
        [.. text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
}
