using BenchmarkDotNet.Attributes;
using Backprop.Kernels;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Bench;

/// <summary>Micro-benchmarks of the kernels behind the standard workloads.</summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private float[] _a = [], _b = [], _c = [];
    private TrainingStep<float> _step = null!;
    private Tensor<float> _x = null!, _y = null!;

    /// <summary>Square matrix size.</summary>
    [Params(64, 256, 512)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _a = Tensor<float>.RandomNormal(1, 0, 1, N * N).ToArray();
        _b = Tensor<float>.RandomNormal(2, 0, 1, N * N).ToArray();
        _c = new float[N * N];
        var model = Mlp.Create<float>([784, 128, 10], Activation.Relu, seed: 1);
        _step = new TrainingStep<float>(model, new CrossEntropy(), new Sgd<float>(model.Parameters(), 0.01), 64);
        _x = Tensor<float>.RandomNormal(3, 0, 1, 64, 784);
        _y = Tensor<float>.FromArray([.. Enumerable.Range(0, 64).Select(i => (float)(i % 10))]);
    }

    [Benchmark]
    public void GemmNN() => Gemm.Run(false, false, N, N, N, 1f, _a, _b, 0f, _c);

    [Benchmark]
    public void GemmTN() => Gemm.Run(true, false, N, N, N, 1f, _a, _b, 0f, _c);

    [Benchmark]
    public void GemmNT() => Gemm.Run(false, true, N, N, N, 1f, _a, _b, 0f, _c);

    [Benchmark]
    public double TrainingStepW1() => _step.Run(_x, _y);
}
