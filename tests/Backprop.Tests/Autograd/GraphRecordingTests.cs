using Backprop.Autograd;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Tests.Autograd;

/// <summary>What gets recorded: nodes only for inputs that need gradients, nothing under NoGrad, nothing through Detach.</summary>
public class GraphRecordingTests
{
    [Fact]
    public void OpsOnPlainTensorsRecordNothing()
    {
        var a = Tensor.From(1.0, 2.0);
        var y = (a * a).Exp().Sum();
        Assert.False(y.RequiresGrad);
        Assert.Null(y.Creator);
    }

    [Fact]
    public void OpsOnTensorsThatRequireGradientsRecordTheirNodeAndInputs()
    {
        var a = Tensor.From(1.0, 2.0);
        a.RequiresGrad = true;
        var b = Tensor.From(3.0, 4.0);
        var y = a * b;
        Assert.True(y.RequiresGrad);
        Assert.Equal("mul", y.Creator!.Name);
        Assert.Same(a, y.Creator.Inputs[0]);
        Assert.Same(b, y.Creator.Inputs[1]);
        Assert.Null(a.Creator);
        Assert.Equal("sum", y.Sum().Creator!.Name);
        Assert.Equal("Dense(2 -> 3, tanh)", new Dense<double>(2, 3, Activation.Tanh).Forward(a.Reshape(1, 2)).Creator!.Name);
    }

    [Fact]
    public void NoGradScopeRecordsNothing()
    {
        var w = Tensor.From(1.0, 2.0);
        w.RequiresGrad = true;
        Tensor<double> y;
        using (GradMode.NoGrad())
        {
            Assert.False(GradMode.IsEnabled);
            y = (w * w).Sum();
        }
        Assert.True(GradMode.IsEnabled);
        Assert.False(y.RequiresGrad);
        Assert.Null(y.Creator);
        var e = Assert.Throws<InvalidOperationException>(y.Backward);
        Assert.Contains("NoGrad", e.Message);
        Assert.Null(w.Grad);

        // Recording resumes after the scope.
        (w * w).Sum().Backward();
        Assert.Equal([2.0, 4.0], w.Grad!.ToArray());
    }

    [Fact]
    public void NoGradScopesNest()
    {
        var w = Tensor.Scalar(1.0, requiresGrad: true);
        using (GradMode.NoGrad())
        {
            using (GradMode.NoGrad()) { }
            Assert.False(GradMode.IsEnabled);
            Assert.Null((w * 2.0).Creator);
        }
        Assert.True(GradMode.IsEnabled);
        Assert.NotNull((w * 2.0).Creator);
    }

    [Fact]
    public void DisposingANoGradScopeTwiceDoesNotDisableRecordingForGood()
    {
        // IDisposable: calls after the first Dispose must be ignored. The scope is a stateless struct,
        // so a second Dispose decrements the depth again (to -1), and recording stays off on this thread.
        var w = Tensor.Scalar(1.0, requiresGrad: true);
        var scope = GradMode.NoGrad();
        scope.Dispose();
        try
        {
            scope.Dispose();
            Assert.True(GradMode.IsEnabled);
            Assert.NotNull((w * 2.0).Creator);
        }
        finally
        {
            while (!GradMode.IsEnabled) GradMode.NoGrad(); // restore this thread's depth to 0 for the other tests
        }
    }

    [Fact]
    public void LayersAndLossesUnderNoGradRecordNothing()
    {
        var model = Mlp.Create<double>([3, 4, 2], Activation.Relu, seed: 1);
        using (GradMode.NoGrad())
        {
            var output = model.Forward(Tensor<double>.Ones(2, 3));
            Assert.Null(output.Creator);
            Assert.Null(new CrossEntropy().Compute(output, Tensor.From(0.0, 1.0)).Creator);
        }
    }

    [Fact]
    public void DetachCutsTheGraph()
    {
        var x = Tensor.Scalar(3.0, requiresGrad: true);
        var h = x * x;
        var d = h.Detach();
        Assert.False(d.RequiresGrad);
        Assert.Null(d.Creator);
        Assert.Equal(9.0, d.Item);

        // y = x·stop(x²): only the direct path counts, dy/dx = x² = 9 (not 3x² = 27).
        var y = x * d;
        y.Backward();
        Assert.Equal(9.0, x.Grad!.Item);
        Assert.Null(d.Grad);
    }

    [Fact]
    public void CloneAndCastAreNewLeaves()
    {
        var x = Tensor.From(1.0, 2.0);
        x.RequiresGrad = true;
        var y = x * 2.0;
        var c = y.Clone();
        Assert.Null(c.Creator);
        Assert.False(c.RequiresGrad);
        c.Span[0] = 100;
        Assert.Equal(2.0, y.Span[0]);
        var f = y.Cast<float>();
        Assert.Null(f.Creator);
        Assert.Equal([2f, 4f], f.ToArray());
    }
}
