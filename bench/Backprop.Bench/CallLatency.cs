using System.Diagnostics;
using System.Globalization;
using Backprop.Kernels;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Bench;

/// <summary>
/// W5's calls timed one by one (`standard W5calls`): percentiles of 200,000 back-to-back predictions, and
/// the share and median of those a worker thread took part in. On a shared machine
/// the low percentiles show what the one-row path costs when no other process takes its cores; the median chunk of W5
/// mixes that with how often it is descheduled.
/// </summary>
internal static class CallLatency
{
    public static void Run(Action<string, string, string> line)
    {
        var trace = new ParallelTrace();
        using var scope = ComputeSettings.Use(ComputeSettings.Current with { Trace = trace });
        var predictor = new Predictor<float>(Mlp.Create<float>([784, 128, 10], Activation.Relu, seed: 1), new CrossEntropy());
        var x = Tensor<float>.RandomNormal(1, 0, 1, 784).ToArray();
        var result = new float[10];
        for (int i = 0; i < 50_000; i++) predictor.Predict(x, result);
        var ticks = new long[200_000];
        var split = new bool[ticks.Length];
        for (int i = 0; i < ticks.Length; i++)
        {
            long chunks = trace.ChunksOnWorkers, t0 = Stopwatch.GetTimestamp();
            predictor.Predict(x, result);
            ticks[i] = Stopwatch.GetTimestamp() - t0;
            split[i] = trace.ChunksOnWorkers != chunks;
        }
        string Us(long t) => (1e6 * t / Stopwatch.Frequency).ToString("F2", CultureInfo.InvariantCulture);
        var onTwo = ticks.Where((_, i) => split[i]).Order().ToArray();
        var onOne = ticks.Where((_, i) => !split[i]).Order().ToArray();
        Array.Sort(ticks);
        foreach (int p in new[] { 1, 10, 50, 90 }) line($"W5p{p}", Us(ticks[ticks.Length * p / 100]), "us");
        // the calls a worker took part in (a column half on the second core) and the others, apart
        line("W5split", (100.0 * onTwo.Length / ticks.Length).ToString("F1", CultureInfo.InvariantCulture), "%");
        if (onTwo.Length > 0) line("W5p50two", Us(onTwo[onTwo.Length / 2]), "us");
        if (onOne.Length > 0) line("W5p50one", Us(onOne[onOne.Length / 2]), "us");
    }
}
