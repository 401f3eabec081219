using System.Globalization;
using Backprop.Data;
using Backprop.Tests.Data;
using Backprop.Training;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

/// <summary>train --out, then predict, evaluate and info on the saved model.</summary>
public sealed class ModelCommandTests : TempDirTest
{
    private string TrainIris(params string[] more)
    {
        string model = Dir.Path("iris.safetensors");
        var run = BuiltInCommands.Train(BuiltInCommands.Iris, ["--out", model, .. more]);
        Assert.Contains($"saved model to {model}", run.StdoutLines);
        return model;
    }

    [Fact]
    public void PredictGivesTheLibrarysAnswers()
    {
        string model = TrainIris("--epochs", "20");
        var run = CliRun.Of("predict", "--model", model, "--data", RepoData.Path("iris/iris.data"));
        Assert.Equal(0, run.ExitCode);
        var lines = run.StdoutLines;
        Assert.Equal("line,predicted,p_Iris-setosa,p_Iris-versicolor,p_Iris-virginica", lines[0]);
        Assert.Equal(151, lines.Length);

        var network = Network<float>.Load(model);
        var data = Csv.Load<float>(RepoData.Path("iris/iris.data"));
        var probabilities = network.Predict(data.Data.X);
        var classes = network.PredictClasses(data.Data.X);
        for (int i = 0; i < 150; i++)
        {
            var fields = lines[i + 1].Split(',');
            Assert.Equal(data.Lines[i].ToString(CultureInfo.InvariantCulture), fields[0]);
            Assert.Equal(network.ClassNames![classes[i]], fields[1]);
            for (int k = 0; k < 3; k++)
                Assert.Equal(probabilities[i, k], float.Parse(fields[2 + k], CultureInfo.InvariantCulture), 5e-6f);
        }
    }

    [Fact]
    public void PredictWritesTheSameCsvToAFile()
    {
        string model = TrainIris("--epochs", "5");
        string output = Dir.Path("predictions.csv");
        var toFile = CliRun.Of("predict", "--model", model, "--data", RepoData.Path("iris/iris.data"), "--out", output);
        Assert.Equal((0, "", ""), (toFile.ExitCode, toFile.Stdout, toFile.Stderr));
        var toStdout = CliRun.Of("predict", "--model", model, "--data", RepoData.Path("iris/iris.data"));
        Assert.Equal(toStdout.Stdout.ReplaceLineEndings("\n"), File.ReadAllText(output));
    }

