using Backprop.Diagnostics;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Tests.Diagnostics;

/// <summary>Gradient flow averages, per weight matrix, the mean |g| and the norm ‖g‖₂ over the steps it observed.</summary>
public class GradientFlowTests
{
    [Fact]
    public void AveragesMeanAbsoluteGradientAndNormOverSteps()
    {
        // y = x·W1 (2→2) then ·W2 (2→1), identity activations, loss ½‖y - t‖² summed: dL/dW2 = h·(y - t), dL/dW1 = x·((y - t)·W2ᵀ).
        var w1 = Tensor<double>.FromArray([1, 0, 0, 2], 2, 2);
        var w2 = Tensor<double>.FromArray([3, -1], 2, 1);
        var model = new Sequential<double>(new Dense<double>(w1, Tensor<double>.Zeros(2)), new Dense<double>(w2, Tensor<double>.Zeros(1)));
        var flow = new GradientFlow<double>(model);

        void Step(double x0, double x1, double t)
        {
            model.ZeroGrad();
            var y = model.Forward(Tensor<double>.FromArray([x0, x1], 1, 2));
            new HalfSquaredError().Compute(y, Tensor<double>.FromArray([t], 1, 1)).Backward();
            flow.Observe();
        }

        // Step 1: x = (1, 1), h = (1, 2), y = 3 - 2 = 1, t = 0: e = 1; dW2 = (1, 2); dW1 = x ⊗ (3, -1) = [[3, -1], [3, -1]].
        Step(1, 1, 0);
        // Step 2: x = (1, 0), h = (1, 0), y = 3, t = 1: e = 2; dW2 = (2, 0); dW1 = x ⊗ (6, -2) = [[6, -2], [0, 0]].
        Step(1, 0, 1);
        var epoch = flow.EndEpoch();

        Assert.Equal(["layer1.w", "layer2.w"], epoch.Select(g => g.Name));
        Assert.Equal(["layer1", "layer2"], epoch.Select(g => g.Layer));
        // layer1: mean |g| = (8/4 + 8/4) / 2 = 2; ‖g‖ = (√20 + √40) / 2.
        Assert.Equal(2.0, epoch[0].MeanAbsGradient, 14);
        Assert.Equal((Math.Sqrt(20) + Math.Sqrt(40)) / 2, epoch[0].Norm, 14);
        // layer2: mean |g| = (3/2 + 2/2) / 2 = 1.25; ‖g‖ = (√5 + 2) / 2.
        Assert.Equal(1.25, epoch[1].MeanAbsGradient, 14);
        Assert.Equal((Math.Sqrt(5) + 2) / 2, epoch[1].Norm, 14);

        // The next epoch starts afresh: one step alone is its own average.
        Step(1, 0, 1);
        var next = flow.EndEpoch();
        Assert.Equal(2.0, next[0].MeanAbsGradient, 14);
        Assert.Equal(Math.Sqrt(40), next[0].Norm, 14);
    }
}
