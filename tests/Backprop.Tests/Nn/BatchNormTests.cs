using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Tests.Support;
using Backprop.Training;

namespace Backprop.Tests.Nn;

public class BatchNormTests
{
    private static readonly double[] Batch1 = [1, 2, 3, 6];        // feature 0: 1, 3; feature 1: 2, 6
    private static readonly double[] Batch2 = [0, 0, 2, 4, 4, 8];  // feature 0: 0, 2, 4; feature 1: 0, 4, 8

    private static Tensor<double> Rows(double[] values) => Tensor<double>.FromArray(values).Reshape(-1, 2);

    [Fact]
    public void TrainingOutputHasMeanZeroAndVarianceOnePerFeature()
    {
        var x = Tensor<double>.RandomNormal(1, 0, 1, 32, 5);
        for (int i = 0; i < 32; i++)
            for (int j = 0; j < 5; j++) x.Span[i * 5 + j] = 3 * j + (j + 1) * x.Span[i * 5 + j];
        var y = new BatchNorm1d<double>(5).Forward(x);
        for (int j = 0; j < 5; j++)
        {
            var column = Enumerable.Range(0, 32).Select(i => y.Span[i * 5 + j]).ToArray();
            double mean = column.Average(), variance = column.Select(v => (v - mean) * (v - mean)).Average();
            Assert.Equal(0, mean, 12);
            Assert.Equal(1, variance, 4); // σ²/(σ² + 1e-5)
        }
    }

    [Fact]
    public void RunningStatisticsAfterTwoKnownBatchesOnTheGraphAndOnThePlan()
    {
        // r_μ: 0.9·0 + 0.1·[2, 4] = [0.2, 0.4], then 0.9·[0.2, 0.4] + 0.1·[2, 4] = [0.38, 0.76]
        // r_σ² (unbiased): 0.9·1 + 0.1·[2, 8] = [1.1, 1.7], then 0.9·[1.1, 1.7] + 0.1·[4, 16] = [1.39, 3.13]
        var graph = new BatchNorm1d<double>(2);
        graph.Forward(Rows(Batch1));
        graph.Forward(Rows(Batch2));
        var planned = new BatchNorm1d<double>(2);
        var plan = LayerPlan<double>.TryCreate(new Sequential<double>(planned), 3)!;
        plan.Forward(Batch1, 2, training: true);
        plan.Forward(Batch2, 3, training: true);
        foreach (var bn in new[] { graph, planned })
        {
            Assert.Equal(0.38, bn.RunningMean[0], 12);
            Assert.Equal(0.76, bn.RunningMean[1], 12);
            Assert.Equal(1.39, bn.RunningVar[0], 12);
            Assert.Equal(3.13, bn.RunningVar[1], 12);
            Assert.Equal(2, bn.NumBatchesTracked);
        }
    }

