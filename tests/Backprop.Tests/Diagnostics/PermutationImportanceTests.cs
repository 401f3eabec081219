using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Diagnostics;

public class PermutationImportanceTests
{
    // The class is the sign of x1; x2 is noise the model cannot use.
    private static Dataset<float> SignOfFirst(int rows, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new float[rows * 2];
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            x[2 * r] = (float)(rng.NextDouble() * 2 - 1);
            x[2 * r + 1] = (float)(rng.NextDouble() * 2 - 1);
            y[r] = x[2 * r] > 0 ? 1 : 0;
        }
        return new Dataset<float>(Tensor<float>.FromArray(x, rows, 2), Tensor<float>.FromArray(y, rows), 2);
    }

    private static Network<float> Trained(Dataset<float> data)
    {
        var net = Network<float>.For(data, [16], optimizer: new Backprop.Optim.AdamOptions { LearningRate = 0.02 }, seed: 1,
            metadata: new Backprop.IO.ModelMetadata { FeatureNames = ["signal", "noise"] });
        net.Fit(data, new TrainOptions { Epochs = 40, Seed = 1 });
        return net;
    }

    [Fact]
    public void TheColumnTheLabelDependsOnMattersAndNoiseDoesNot()
    {
        var data = SignOfFirst(400, 1);
        var net = Trained(data);
        var (score, columns) = PermutationImportance.Compute(net, data, repeats: 4, seed: 3);
        Assert.True(score > 0.95, $"accuracy {score}");
        Assert.Equal(["signal", "noise"], columns.Select(c => c.Column));
        Assert.InRange(columns[0].Mean, 0.35, 0.65); // shuffled signs: right about half the time
        Assert.InRange(columns[1].Mean, -0.03, 0.03);
        Assert.Equal(4, columns[0].Drops.Count);
        Assert.True(columns[0].StandardDeviation > 0);
        Assert.Equal(columns.Select(c => c.Drops), PermutationImportance.Compute(net, data, repeats: 4, seed: 3).Columns.Select(c => c.Drops)); // seeded
        Assert.Equal("accuracy", PermutationImportance.ScoreName(net));
    }

    [Fact]
    public void InputsAreNamedByTheirColumns()
    {
        var net = Trained(SignOfFirst(20, 2));
        Assert.Equal(["signal:0", "noise:1"], InputColumns.Of(net, 2).Select(c => $"{c.Column}:{string.Join(",", c.Inputs)}"));
        var unnamed = Network<float>.For(SignOfFirst(20, 2), [4]);
        Assert.Equal(["x1", "x2"], InputColumns.Of(unnamed, 2).Select(c => c.Column));
    }
}
