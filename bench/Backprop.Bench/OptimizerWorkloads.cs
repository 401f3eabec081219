using System.Globalization;
using Backprop.Nn;
using Backprop.Optim;

namespace Backprop.Bench;

/// <summary>W1's training step (784-128-10 ReLU, batch 64, float32) with each optimizer named (registry defaults): samples/s and bytes per step.</summary>
internal static class OptimizerWorkloads
{
    public static int Run(string[] names, TextWriter output)
    {
        foreach (var name in names.Length == 0 ? ["sgd", "momentum", "adam"] : names)
        {
            var optimizer = Optimizers.Defaults(name);
            double samples = StandardWorkloads.SamplesPerSecond([784, 128, 10], 64, Activation.Relu, optimizer);
            output.WriteLine($"W1{name} {samples.ToString("F0", CultureInfo.InvariantCulture)} samples/s");
            output.WriteLine($"W1{name}-bytes {StandardWorkloads.BytesPerStep(optimizer).ToString("F0", CultureInfo.InvariantCulture)} bytes");
        }
        return 0;
    }
}
