using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;

namespace Backprop.Tests.Kernels;

/// <summary>A Dense step reads a one-hot batch as row lookups (Z = b + Σ active W rows, dW scattered into those rows): the same numbers as the GEMMs.</summary>
public class SparseRowsTests
{
    private static readonly int[] Levels = [20, 30, 40]; // 3 non-zeros in 90 + 2 numbers: below 1 in 16

    /// <summary>Rows of three one-hot blocks followed by two numbers (the second zero in half the rows).</summary>
    private static T[] OneHotRows<T>(int rows, ulong seed) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new Rng(seed);
        int width = Levels.Sum() + 2;
        var x = new T[rows * width];
        for (int i = 0; i < rows; i++)
        {
            int offset = 0;
            foreach (int levels in Levels) { x[i * width + offset + (int)(rng.NextDouble() * levels)] = T.One; offset += levels; }
            x[i * width + offset] = T.CreateTruncating(rng.NextDouble() * 2 - 1);
            if (i % 2 == 0) x[i * width + offset + 1] = T.CreateTruncating(rng.NextDouble() + 0.5);
        }
        return x;
    }

    private static T[] Random<T>(int length, ulong seed) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new Rng(seed);
        return Enumerable.Range(0, length).Select(_ => T.CreateTruncating(rng.NextDouble() * 2 - 1)).ToArray();
    }

    /// <summary>The step's forward output, dW and db on <paramref name="x"/> against the dense kernel's GEMMs on the same layer.</summary>
    private static (int SparseBatches, float[] Step, float[] Gemm) Compare(float[] x, int rows, Activation activation)
    {
        int inputs = x.Length / rows, outputs = 7;
        var layer = new Dense<float>(inputs, outputs, activation, seed: 3);
        for (int k = 0; k < layer.B.Span.Length; k++) layer.B.Span[k] = 0.1f * k;
        var step = (DenseStep<float>)layer.CreateStep(inputs, rows);
        var dy = Random<float>(rows * outputs, 5);
        step.Forward(x, rows, training: true);
        var a = step.Output[..(rows * outputs)].ToArray();
        step.Backward(x, (float[])dy.Clone(), default, rows);
        float[] got = [.. a, .. layer.W.Grad!.Span, .. layer.B.Grad!.Span];

        var kernel = layer.Kernel;
        float[] z = new float[rows * outputs], a2 = new float[rows * outputs], dz = new float[rows * outputs];
        float[] dw = new float[inputs * outputs], db = new float[outputs];
        if (activation.IsElementwise)
        {
            kernel.Forward(x, layer.W.Span, layer.B.Span, z, a2, rows, inputs, outputs);
            kernel.Backward(x, layer.W.Span, z, a2, dy, dz, default, dw, db, accumulate: false, rows, inputs, outputs);
        }
        else
        {
            kernel.Forward(x, layer.W.Span, layer.B.Span, z, z, rows, inputs, outputs);
            activation.ForwardRows<float>(z, a2, outputs);
            activation.BackwardRows<float>(z, a2, dy, dz, outputs);
            kernel.Backward(x, layer.W.Span, z, z, dz, dz, default, dw, db, accumulate: false, rows, inputs, outputs);
        }
        return (step.SparseBatches, got, [.. a2, .. dw, .. db]);
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("identity")]
    [InlineData("softmax")]
    public void AOneHotBatchTakesTheSparsePathAndAgreesWithTheGemms(string activation)
    {
        var (sparse, step, gemm) = Compare(OneHotRows<float>(37, 1), 37, Activation.Parse(activation));
        Assert.Equal(1, sparse); // fails when the sparse path is gone
        TestData.AssertClose(gemm.Select(v => (double)v).ToArray(), step.Select(v => (double)v).ToArray(), 1e-5, "sparse vs GEMM (A, dW, db)");
    }

    [Fact]
    public void ADenseBatchKeepsTheGemmPathBitForBit()
    {
        var (sparse, step, gemm) = Compare(Random<float>(37 * 92, 2), 37, Activation.Relu);
        Assert.Equal(0, sparse);
        Assert.Equal(gemm, step);
    }

    [Fact]
    public void SparseGradientsMatchCentralDifferencesInDouble()
    {
        const int rows = 9, outputs = 4;
        var x = OneHotRows<double>(rows, 7);
        int inputs = x.Length / rows;
        var layer = new Dense<double>(inputs, outputs, Activation.Tanh, seed: 11);
        var bias = Random<double>(outputs, 13);
        bias.CopyTo(layer.B.Span);
        var weight = Random<double>(rows * outputs, 17); // L = Σ c ⊙ A
        var step = (DenseStep<double>)layer.CreateStep(inputs, rows);
        double Loss()
        {
            step.Forward(x, rows, training: true);
            double sum = 0;
            for (int k = 0; k < weight.Length; k++) sum += weight[k] * step.Output[k];
            return sum;
        }
        Loss();
        step.Backward(x, (double[])weight.Clone(), default, rows);
        Assert.True(step.SparseBatches > 0);
        double[] analytic = [.. layer.W.Grad!.Span, .. layer.B.Grad!.Span];
        var numeric = new double[analytic.Length];
        const double h = 1e-6;
        for (int k = 0; k < numeric.Length; k++)
        {
            var p = k < inputs * outputs ? layer.W.Span : layer.B.Span;
            int at = k < inputs * outputs ? k : k - inputs * outputs;
            double keep = p[at];
            p[at] = keep + h; double up = Loss();
            p[at] = keep - h; double down = Loss();
            p[at] = keep;
            numeric[k] = (up - down) / (2 * h);
        }
        TestData.AssertClose(numeric, analytic, 1e-7, "dW, db against central differences");
    }
}
