using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>Training with an optimizer that needs a closure (L-BFGS): full batch, one step per epoch, callbacks per epoch.</summary>
public class FullBatchTests
{
    [Fact]
    public void ChunkedFullBatchLossAndGradientEqualTheWholeSetThroughTheGraph()
    {
        // More rows than one chunk, and a last chunk of another size: the chunks' gradients must be weighted by their rows.
        var data = Generate.Spirals<double>(perClass: 1500, classes: 3, seed: 4); // 4500 rows
        Assert.True(data.Count > FullBatchObjective<double>.ChunkRows);
        var model = Mlp.Create<double>([2, 8, 3], Activation.Tanh, seed: 2);
        var parameters = model.Parameters().ToArray();
        double loss = new FullBatchObjective<double>(model, new CrossEntropy(), data).Step(new Sgd<double>(parameters, lr: 0)).Loss;
        var chunked = parameters.Select(p => p.Grad!.ToArray()).ToArray();

        foreach (var p in parameters) p.ZeroGrad();
        var whole = new CrossEntropy().Compute(model.Forward(data.X), data.Y);
        whole.Backward();
        Assert.Equal(whole.Item, loss, 1e-12);
        for (int k = 0; k < parameters.Length; k++)
        {
            var expected = parameters[k].Grad!.ToArray();
            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], chunked[k][i], 1e-12);
        }
    }

    [Fact]
    public void FitTakesOneFullBatchStepPerEpochWhateverTheBatchSize()
    {
        var (train, test) = Generate.Spirals<double>(perClass: 60, classes: 3, seed: 1).Split(0.25, seed: 2);
        double[][] Run(int batchSize, List<StepReport> steps)
        {
            var model = Mlp.Create<double>([2, 16, 3], Activation.Tanh, seed: 3);
            var lbfgs = new LbfgsOptions().Create(model.Parameters());
            var fit = Trainer.Fit(model, new CrossEntropy(), lbfgs, train, new TrainOptions { Epochs = 4, BatchSize = batchSize, OnStep = steps.Add });
            Assert.Equal(4, fit.History.Count);
            Assert.True(fit.History[^1].Loss < fit.History[0].Loss / 2, $"loss {fit.History[0].Loss} → {fit.History[^1].Loss}");
            Assert.True(Trainer.Evaluate(model, new CrossEntropy(), test).Accuracy >= 0.6);
            return [.. model.Parameters().Select(p => p.ToArray())];
        }
        List<StepReport> small = [], large = [];
        var (a, b) = (Run(1, small), Run(1000, large));
        for (int k = 0; k < a.Length; k++) Assert.Equal(a[k], b[k]);
        Assert.Equal(4, small.Count);
        Assert.All(small, s => Assert.Equal((1, 1), (s.Step, s.Steps)));
    }

    [Fact]
    public void CallbacksStopLbfgsTrainingBetweenEpochs()
    {
        var train = Generate.Xor<double>(count: 80, seed: 1);
        var model = Mlp.Create<double>([2, 8, 2], Activation.Tanh, seed: 1);
        var lbfgs = (Lbfgs<double>)new LbfgsOptions().Create(model.Parameters());
        var stopAtTwo = new LambdaCallback((report, context) => { if (report.Epoch == 2) context.StopTraining(); }, null);
        var fit = Trainer.Fit(model, new CrossEntropy(), lbfgs, train, new TrainOptions { Epochs = 10, Callbacks = [stopAtTwo] });
        Assert.Equal(2, fit.History.Count);
        Assert.Equal(2, lbfgs.Steps);
        Assert.True(lbfgs.FunctionEvaluations > 2, "each step evaluates the closure several times");
    }

    [Fact]
    public void LbfgsRefusesL1AndClippingItCouldNotHonour()
    {
        var train = Generate.Xor<double>(count: 20, seed: 1);
        var model = Mlp.Create<double>([2, 4, 2], Activation.Tanh, seed: 1);
        var lbfgs = new LbfgsOptions().Create(model.Parameters());
        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(model, new CrossEntropy(), lbfgs, train, new TrainOptions { ClipNorm = 1 }));
        Assert.Contains("Lbfgs takes no L1 penalty, gradient clipping, dropout or batch norm", e.Message);
    }

    [Fact]
    public void LbfgsRefusesDropout()
    {
        var train = Generate.Xor<double>(count: 20, seed: 1);
        var model = Mlp.Create<double>([2, 4, 2], Activation.Tanh, seed: 1, dropout: [0.2]);
        var lbfgs = new LbfgsOptions().Create(model.Parameters());
        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(model, new CrossEntropy(), lbfgs, train, new TrainOptions()));
        Assert.Contains("Lbfgs takes no L1 penalty, gradient clipping, dropout or batch norm", e.Message);
    }
}
