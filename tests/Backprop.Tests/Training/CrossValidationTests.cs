using Backprop.Data;
using Backprop.Training;
using Backprop.Tests.Data;

namespace Backprop.Tests.Training;

public class CrossValidationTests
{
    private static Dataset<float> Iris() => Csv.Load<float>(RepoData.Path("iris/iris.data")).Data;

    private static CrossValidationResult Run(int repeats, ulong seed) => Trainer.CrossValidate(Iris(),
        fold => Network<float>.For(fold.Train, hidden: [8], optimizer: new Backprop.Optim.AdamOptions { LearningRate = 0.03 }, seed: seed),
        new CrossValidationOptions { Folds = 3, Repeats = repeats, Seed = seed }, _ => new TrainOptions { Epochs = 30, Seed = seed });

    [Fact]
    public void EveryFoldIsScoredOnItsOwnRowsAndSummarised()
    {
        var result = Run(repeats: 2, seed: 5);
        Assert.Equal(6, result.Folds.Count);
        Assert.Equal([0, 0, 0, 1, 1, 1], result.Folds.Select(f => f.Repeat));
        Assert.All(result.Folds, f => Assert.Equal((100, 50), (f.TrainRows, f.TestRows)));
        Assert.Equal(["loss", "acc", "macro_f1", "balanced_acc"], result.Summary.Select(s => s.Name));
        double[] acc = [.. result.Folds.Select(f => f.Scores.Single(s => s.Name == "acc").Value)];
        var (_, mean, sd) = result.Summary.Single(s => s.Name == "acc");
        Assert.Equal(acc.Average(), mean, 12);
        Assert.Equal(Math.Sqrt(acc.Sum(a => (a - mean) * (a - mean)) / 5), sd, 12);
        Assert.True(mean > 0.8, $"acc {mean}");
        Assert.NotEqual(result.Folds[0].Scores, result.Folds[3].Scores); // the second repeat divides the rows afresh
    }

    [Fact]
    public void SameSeedSameScores()
    {
        Assert.Equal(Run(1, 3).Folds.SelectMany(f => f.Scores), Run(1, 3).Folds.SelectMany(f => f.Scores));
    }

    [Fact]
    public void RegressionReportsErrorsAndR2()
    {
        var mpg = Csv.Load<float>(RepoData.Path("auto-mpg/auto-mpg.data"),
            new CsvOptions { Separator = CsvOptions.Whitespace, Target = "0", Drop = ["-1"], Missing = MissingValues.Drop }).Data;
        var result = Trainer.CrossValidate(mpg, fold => Network<float>.For(fold.Train, hidden: [8], optimizer: new Backprop.Optim.AdamOptions { LearningRate = 0.03 }, seed: 1),
            new CrossValidationOptions { Folds = 3, Seed = 1 }, _ => new TrainOptions { Epochs = 20 });
        Assert.Equal(["loss", "mse", "mae", "r2"], result.Summary.Select(s => s.Name));
        Assert.True(result.Summary.Single(s => s.Name == "r2").Mean > 0.5);
    }
}
