using System.Diagnostics;
using System.Globalization;
using Backprop.Data;
using Backprop.Kernels;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Bench;

/// <summary>W1–W12 of BENCHMARKS.md: float32, all cores unless BACKPROP_THREADS (or THREADS, mapped in Program.cs) says otherwise, random normal inputs, seed 1.</summary>
internal static class StandardWorkloads
{
    public static int Run(string[] ids, TextWriter output)
    {
        var want = ids.Select(i => i.ToUpperInvariant()).ToHashSet();
        bool On(string id) => want.Count == 0 || want.Contains(id);
        void Line(string id, string figure, string unit) => output.WriteLine($"{id} {figure} {unit}");
        string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

        if (On("W1")) Line("W1", F(SamplesPerSecond([784, 128, 10], 64, Activation.Relu), "F0"), "samples/s");
        if (On("W2")) Line("W2", F(SamplesPerSecond([784, 128, 10], 256, Activation.Relu), "F0"), "samples/s");
        if (On("W3")) Line("W3", F(SamplesPerSecond([784, 256, 128, 10], 128, Activation.Relu), "F0"), "samples/s");
        if (On("W4")) Line("W4", F(SamplesPerSecond([2, 16, 16, 2], 32, Activation.Tanh), "F0"), "samples/s");
        if (On("W5")) Line("W5", F(InferenceMicroseconds(), "F2"), "us");
        if (On("W5") || On("W5ORT")) Line("W5ort", F(OnnxRuntimePeer.InferenceMicroseconds(W5Model(), W5Input().ToArray()), "F2"), "us");
        if (want.Contains("W5CALLS")) CallLatency.Run(Line);
        foreach (var (id, n) in new[] { ("W6A", 256), ("W6B", 512), ("W6C", 1024) })
            if (On(id)) Line("W6" + id[2..].ToLowerInvariant(), F(GemmGflops(n), "F1"), "GFLOP/s");
        if (On("W7")) Line("W7", F(BytesPerStep(), "F0"), "bytes");
        if (On("W9")) Line("W9", F(EpochMicroseconds(), "F1"), "us");
        if (On("W11")) Line("W11", F(CliEpochWorkload.EpochMicroseconds(), "F1"), "us");
        if (On("W10")) Line("W10", F(PredictBytesPerRow(), "F1"), "bytes");
        if (On("W12")) CsvLoadWorkload.Run(Line);
        if (On("W8"))
        {
            var (seconds, accuracy) = Mnist();
            Line("W8", F(seconds, "F2"), "seconds");
            Line("W8acc", F(accuracy, "F4"), "accuracy");
        }
        return 0;
    }

    private static (TrainingStep<float> Step, Tensor<float> X, Tensor<float> Y) Setup(int[] sizes, int batch, Activation activation, OptimizerOptions? optimizer = null)
    {
        var rng = new Rng(1);
        var model = Mlp.Create<float>(sizes, activation, seed: 1);
        var x = Tensor<float>.RandomNormal(rng, 0, 1, batch, sizes[0]);
        var y = Tensor<float>.FromArray([.. Enumerable.Range(0, batch).Select(_ => (float)rng.NextInt(sizes[^1]))]);
        var step = new TrainingStep<float>(model, new CrossEntropy(), (optimizer ?? new SgdOptions { LearningRate = 0.01 }).Create(model.Parameters()), batch);
        return (step, x, y);
    }

    /// <summary>Training steps per second times the batch, with SGD at 0.01 unless <paramref name="optimizer"/> says otherwise.</summary>
    internal static double SamplesPerSecond(int[] sizes, int batch, Activation activation, OptimizerOptions? optimizer = null)
    {
        var (step, x, y) = Setup(sizes, batch, activation, optimizer);
        return batch / Timing.SecondsPerCall(() => step.Run(x.Span, y.Span, batch));
    }

