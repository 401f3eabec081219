using System.Globalization;
using System.Text;
using Backprop.Data;
using Backprop.Training;
using Backprop.Tests.Support;

namespace Backprop.Tests.Training;

/// <summary>Cross-validation of an encoded table: each fold's encoders are fitted on its training rows, so a test row's level may be unseen.</summary>
public sealed class CrossValidationEncodersTests : TempDirTest
{
    // 30 rows of city a/b and x; one row of city "z", which only one fold can hold.
    private TabularData<float> Table()
    {
        var text = new StringBuilder("city,x,y\n");
        for (int i = 0; i < 30; i++) text.Append(CultureInfo.InvariantCulture, $"{(i == 11 ? "z" : i % 2 == 0 ? "a" : "b")},{i % 5},{i % 3 + 0.5 * (i % 5)}\n");
        return DataFile.Load<float>(Dir.File("cities.csv", text.ToString()), new CsvOptions { Target = "y", Task = Backprop.Nn.TaskKind.Regression });
    }

    [Fact]
    public void ALevelOnlyInAFoldsTestRowsIsUnseenInThatFold()
    {
        var table = Table();
        Assert.Equal(4, table.Data.Features); // a, b, z and x, fitted on every row
        var widths = new List<(int Train, int Test)>();
        var zeroRows = new List<int>();
        Trainer.CrossValidateFitted(table.Data, fold =>
        {
            widths.Add((fold.Train.Features, fold.Test.Features));
            var x = fold.Test.X.ToArray();
            int f = fold.Test.Features;
            zeroRows.Add(Enumerable.Range(0, fold.Test.Count).Count(r => x[r * f] == 0 && x[r * f + 1] == 0)); // a row that is neither a nor b
            return Network<float>.For(fold.Train, hidden: [2], seed: 1);
        }, new CrossValidationOptions { Folds = 3, Seed = 4 }, _ => new TrainOptions { Epochs = 1, Seed = 4 }, rows => table.FitEncoders(rows).Data);
        Assert.Equal(3, widths.Count);
        Assert.All(widths, w => Assert.Equal(w.Train, w.Test));
        Assert.Equal([3, 4, 4], widths.Select(w => w.Train).Order()); // the fold testing the "z" row never saw z: a, b and x
        int z = widths.FindIndex(w => w.Train == 3);
        Assert.Equal(1, zeroRows[z]); // ... and its z row is encoded as all zeros
    }

    [Fact]
    public void CvRunsOnAnEncodedTable()
    {
        Table();
        var run = Backprop.Tests.Cli.CliRun.Of("cv", "--data", Dir.Path("cities.csv"), "--target", "y", "--folds", "3", "--epochs", "2", "--seed", "4");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(3, run.StdoutLines.Count(l => l.StartsWith("fold ", StringComparison.Ordinal)));
    }

    [Fact]
    public void CvFitsTheEncodersOnEachFoldsTrainingRows()
    {
        // a column with one value, on one row: the fold that tests that row has no value of it to fit a fill on
        var text = new StringBuilder("city,rare,y\n");
        for (int i = 0; i < 30; i++) text.Append(CultureInfo.InvariantCulture, $"{(i % 2 == 0 ? "a" : "b")},{(i == 11 ? "7" : "")},{i % 3}\n");
        string data = Dir.File("rare.csv", text.ToString());
        var run = Backprop.Tests.Cli.CliRun.Of("cv", "--data", data, "--target", "y", "--task", "regression", "--folds", "3", "--epochs", "1", "--seed", "4");
        Assert.Equal(Backprop.Cli.BackpropCli.Failure, run.ExitCode);
        Assert.Contains("rare.csv: column \"rare\" is empty in the training rows", run.Stderr, StringComparison.Ordinal);
    }
}
