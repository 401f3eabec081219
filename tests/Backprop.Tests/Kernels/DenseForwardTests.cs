using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Tests.Kernels;

/// <summary>The fused dense forward (bias, GEMM accumulating onto it, activation), split over threads, equals X·W + b then f.</summary>
[Collection(nameof(WorkerPoolCollection))]
public class DenseForwardTests
{
    [Theory]
    [InlineData("relu", 1, 130, 300, 520)]
    [InlineData("sigmoid", 2, 130, 300, 520)]
    [InlineData("tanh", 2, 64, 784, 128)]
    [InlineData("leaky_relu:0.1", 2, 1, 784, 128)]
    [InlineData("identity", 2, 37, 19, 301)]
    [InlineData("relu", 2, 1, 5, 3)]
    public void FusedForwardEqualsTheComposition(string activation, int threads, int n, int inputs, int outputs)
    {
        var act = Activation.Parse(activation);
        var x = Tensor<float>.RandomNormal(1, 0, 1, n, inputs);
        var w = Tensor<float>.RandomNormal(2, 0, 0.1, inputs, outputs);
        var b = Tensor<float>.RandomNormal(3, 0, 1, outputs);
        using (ComputeSettings.Use(Compute.Parallel(threads)))
        {
            using var _ = GradMode.NoGrad();
            var fused = new Dense<float>(w, b, act).Forward(x);
            var composed = new ActivationLayer<float>(act).Forward(x.MatMul(w) + b);
            for (int i = 0; i < fused.Length; i++)
                Assert.True(Math.Abs(fused.Span[i] - composed.Span[i]) <= 1e-5f * (1 + Math.Abs(composed.Span[i])), $"element {i}: {fused.Span[i]} vs {composed.Span[i]}");
        }
    }
}
