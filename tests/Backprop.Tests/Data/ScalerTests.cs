using Backprop.Data;
using Backprop.Tensors;

namespace Backprop.Tests.Data;

public class ScalerTests
{
    private static readonly Tensor<double> Train = Tensor.From(new double[,] { { 1, 10, 5 }, { 3, 20, 5 }, { 5, 30, 5 } });
    private static readonly Tensor<double> Other = Tensor.From(new double[,] { { 7, 0, 6 } });

    [Fact]
    public void StandardScalerUsesTrainingStatisticsOnly()
    {
        var s = StandardScaler.Fit(Train);
        double sd = Math.Sqrt(8.0 / 3);
        Assert.Equal([3, 20, 5], s.Offsets);
        Assert.Equal(sd, s.Scales[0], 12);
        Assert.Equal(1, s.Scales[2]); // constant feature: scale 1, not 0
        var scaled = s.Transform(Train);
        for (int j = 0; j < 3; j++)
            Assert.Equal(0, Enumerable.Range(0, 3).Average(i => scaled[i, j]), 12);
        var other = s.Transform(Other);
        Assert.Equal((7 - 3) / sd, other[0, 0], 12);
        Assert.Equal(1, other[0, 2]);
    }

    [Fact]
    public void StandardScalerSumsEachFeatureInRowOrder()
    {
        // the same bits as summing value i into feature i % F in one pass over the values (the order the rows are stored in)
        var rng = new Rng(3);
        const int n = 501, f = 7;
        var x = new Tensor<float>(new Shape(n, f));
        for (int i = 0; i < x.Length; i++) x.Span[i] = (float)(rng.Normal() * 100 + 3);
        var s = StandardScaler.Fit(x);
        var means = new double[f];
        var sums = new double[f];
        for (int i = 0; i < x.Length; i++) means[i % f] += x.Span[i];
        for (int j = 0; j < f; j++) means[j] /= n;
        for (int i = 0; i < x.Length; i++) sums[i % f] += (x.Span[i] - means[i % f]) * (x.Span[i] - means[i % f]);
        Assert.Equal(means, s.Offsets);
        Assert.Equal(sums.Select(d => Math.Sqrt(d / n)), s.Scales);
    }

    [Fact]
    public void MinMaxScalerMapsTheTrainingRangeToUnitInterval()
    {
        var s = MinMaxScaler.Fit(Train);
        Assert.Equal(new double[] { 0, 0, 0, 0.5, 0.5, 0, 1, 1, 0 }, s.Transform(Train).ToArray());
        Assert.Equal(new double[] { 1.5, -0.5, 1 }, s.Transform(Other).ToArray());
    }

    [Fact]
    public void FittedOnTheTrainingPartOfASplitOnly()
    {
        var iris = Csv.Load(RepoData.Path("iris/iris.data")).Data;
        var (train, _, test) = iris.Split3(0.2, 0.2, seed: 5);
        var s = Scaler.Fit("standard", train.X);
        var trainScaled = s.Transform(train);
        var testScaled = s.Transform(test);
        Assert.Equal(0, Enumerable.Range(0, train.Count).Average(i => trainScaled.X[i, 0]), 9);
        Assert.NotEqual(0, Enumerable.Range(0, test.Count).Average(i => testScaled.X[i, 0]), 9);
        Assert.Equal(test.Y.ToArray(), testScaled.Y.ToArray());
    }

    [Fact]
    public void RoundTripsThroughItsState()
    {
        var s = Scaler.Fit("minmax", Train);
        var state = s.ToState();
        Assert.Equal("minmax", state.Kind);
        var back = Scaler.FromState(state);
        Assert.IsType<MinMaxScaler>(back);
        Assert.Equal(s.Transform(Other).ToArray(), back.Transform(Other).ToArray());
        Assert.Throws<FormatException>(() => Scaler.FromState(state with { Kind = "robust" }));
        Assert.Throws<FormatException>(() => Scaler.Fit("robust", Train));
        Assert.Throws<ArgumentException>(() => s.Transform(Tensor.From(new double[,] { { 1, 2 } })));
    }

    [Fact]
    public void FloatDataIsScaledToo()
    {
        var x = Train.Cast<float>();
        Assert.Equal(StandardScaler.Fit(Train).Transform(Train).Cast<float>().ToArray(), StandardScaler.Fit(x).Transform(x).ToArray());
    }
}