    /// <summary>Bytes allocated (every thread) per W1 training step after warm-up, with SGD at 0.01 unless <paramref name="optimizer"/> says otherwise.</summary>
    internal static double BytesPerStep(OptimizerOptions? optimizer = null)
    {
        var (step, x, y) = Setup([784, 128, 10], 64, Activation.Relu, optimizer);
        for (int i = 0; i < 200; i++) step.Run(x.Span, y.Span, 64);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < 100; i++) step.Run(x.Span, y.Span, 64);
        return (GC.GetTotalAllocatedBytes(precise: true) - before) / 100.0;
    }

    private static double InferenceMicroseconds()
    {
        var predictor = new Predictor<float>(W5Model(), new CrossEntropy());
        var x = W5Input();
        var result = new float[10];
        return 1e6 * Timing.SecondsPerCall(() => predictor.Predict(x.Span, result));
    }

    // W5's network, 784-128-10 ReLU with seed 1, and its one sample (random normal, seed 1): W5ort runs the same through ONNX Runtime.
    private static Sequential<float> W5Model() => Mlp.Create<float>([784, 128, 10], Activation.Relu, seed: 1);

    private static Tensor<float> W5Input() => Tensor<float>.RandomNormal(1, 0, 1, 784);

    // W9: Fit's epoch on small data (4-64-3 ReLU, softmax CE, Adam, 96 rows in batches of 32, validation over 24 rows, early
    // stopping on), timed over many epochs of one Fit call so that Fit's setup is not counted.
    private static double EpochMicroseconds()
    {
        const int epochs = 500;
        var rng = new Rng(1);
        Dataset<float> Rows(int n) => new(Tensor<float>.RandomNormal(rng, 0, 1, n, 4),
            Tensor<float>.FromArray([.. Enumerable.Range(0, n).Select(_ => (float)rng.NextInt(3))]), 3);
        var (train, validation) = (Rows(96), Rows(24));
        var model = Mlp.Create<float>([4, 64, 3], Activation.Relu, seed: 1);
        var loss = new CrossEntropy();
        var adam = new Adam<float>(model.Parameters(), 0.001);
        var options = new TrainOptions { Epochs = epochs, BatchSize = 32, Seed = 1, Patience = epochs };
        return 1e6 * Timing.SecondsPerCall(() => Trainer.Fit(model, loss, adam, train, options, validation)) / epochs;
    }

    // W10: managed bytes of one Network.Predict call on 10,000 rows of a 784-128-10 network beyond its result, per row.
    private static double PredictBytesPerRow()
    {
        const int rows = 10_000;
        var network = new Network<float>(Mlp.Create<float>([784, 128, 10], Activation.Relu, seed: 1), new CrossEntropy(), scaler: null, scaling: Scaling.None);
        var x = Tensor<float>.RandomNormal(1, 0, 1, rows, 784);
        for (int i = 0; i < 3; i++) network.Predict(x);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var result = network.Predict(x);
        long bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
        return (double)(bytes - (long)result.Length * sizeof(float)) / rows;
    }

    private static double GemmGflops(int n)
    {
        var a = Tensor<float>.RandomNormal(1, 0, 1, n, n);
        var b = Tensor<float>.RandomNormal(2, 0, 1, n, n);
        var c = new float[n * n];
        double seconds = Timing.SecondsPerCall(() => Gemm.Run(false, false, n, n, n, 1f, a.Span, b.Span, 0f, c));
        return 2.0 * n * n * n / seconds / 1e9;
    }

    private static (double Seconds, double Accuracy) Mnist()
    {
        var all = Datasets.BuiltIn.Mnist<float>();
        var train = all.Slice(0, 8000);
        var test = all.Slice(8000, 10000);
        var model = Mlp.Create<float>([784, 128, 10], Activation.Relu, seed: 1);
        var loss = new CrossEntropy();
        var clock = Stopwatch.StartNew();
        Trainer.Fit(model, loss, new Sgd<float>(model.Parameters(), 0.1), train, new TrainOptions { Epochs = 10, BatchSize = 64, Seed = 1 });
        double seconds = clock.Elapsed.TotalSeconds;
        return (seconds, Trainer.Evaluate(model, loss, test).Accuracy ?? double.NaN);
    }
}
