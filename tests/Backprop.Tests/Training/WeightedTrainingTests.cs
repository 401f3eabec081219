using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Tests.Support;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>Sample and class weights in training: a weight of k trains as k copies of the row, on the plan and on the graph alike.</summary>
public class WeightedTrainingTests
{
    // Full batch, no shuffling: the batch's weighted mean Σ wᵢ·lᵢ / Σ wᵢ with integer weights is the plain mean over the rows repeated.
    private static readonly TrainOptions FullBatch = new() { Epochs = 4, BatchSize = 1000, Shuffle = false };

    private static Sequential<double> Model() => Mlp.Create<double>([2, 6, 3], Activation.Tanh, seed: 3);

    private static Sequential<double> Train(Dataset<double> data, TrainOptions options)
    {
        var model = Model();
        Trainer.Fit(model, new CrossEntropy(), new Sgd<double>(model.Parameters(), 0.5), data, options);
        return model;
    }

    private static void AssertSameParameters(Sequential<double> expected, Sequential<double> actual, double tolerance)
    {
        foreach (var ((name, p), (_, q)) in expected.NamedParameters().Zip(actual.NamedParameters()))
            for (int i = 0; i < p.Length; i++) Assert.True(Math.Abs(p.Span[i] - q.Span[i]) <= tolerance, $"{name}[{i}]: {p.Span[i]} vs {q.Span[i]}");
    }

    // Each row repeated as many times as its (integer) count says.
    private static Dataset<double> Repeated(Dataset<double> data, Func<int, int> times) =>
        data.Subset([.. Enumerable.Range(0, data.Count).SelectMany(i => Enumerable.Repeat(i, times(i)))]);

    private static readonly Dataset<double> Spirals = Generate.Spirals<double>(perClass: 10, classes: 3, seed: 4);

    [Fact]
    public void ASampleWeightOfKTrainsAsKCopiesOfTheRow()
    {
        var counts = Enumerable.Range(0, Spirals.Count).Select(i => 1 + i % 3).ToArray();
        var weighted = Train(Spirals.WithWeights(Tensor.From(counts.Select(c => (double)c).ToArray())), FullBatch);
        AssertSameParameters(Train(Repeated(Spirals, i => counts[i]), FullBatch), weighted, 1e-10);
        AssertDiffers(Train(Spirals, FullBatch), weighted);
    }

    [Fact]
    public void AClassWeightOfKTrainsAsKCopiesOfTheClassesRows()
    {
        var weighted = Train(Spirals, FullBatch with { ClassWeights = [1, 3, 2] });
        int[] times = [1, 3, 2];
        AssertSameParameters(Train(Repeated(Spirals, i => times[(int)Spirals.Y.Span[i]]), FullBatch), weighted, 1e-10);
        AssertDiffers(Train(Spirals, FullBatch), weighted);
    }

    [Fact]
    public void ClassAndSampleWeightsMultiply()
    {
        var sample = Enumerable.Range(0, Spirals.Count).Select(i => 0.5 + i % 2).ToArray();
        double[] classes = [2, 1, 0.25];
        var both = Train(Spirals.WithWeights(Tensor.From(sample)), FullBatch with { ClassWeights = classes });
        var product = Enumerable.Range(0, Spirals.Count).Select(i => sample[i] * classes[(int)Spirals.Y.Span[i]]).ToArray();
        AssertSameParameters(Train(Spirals.WithWeights(Tensor.From(product)), FullBatch), both, 1e-12);
    }

    [Fact]
    public void ThePlanAndTheGraphTrainWeightedRowsAlike()
    {
        var data = Spirals.WithWeights(Tensor.From(Enumerable.Range(0, Spirals.Count).Select(i => 0.25 + i % 4).ToArray()));
        PlanGraphTwins.TrainAlike(Model, data, new TrainOptions { Epochs = 3, BatchSize = 7, Seed = 5, ClassWeights = [0.5, 2, 1] });
    }

    [Fact]
    public void BalancedWeightsAreRowsOverClassesTimesTheClassesRows()
    {
        var data = new Dataset<double>(new Tensor<double>(new Shape(6, 1)), Tensor.From([0.0, 0, 0, 0, 1, 2]), 3);
        Assert.Equal([6.0 / (3 * 4), 6.0 / 3, 6.0 / 3], ClassWeights.Balanced(data));
        Assert.Equal([6.0 / (3 * 4), 6.0 / 3, 6.0 / 3], ClassWeights.Parse("balanced", ["a", "b", "c"], data));
        Assert.Equal([1.0, 2.5, 1], ClassWeights.Parse("b=2.5", ["a", "b", "c"], data));
    }

    [Fact]
    public void AClassNameThatDoesNotExistIsRefusedByName()
    {
        var e = Assert.Throws<FormatException>(() => ClassWeights.Parse("a=1,zebra=2", ["a", "b"], Spirals));
        Assert.Contains("no class \"zebra\"", e.Message);
        Assert.Throws<FormatException>(() => ClassWeights.Parse("a=-1", ["a", "b", "c"], Spirals));
    }

    [Fact]
    public void ClassWeightsThatDoNotFitTheDataAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Train(Spirals, FullBatch with { ClassWeights = [1, 2] }));
        Assert.Contains("2 class weights for 3 classes", e.Message);
        var sine = Generate.Sine<double>(count: 20);
        var model = Mlp.Create<double>([1, 4, 1], Activation.Tanh, seed: 1);
        e = Assert.Throws<ArgumentException>(() => Trainer.Fit(model, new MeanSquaredError(), new Sgd<double>(model.Parameters(), 0.1), sine, FullBatch with { ClassWeights = [1] }));
        Assert.Contains("regression", e.Message);
        Assert.Throws<ArgumentException>(() => Spirals.WithWeights(Tensor.From(Enumerable.Repeat(-1.0, Spirals.Count).ToArray())));
    }

    [Fact]
    public void WeightsSurviveSplittingAndScaling()
    {
        var index = Enumerable.Range(0, 30).Select(i => (double)i).ToArray();
        var data = new Dataset<double>(Tensor<double>.FromArray(index, 30, 1), Tensor.From(index.Select(i => i % 3).ToArray()), 3).WithWeights(Tensor.From(index));
        var (train, test) = data.Split(0.3, 1);
        foreach (var part in new[] { train, test })
            for (int r = 0; r < part.Count; r++) Assert.Equal(part.X.Span[r], part.Weights!.Span[r]); // each row kept its own weight
        Assert.Same(train.Weights, Scaler.Fit(Scaling.Standard, train.X)!.Transform(train).Weights);
    }

    private static void AssertDiffers(Sequential<double> a, Sequential<double> b) =>
        Assert.NotEqual(a.Parameters().First().ToArray(), b.Parameters().First().ToArray());
}
