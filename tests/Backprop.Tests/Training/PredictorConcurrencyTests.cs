using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>One <see cref="Predictor{T}"/> (or loaded <see cref="Network{T}"/>) shared by 8 threads at once, as a web service shares it, gives every caller the bits a lone caller gets.</summary>
public class PredictorConcurrencyTests
{
    const int Callers = 8, Rows = 40, Features = 24, Classes = 5;

    [Fact]
    public void EightConcurrentCallersGetTheLoneCallersBits()
    {
        var model = Mlp.Create<float>([Features, 96, 96, Classes], Activation.Relu, seed: 3);
        var predictor = new Predictor<float>(model, new CrossEntropy());
        var inputs = Enumerable.Range(0, Callers).Select(c => Tensor<float>.RandomNormal((ulong)(100 + c), 0, 1, Rows, Features)).ToArray();
        // a lone caller first: row by row and the whole batch
        var alone = inputs.Select(x => (Rows: RowByRow(predictor, x), Batch: predictor.Predict(x).ToArray())).ToArray();

        using var start = new Barrier(Callers);
        var together = new (float[] Rows, float[] Batch)[Callers][];
        var threads = Enumerable.Range(0, Callers).Select(c => new Thread(() =>
        {
            start.SignalAndWait();
            together[c] = [.. Enumerable.Range(0, 20).Select(_ => (RowByRow(predictor, inputs[c]), predictor.Predict(inputs[c]).ToArray()))];
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();

        for (int c = 0; c < Callers; c++)
            foreach (var (rows, batch) in together[c])
            {
                Assert.Equal(Bits(alone[c].Rows), Bits(rows));
                Assert.Equal(Bits(alone[c].Batch), Bits(batch));
            }
    }

    [Fact]
    public void ANetworkSharedByEightThreadsPredictsTheLoneCallersBits()
    {
        var network = new Network<float>(Mlp.Create<float>([Features, 96, 96, Classes], Activation.Relu, seed: 4), new CrossEntropy());
        var inputs = Enumerable.Range(0, Callers).Select(c => Tensor<float>.RandomNormal((ulong)(200 + c), 0, 1, 300, Features)).ToArray();
        var alone = inputs.Select(x => Bits(network.Predict(x).ToArray())).ToArray();
        var wrong = new int[Callers];
        using var start = new Barrier(Callers);
        var threads = Enumerable.Range(0, Callers).Select(c => new Thread(() =>
        {
            start.SignalAndWait();
            for (int round = 0; round < 10; round++)
                if (!Bits(network.Predict(inputs[c]).ToArray()).SequenceEqual(alone[c])) wrong[c]++;
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        Assert.Equal(new int[Callers], wrong);
    }

    static float[] RowByRow(Predictor<float> predictor, Tensor<float> x)
    {
        var output = new float[Rows * Classes];
        for (int r = 0; r < Rows; r++) predictor.Predict(x.Span.Slice(r * Features, Features), output.AsSpan(r * Classes, Classes));
        return output;
    }

    static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];
}