    [Fact]
    public void EvaluationUsesTheRunningStatisticsAndLeavesThemAlone()
    {
        var bn = new BatchNorm1d<double>(2);
        bn.Forward(Rows(Batch1));
        bn.Forward(Rows(Batch2));
        bn.Weight.Span[0] = 2; bn.Weight.Span[1] = -1; bn.Bias.Span[0] = 0.5; bn.Bias.Span[1] = 3;
        var x = Rows([1, 1, -2, 5]);
        double[] expected = new double[4];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                expected[i * 2 + j] = bn.Weight.Span[j] * (x.Span[i * 2 + j] - bn.RunningMean[j]) / Math.Sqrt(bn.RunningVar[j] + 1e-5) + bn.Bias.Span[j];
        bn.Eval();
        var graph = bn.Forward(x).ToArray();
        var plan = LayerPlan<double>.TryCreate(new Sequential<double>(bn), 2)!;
        bn.Train(); // the plan's flag decides: evaluation and prediction pass training = false
        var planned = plan.Forward(x.Span, 2, training: false).ToArray();
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], graph[i], 12);
            Assert.Equal(expected[i], planned[i], 12);
        }
        Assert.Equal(2, bn.NumBatchesTracked);
        Assert.Equal(0.38, bn.RunningMean[0], 12);
    }

    [Fact]
    public void BackwardMatchesFiniteDifferencesForInputGammaAndBeta()
    {
        var x = Tensor<double>.RandomNormal(1, 0.5, 2, 6, 4);
        var gamma = Tensor<double>.RandomNormal(2, 1, 0.5, 4);
        var beta = Tensor<double>.RandomNormal(3, 0, 1, 4);
        // The module's forward is its step wrapped as one graph node (LayerOp): the one copy of batch norm's math.
        var bn = new BatchNorm1d<double>(4);
        gamma.Span.CopyTo(bn.Weight.Span);
        beta.Span.CopyTo(bn.Bias.Span);
        GradCheck.Check("batch_norm (batch statistics)", xs => bn.Forward(xs[0]), [x, bn.Weight, bn.Bias]);

        double[] runningMean = [0.3, -0.2, 1, 0], runningVariance = [0.5, 2, 1.5, 1];
        runningMean.CopyTo(bn.RunningMean.Span);
        runningVariance.CopyTo(bn.RunningVar.Span);
        bn.Eval();
        GradCheck.Check("batch_norm (running statistics)", xs => bn.Forward(xs[0]), [x, bn.Weight, bn.Bias]);
    }

    [Fact]
    public void PlanAndGraphTrainTheSame()
    {
        var data = Generate.Spirals<double>(perClass: 20, classes: 3, seed: 1);
        var options = new TrainOptions { Epochs = 3, BatchSize = 8, Seed = 9, DropLast = true };
        var (planned, twin) = PlanGraphTwins.TrainAlike(() => Mlp.Create<double>([2, 16, 8, 3], Activation.Relu, seed: 5, batchNorm: true), data, options);
        Assert.Equal(["layer1.w", "layer1.b", "layer2.weight", "layer2.bias", "layer3.w", "layer3.b", "layer4.weight", "layer4.bias", "layer5.w", "layer5.b"],
            planned.NamedParameters().Select(p => p.Name));
        var (a, b) = (planned.Layers.OfType<BatchNorm1d<double>>().First(), twin.Layers.OfType<BatchNorm1d<double>>().First());
        Assert.Equal(b.RunningVar.ToArray(), a.RunningVar.ToArray());
        Assert.Equal(b.NumBatchesTracked, a.NumBatchesTracked);
        Assert.Equal(3 * (60 / 8), a.NumBatchesTracked); // DropLast: 7 full batches an epoch
        Assert.Equal(Trainer.Evaluate(new GraphOnly<double>(twin), new CrossEntropy(), data).Loss, Trainer.Evaluate(planned, new CrossEntropy(), data).Loss, 12);
    }

    [Fact]
    public void OneRowInTrainingModeIsRefusedClearly()
    {
        var e = Assert.Throws<ArgumentException>(() => new BatchNorm1d<float>(3).Forward(Tensor<float>.Zeros(1, 3)));
        Assert.Contains("BatchNorm1d(3) needs at least 2 rows per batch in training mode", e.Message);
        var plan = LayerPlan<float>.TryCreate(new Sequential<float>(new BatchNorm1d<float>(3)), 4)!;
        e = Assert.Throws<ArgumentException>(() => plan.Forward(new float[3], 1, training: true));
        Assert.Contains("BatchNorm1d(3) needs at least 2 rows per batch in training mode", e.Message);
    }

    [Fact]
    public void BatchNormThatPyTorchsSequentialCannotExpressIsRefusedOnSave()
    {
        var afterRelu = new Sequential<float>(new Dense<float>(2, 4, Activation.Relu, seed: 1), new BatchNorm1d<float>(4), new Dense<float>(4, 1, seed: 2));
        var e = Assert.Throws<ArgumentException>(() => Backprop.IO.Architecture.Of(afterRelu));
        Assert.Equal("A BatchNorm1d can be saved only right after an identity Dense layer of as many outputs; layer 1 is BatchNorm1d(4) after Dense(2 -> 4, relu).", e.Message);
        var first = new Sequential<float>(new BatchNorm1d<float>(2), new Dense<float>(2, 1, seed: 2));
        e = Assert.Throws<ArgumentException>(() => Backprop.IO.Architecture.Of(first));
        Assert.Equal("A BatchNorm1d can be saved only right after an identity Dense layer of as many outputs; layer 0 is BatchNorm1d(2) after nothing.", e.Message);
    }
}
