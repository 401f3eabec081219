using System.Globalization;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Bench;

/// <summary>
/// W1 (784-128-10 ReLU, batch 64, SGD, float32) with regularisers, beside plain W1 measured in the same run: samples/s and managed bytes
/// per step ("W1dropout 123456 samples/s", "W1dropout-bytes 0 bytes"). Dropout p = 0.2 after the hidden activation; batch norm
/// between the hidden Dense and its activation.
/// </summary>
internal static class RegulariserWorkloads
{
    public static int Run(TextWriter output)
    {
        foreach (var (id, dropout, batchNorm) in new[] { ("W1base", (double[]?)null, false), ("W1dropout", [0.2], false), ("W1batchnorm", null, true) })
        {
            var (step, x, y) = Setup(dropout, batchNorm);
            double samples = 64 / Timing.SecondsPerCall(() => step.Run(x.Span, y.Span, 64));
            output.WriteLine($"{id} {samples.ToString("F0", CultureInfo.InvariantCulture)} samples/s");
            output.WriteLine($"{id}-bytes {BytesPerStep(step, x, y).ToString("F0", CultureInfo.InvariantCulture)} bytes");
        }
        return 0;
    }

    private static (TrainingStep<float> Step, Tensor<float> X, Tensor<float> Y) Setup(double[]? dropout, bool batchNorm)
    {
        var rng = new Rng(1);
        var model = Mlp.Create<float>([784, 128, 10], Activation.Relu, seed: 1, dropout: dropout, batchNorm: batchNorm);
        var x = Tensor<float>.RandomNormal(rng, 0, 1, 64, 784);
        var y = Tensor<float>.FromArray([.. Enumerable.Range(0, 64).Select(_ => (float)rng.NextInt(10))]);
        return (new TrainingStep<float>(model, new CrossEntropy(), new Sgd<float>(model.Parameters(), 0.01), 64), x, y);
    }

    private static double BytesPerStep(TrainingStep<float> step, Tensor<float> x, Tensor<float> y)
    {
        for (int i = 0; i < 200; i++) step.Run(x.Span, y.Span, 64);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < 100; i++) step.Run(x.Span, y.Span, 64);
        return (GC.GetTotalAllocatedBytes(precise: true) - before) / 100.0;
    }
}