    [Fact]
    public void PredictTakesAFileWithoutTheTargetColumn()
    {
        string model = TrainIris("--epochs", "40");
        string features = Dir.File("features.csv", "5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n");
        var run = CliRun.Of("predict", "--model", model, "--data", features);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, run.StdoutLines.Length);
        Assert.StartsWith("1,Iris-setosa,", run.StdoutLines[1]);
    }

    [Fact]
    public void RegressionPredictionsAreInTheTargetsUnits()
    {
        string model = Dir.Path("mpg.safetensors");
        BuiltInCommands.Train(BuiltInCommands.AutoMpg("drop"), "--out", model, "--epochs", "20");
        string cars = Dir.File("cars.txt", "8   307.0      130.0      3504.      12.0   70  1\t\"chevrolet chevelle malibu\"\n4   97.00      88.00      2130.      14.5   70  3\t\"datsun pl510\"\n");
        var run = CliRun.Of("predict", "--model", model, "--data", cars);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("line,predicted", run.StdoutLines[0]);
        double big = double.Parse(run.StdoutLines[1].Split(',')[1], CultureInfo.InvariantCulture);
        double small = double.Parse(run.StdoutLines[2].Split(',')[1], CultureInfo.InvariantCulture);
        Assert.InRange(big, 8, 25);
        Assert.InRange(small, 20, 40);
    }

    [Fact]
    public void EvaluateShowsPerClassF1AndTheConfusionMatrix()
    {
        string model = TrainIris();
        var run = CliRun.Of("evaluate", "--model", model, "--data", RepoData.Path("iris/iris.data"));
        Assert.Equal(0, run.ExitCode);
        var lines = run.StdoutLines;
        Assert.Equal($"evaluate iris.safetensors on iris.data: 150 examples", lines[0]);
        Assert.Matches(@"^loss \d\.\d{4}  acc 0\.9\d{3}  macro_f1 0\.\d{4}  balanced_acc 0\.\d{4}$", lines[1]);
        Assert.Equal("class            precision     recall         f1    support", lines[2]);
        Assert.Matches(@"^Iris-setosa +1\.0000 +\d\.\d{4} +\d\.\d{4} +50$", lines[3]);
        Assert.Matches(@"^macro avg +0\.9\d{3} +0\.9\d{3} +0\.9\d{3} +150$", lines[6]);
        Assert.Equal("confusion matrix (rows: true class, columns: predicted class)", lines[7]);
        Assert.Equal("                     Iris-setosa  Iris-versicolor   Iris-virginica", lines[8]);
        int[][] matrix = [.. lines[9..12].Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..].Select(int.Parse).ToArray())];
        Assert.All(matrix, row => Assert.Equal(50, row.Sum()));
        double accuracy = double.Parse(lines[1].Split(' ')[^1], CultureInfo.InvariantCulture);
        Assert.Equal(accuracy, (matrix[0][0] + matrix[1][1] + matrix[2][2]) / 150.0, 4);
        Assert.Matches(@"^expected calibration error 0\.\d{4} \(15 equal-width confidence bins\)$", lines[12]);
    }

    [Fact]
    public void EvaluateRegressionShowsMseMaeAndR2()
    {
        string model = Dir.Path("quality.safetensors");
        BuiltInCommands.Train(BuiltInCommands.WineQuality, "--out", model);
        var run = CliRun.Of("evaluate", "--model", model, "--data", RepoData.Path("wine-quality/winequality-red.csv"));
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^loss \d\.\d{4}  mse [\d.]+  mae [\d.]+  r2 0\.\d{4}$", run.StdoutLines[1]);
    }

    [Fact]
    public void EvaluateFindsTheModelsColumnsByNameInAFileWithAHeader()
    {
        string model = Dir.Path("quality.safetensors");
        BuiltInCommands.Train(BuiltInCommands.WineQuality, "--out", model, "--epochs", "2");
        var lines = File.ReadLines(RepoData.Path("wine-quality/winequality-red.csv")).Take(101).ToArray();
        string same = Dir.File("same.csv", string.Join("\n", lines) + "\n");
        // the columns reversed (the target first) and an extra one in front: found by name, as predict finds them
        string shuffled = Dir.File("shuffled.csv", string.Join("\n", lines.Select((l, i) => string.Join(";", [i == 0 ? "\"id\"" : $"{i}", .. l.Split(';').Reverse()]))) + "\n");
        var expected = CliRun.Of("evaluate", "--model", model, "--data", same);
        var run = CliRun.Of("evaluate", "--model", model, "--data", shuffled);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(expected.StdoutLines[1..], run.StdoutLines[1..]);
        Assert.Equal("evaluate quality.safetensors on shuffled.csv: 100 examples", run.StdoutLines[0]);
    }

    [Fact]
    public void InfoShowsArchitectureClassesFeaturesAndTensors()
    {
        string model = TrainIris("--epochs", "3", "--hidden", "16,8", "--activation", "tanh");
        var run = CliRun.Of("info", "--model", model);
        Assert.Equal(0, run.ExitCode);
        var lines = run.StdoutLines;
        Assert.StartsWith("model         " + model + " (F32, ", lines[0]);
        Assert.Contains("architecture  Sequential(Linear(4, 16), Tanh(), Linear(16, 8), Tanh(), Linear(8, 3))", lines);
        Assert.Contains("parameters    243", lines); // 4·16+16 + 16·8+8 + 8·3+3
        Assert.Contains("task          classification", lines);
        Assert.Contains("classes       3: Iris-setosa, Iris-versicolor, Iris-virginica", lines);
        Assert.Contains("features      4: sepal length, sepal width, petal length, petal width", lines);
        Assert.Contains("scaler        standard (4 features)", lines);
        Assert.Contains(lines, l => l.StartsWith("training      batch_size 32, epochs 3, learning_rate 0.001, optimizer adam, scale standard, seed 1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("version       Backprop ", StringComparison.Ordinal));
        Assert.Equal(["  0.weight  F32  [16, 4]     layer1.w transposed", "  0.bias    F32  [16]        layer1.b", "  2.weight  F32  [8, 16]     layer2.w transposed",
            "  2.bias    F32  [8]         layer2.b", "  4.weight  F32  [3, 8]      layer3.w transposed", "  4.bias    F32  [3]         layer3.b"],
            lines[^6..]);
    }

    [Fact]
    public void BatchNormModelSavesThenEvaluatesPredictsAndShowsItsState()
    {
        string model = TrainIris("--batch-norm", "--hidden", "16");
        var evaluate = CliRun.Of("evaluate", "--model", model, "--data", "iris");
        Assert.Equal(0, evaluate.ExitCode);
        Assert.Matches(@"^loss 0\.\d{4}  acc 0\.[89]\d{3}  macro_f1 0\.\d{4}  balanced_acc 0\.\d{4}$", evaluate.StdoutLines[1]); // 0.8867 with the default lr 0.01, 200 epochs

        var network = Network<float>.Load(model);
        var data = Csv.Load<float>(RepoData.Path("iris/iris.data"));
        var classes = network.PredictClasses(data.Data.X);
        var predict = CliRun.Of("predict", "--model", model, "--data", RepoData.Path("iris/iris.data"));
        Assert.Equal(0, predict.ExitCode);
        Assert.Equal(classes.Select(c => network.ClassNames![c]), predict.StdoutLines[1..].Select(l => l.Split(',')[1]));

        var info = CliRun.Of("info", "--model", model).StdoutLines;
        Assert.Contains("architecture  Sequential(Linear(4, 16), BatchNorm1d(16), ReLU(), Linear(16, 3))", info);
        Assert.Contains("parameters    163", info); // 4·16+16 + γ, β 2·16 + 16·3+3; the running statistics are state
        Assert.Equal(["  0.weight               F32  [16, 4]     layer1.w transposed", "  0.bias                 F32  [16]        layer1.b",
            "  1.weight               F32  [16]        layer2.weight", "  1.bias                 F32  [16]        layer2.bias",
            "  1.running_mean         F32  [16]        layer2.running_mean", "  1.running_var          F32  [16]        layer2.running_var",
            "  1.num_batches_tracked  I64  []          layer2.num_batches_tracked",
            "  3.weight               F32  [3, 16]     layer3.w transposed", "  3.bias                 F32  [3]         layer3.b"], info[^9..]);
    }

    [Fact]
    public void GeneratedDataModelsCanBeSavedAndInspected()
    {
        string model = Dir.Path("xor.safetensors");
        var run = CliRun.Of("train", "--data", "xor", "--out", model);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"saved model to {model}", run.StdoutLines[^2]);
        Assert.StartsWith("test  acc 1.0000", run.StdoutLines[^1]);
        var info = CliRun.Of("info", "--model", model);
        Assert.Contains("architecture  Sequential(Linear(2, 8), Tanh(), Linear(8, 2))", info.StdoutLines);
        Assert.Contains("features      2: x1, x2", info.StdoutLines);
    }
}
