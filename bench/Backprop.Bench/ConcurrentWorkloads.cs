using System.Diagnostics;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Bench;

/// <summary>
/// What concurrent callers of the kernels cost each other: W1's training step (784-128-10, batch 64, SGD) for a few seconds on
/// one thread, then on two threads at once (each its own model), in samples/s per caller and in total.
/// </summary>
internal static class ConcurrentWorkloads
{
    public static int Run(TextWriter output)
    {
        output.WriteLine($"W1 alone       {Train(1)[0],10:F0} samples/s");
        var two = Train(2);
        output.WriteLine($"W1 two at once {two[0],10:F0} + {two[1],10:F0} = {two.Sum(),10:F0} samples/s");
        return 0;
    }

    // samples/s of each of `callers` threads training W1 side by side for 4 s (after 1 s of warm-up)
    static double[] Train(int callers)
    {
        var rates = new double[callers];
        using var start = new Barrier(callers);
        var threads = Enumerable.Range(0, callers).Select(c => new Thread(() =>
        {
            var rng = new Rng((ulong)(1 + c));
            var model = Mlp.Create<float>([784, 128, 10], Activation.Relu, seed: (ulong)(1 + c));
            var x = Tensor<float>.RandomNormal(rng, 0, 1, 64, 784);
            var y = Tensor<float>.FromArray([.. Enumerable.Range(0, 64).Select(_ => (float)rng.NextInt(10))]);
            var step = new TrainingStep<float>(model, new CrossEntropy(), new SgdOptions { LearningRate = 0.01 }.Create(model.Parameters()), 64);
            start.SignalAndWait();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < 1) step.Run(x.Span, y.Span, 64);
            long steps = 0;
            clock.Restart();
            while (clock.Elapsed.TotalSeconds < 4) { step.Run(x.Span, y.Span, 64); steps++; }
            rates[c] = steps * 64 / clock.Elapsed.TotalSeconds;
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        return rates;
    }
}
