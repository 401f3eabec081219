using System.Diagnostics;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Bench;

/// <summary>
/// W5's calls timed one by one (`standard W5calls`): percentiles of 200,000 back-to-back predictions. On a shared machine
/// the low percentiles show what the one-row path costs when no other process takes its cores; the median chunk of W5
/// mixes that with how often it is descheduled.
/// </summary>
internal static class CallLatency
{
    public static void Run(Action<string, string, string> line)
    {
        var predictor = new Predictor<float>(Mlp.Create<float>([784, 128, 10], Activation.Relu, seed: 1), new CrossEntropy());
        var x = Tensor<float>.RandomNormal(1, 0, 1, 784).ToArray();
        var result = new float[10];
        for (int i = 0; i < 50_000; i++) predictor.Predict(x, result);
        var ticks = new long[200_000];
        for (int i = 0; i < ticks.Length; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            predictor.Predict(x, result);
            ticks[i] = Stopwatch.GetTimestamp() - t0;
        }
        Array.Sort(ticks);
        foreach (int p in new[] { 10, 50, 90 })
            line($"W5p{p}", (1e6 * ticks[ticks.Length * p / 100] / Stopwatch.Frequency).ToString("F2", System.Globalization.CultureInfo.InvariantCulture), "us");
    }
}
