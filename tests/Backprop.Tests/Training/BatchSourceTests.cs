using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>Trainer.Fit reads a batch source: a streaming one trains as the in-memory rows in the same order do, and the loop can be stepped.</summary>
public class BatchSourceTests
{
    // A streaming source over a data set: each epoch hands out its rows in order, a batch at a time, ignoring the indices.
    private sealed class Streamed(Dataset<float> rows) : IBatchSource<float>
    {
        private int _epoch, _next;

        public List<int> Batches { get; } = [];
        public int Count => rows.Count;
        public int Features => rows.Features;
        public int TargetWidth => rows.TargetWidth;
        public int Classes => rows.Classes;
        public bool IsIndexed => false;

        public void ReadRows(int epoch, ReadOnlySpan<int> indices, Span<float> x, Span<float> y)
        {
            if (epoch != _epoch) (_epoch, _next) = (epoch, 0);
            int[] order = [.. Enumerable.Range(_next, indices.Length)];
            rows.CopyRows(order, x, y);
            _next += indices.Length;
            Batches.Add(indices.Length);
        }
    }

    private static Dataset<float> Rows()
    {
        var rng = new Rng(3);
        return new Dataset<float>(Tensor<float>.RandomNormal(rng, 0, 1, 50, 3), Tensor<float>.FromArray([.. Enumerable.Range(0, 50).Select(i => (float)(i % 2))]), 2);
    }

    private static (Sequential<float> Model, Optimizer<float> Optimizer) Fresh()
    {
        var model = Mlp.Create<float>([3, 8, 2], Activation.Tanh, seed: 4);
        return (model, new AdamOptions { LearningRate = 0.01 }.Create(model.Parameters()));
    }

    private static float[] Weights(Module<float> model) => [.. model.Parameters().SelectMany(p => p.ToArray())];

    [Fact]
    public void A_streaming_source_trains_as_the_same_rows_in_order_do()
    {
        var data = Rows();
        var options = new TrainOptions { Epochs = 3, BatchSize = 16, Shuffle = false };
        var (a, optimizerA) = Fresh();
        Trainer.Fit(a, new CrossEntropy(), optimizerA, data, options);
        var (b, optimizerB) = Fresh();
        var streamed = new Streamed(data);
        var result = Trainer.Fit(b, new CrossEntropy(), optimizerB, streamed, options);
        Assert.Equal(Weights(a), Weights(b));
        Assert.Equal(3, result.History.Count);
        Assert.Equal([16, 16, 16, 2, 16, 16, 16, 2, 16, 16, 16, 2], streamed.Batches);
    }

    [Fact]
    public void Stepping_the_loop_to_its_end_is_fit()
    {
        var data = Rows();
        var options = new TrainOptions { Epochs = 2, BatchSize = 16, Seed = 9 };
        var (a, optimizerA) = Fresh();
        var fit = Trainer.Fit(a, new CrossEntropy(), optimizerA, data, options);
        var (b, optimizerB) = Fresh();
        var loop = Trainer.Start(b, new CrossEntropy(), optimizerB, data, options);
        Assert.Equal(4, loop.StepsPerEpoch);
        int steps = 0;
        while (loop.Step())
        {
            steps++;
            Assert.Equal(Math.Min(16, 50 - (steps - 1) % 4 * 16), loop.LastBatch.Rows);
        }
        Assert.Equal(8, steps);
        Assert.Equal(8, loop.StepsTaken);
        Assert.False(loop.Step());
        Assert.Equal(Weights(a), Weights(b));
        Assert.Equal(fit.History.Select(e => e.Loss), loop.Result!.History.Select(e => e.Loss));
    }

    [Fact]
    public void A_full_batch_optimizer_refuses_a_streaming_source()
    {
        var (model, _) = Fresh();
        var lbfgs = Optimizers.Defaults("lbfgs").Create(model.Parameters());
        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(model, new CrossEntropy(), lbfgs, new Streamed(Rows()), new TrainOptions { Epochs = 1 }));
        Assert.Contains("in-memory Dataset", e.Message);
    }
}
