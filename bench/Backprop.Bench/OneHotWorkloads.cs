using System.Globalization;
using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Bench;

/// <summary>
/// One epoch of training on 10,000 rows of three one-hot columns (50, 150 and 250 levels) and four numbers, 454 → 64 ReLU → 3,
/// softmax CE, SGD 0.01, batch 64, against the same network on 454 dense random normal inputs: milliseconds per epoch and the ratio.
/// </summary>
internal static class OneHotWorkloads
{
    private static readonly int[] Levels = [50, 150, 250];
    private const int Rows = 10_000, Numbers = 4;

    public static int Run(TextWriter output)
    {
        int width = Levels.Sum() + Numbers;
        double oneHot = EpochMilliseconds(OneHot(width));
        double dense = EpochMilliseconds(Tensor<float>.RandomNormal(2, 0, 1, Rows, width));
        string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
        output.WriteLine($"onehot {F(oneHot, "F2")} ms/epoch");
        output.WriteLine($"onehot-dense {F(dense, "F2")} ms/epoch");
        output.WriteLine($"onehot-ratio {F(dense / oneHot, "F2")} x");
        return 0;
    }

    // Each row: one active level per column (seed 1), then four random normal numbers.
    private static Tensor<float> OneHot(int width)
    {
        var rng = new Rng(1);
        var x = new float[Rows * width];
        for (int i = 0; i < Rows; i++)
        {
            int offset = 0;
            foreach (int levels in Levels) { x[i * width + offset + rng.NextInt(levels)] = 1f; offset += levels; }
            for (int k = 0; k < Numbers; k++) x[i * width + offset + k] = (float)rng.Normal();
        }
        return Tensor<float>.FromArray(x, Rows, width);
    }

    private static double EpochMilliseconds(Tensor<float> x)
    {
        var rng = new Rng(3);
        var y = Tensor<float>.FromArray([.. Enumerable.Range(0, Rows).Select(_ => (float)rng.NextInt(3))]);
        var data = new Dataset<float>(x, y, 3);
        var model = Mlp.Create<float>([x.Shape[1], 64, 3], Activation.Relu, seed: 1);
        var loss = new CrossEntropy();
        var sgd = new Sgd<float>(model.Parameters(), 0.01);
        var options = new TrainOptions { Epochs = 1, BatchSize = 64, Seed = 1 };
        return 1e3 * Timing.SecondsPerCall(() => Trainer.Fit(model, loss, sgd, data, options), seconds: 3.0);
    }
}
