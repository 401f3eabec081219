using Backprop.Kernels;
using Backprop.Nn;
using Backprop.Onnx;
using Backprop.Training;
using Microsoft.ML.OnnxRuntime;

namespace Backprop.Bench;

/// <summary>
/// W5ort: W5's one-sample inference on the same network exported to ONNX and run by ONNX Runtime (CPU, graph optimisations on,
/// as many intra-op threads as the library's compute threads), input and output tensors bound once so only Run is timed.
/// </summary>
internal static class OnnxRuntimePeer
{
    public static double InferenceMicroseconds(Sequential<float> model, float[] x)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = ComputeSettings.Threads };
        using var session = new InferenceSession(OnnxExport.ToBytes(new Network<float>(model, new CrossEntropy())), options);
        int outputs = Mlp.Sizes(model)[^1];
        using var input = OrtValue.CreateTensorValueFromMemory(x, [1, x.Length]);
        using var output = OrtValue.CreateTensorValueFromMemory(new float[outputs], [1, outputs]);
        using var run = new RunOptions();
        string[] inputNames = [OnnxExport.Input], outputNames = [OnnxExport.Probabilities];
        OrtValue[] inputs = [input], results = [output];
        return 1e6 * Timing.SecondsPerCall(() => session.Run(run, inputNames, inputs, outputNames, results));
    }
}
