using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;

namespace Backprop.Tests.Kernels;

/// <summary>The fused dense forward (bias, GEMM accumulating onto it, activation), split over threads, equals X·W + b then f.</summary>
[Collection(nameof(WorkerPoolCollection))]
public class DenseForwardTests
{
    // split: the product is large enough to be cut into chunks, so with 2 threads a worker must run some. A single row is a
    // GEMV, split only when a worker is already spinning, and 1×5×3 is one tile: those check only the values.
    [Theory]
    [InlineData("relu", 1, 130, 300, 520, false)]
    [InlineData("sigmoid", 2, 130, 300, 520, true)]
    [InlineData("tanh", 2, 64, 784, 128, true)]
    [InlineData("leaky_relu:0.1", 2, 1, 784, 128, false)]
    [InlineData("identity", 2, 37, 19, 301, true)]
    [InlineData("relu", 2, 1, 5, 3, false)]
    public void FusedForwardEqualsTheComposition(string activation, int threads, int n, int inputs, int outputs, bool split)
    {
        var act = Activation.Parse(activation);
        var x = Tensor<float>.RandomNormal(1, 0, 1, n, inputs);
        var w = Tensor<float>.RandomNormal(2, 0, 0.1, inputs, outputs);
        var b = Tensor<float>.RandomNormal(3, 0, 1, outputs);
        using var _ = GradMode.NoGrad();
        var composed = new ActivationLayer<float>(act).Forward(x.MatMul(w) + b);
        void Check(ParallelTrace? trace)
        {
            Tensor<float> fused;
            using (ComputeSettings.Use(Compute.Parallel(threads, trace))) fused = new Dense<float>(w, b, act).Forward(x);
            int bad = Enumerable.Range(0, fused.Length).FirstOrDefault(i => !(Math.Abs(fused.Span[i] - composed.Span[i]) <= 1e-5f * (1 + Math.Abs(composed.Span[i]))), -1);
            Assert.True(bad < 0, bad < 0 ? "" : $"element {bad}: {fused.Span[bad]} vs {composed.Span[bad]}");
        }
        if (split) WorkerRetry.UntilWorkerRan(Check, "the dense forward");
        else Check(null);
    }
}
