using Backprop.Kernels;
using Backprop.Tensors;
using Backprop.Tests.Support;
using CsCheck;
using Xunit.Sdk;

namespace Backprop.Tests.Kernels;

/// <summary>The broadcasting kernels and axis reductions against naive index arithmetic, on random shapes up to rank 4.</summary>
public class ElementwiseKernelTests
{
    /// <summary>A random output shape (rank 1–4, sizes 1–4) and an operand shape that broadcasts to it.</summary>
    private static (int[] Out, int[] Operand) RandomShapes(Rng rng)
    {
        int rank = 1 + rng.NextInt(4);
        var dims = Enumerable.Range(0, rank).Select(_ => 1 + rng.NextInt(4)).ToArray();
        int operandRank = rng.NextInt(rank + 1);
        var operand = dims[(rank - operandRank)..].Select(d => rng.NextInt(2) == 0 ? 1 : d).ToArray();
        return (dims, operand);
    }

    /// <summary>The operand's flat index for an output multi-index (size-1 dimensions stay at 0).</summary>
    private static int OperandOffset(int[] outIndex, int[] operand)
    {
        int offset = 0, pad = outIndex.Length - operand.Length;
        for (int d = 0; d < operand.Length; d++) offset = offset * operand[d] + (operand[d] == 1 ? 0 : outIndex[pad + d]);
        return offset;
    }

    private static IEnumerable<int[]> Indices(int[] dims)
    {
        var index = new int[dims.Length];
        int total = dims.Aggregate(1, (x, y) => x * y);
        for (int flat = 0; flat < total; flat++)
        {
            for (int d = dims.Length - 1, rest = flat; d >= 0; d--) { index[d] = rest % dims[d]; rest /= dims[d]; }
            yield return index;
        }
    }

    [Fact]
    public void BinaryMatchesNaiveBroadcasting()
    {
        Gen.ULong.Sample(seed =>
        {
            var rng = new Rng(seed);
            var (dims, operand) = RandomShapes(rng);
            bool operandFirst = rng.NextInt(2) == 0;
            var big = Tensor<double>.RandomNormal(rng, 0, 1, dims);
            var small = Tensor<double>.RandomUniform(rng, 1, 2, operand);
            var (a, b) = operandFirst ? (small, big) : (big, small);

            var sub = Backprop.Ops.Broadcast.Binary<double, SubFn<double>>(a, b, "Sub");
            var div = Backprop.Ops.Broadcast.Binary<double, DivFn<double>>(a, b, "Div");
            Assert.Equal(new Shape(dims), sub.Shape);
            int o = 0;
            foreach (var index in Indices(dims))
            {
                double av = a.Span[OperandOffset(index, a.Shape.ToArray())], bv = b.Span[OperandOffset(index, b.Shape.ToArray())];
                if (sub.Span[o] != av - bv || div.Span[o] != av / bv)
                    throw new XunitException($"{a.Shape} op {b.Shape} at [{string.Join(", ", index)}]: {sub.Span[o]} / {div.Span[o]}, expected {av - bv} / {av / bv}.");
                o++;
            }
        }, iter: 300);
    }

    [Fact]
    public void AccumulateReducedSumsOverBroadcastDimensions()
    {
        Gen.ULong.Sample(seed =>
        {
            var rng = new Rng(seed);
            var (dims, operand) = RandomShapes(rng);
            var grad = Tensor<double>.RandomNormal(rng, 0, 1, dims);
            var dest = Tensor<double>.RandomNormal(rng, 0, 1, operand);
            var expected = dest.ToArray();
            int o = 0;
            foreach (var index in Indices(dims)) expected[OperandOffset(index, operand)] += grad.Span[o++];

            Backprop.Ops.Broadcast.AccumulateReduced(grad, dest);
            TestData.AssertClose(expected, dest.ToArray(), 1e-13, $"reduce {grad.Shape} into {dest.Shape}");
        }, iter: 300);
    }

    [Fact]
    public void AxisSumAndMaxMatchNaiveLoops()
    {
        Gen.ULong.Sample(seed =>
        {
            var rng = new Rng(seed);
            var (dims, _) = RandomShapes(rng);
            int axis = rng.NextInt(dims.Length);
            var x = Tensor<double>.RandomNormal(rng, 0, 1, dims);
            var (outer, n, inner) = x.Shape.AroundAxis(axis);
            var sum = new double[outer * inner];
            var max = new double[outer * inner];
            var where = new int[outer * inner];
            Reduce.SumAxis<double>(x.Span, sum, outer, n, inner);
            Reduce.MaxAxis<double>(x.Span, max, where, outer, n, inner);

            var expectedSum = new double[outer * inner];
            var expectedMax = Enumerable.Repeat(double.NegativeInfinity, outer * inner).ToArray();
            foreach (var index in Indices(dims))
            {
                int r = 0;
                for (int d = 0; d < dims.Length; d++) if (d != axis) r = r * dims[d] + index[d];
                double v = x[index];
                expectedSum[r] += v;
                if (v > expectedMax[r]) expectedMax[r] = v;
            }
            TestData.AssertClose(expectedSum, sum, 1e-13, $"sum over axis {axis} of {x.Shape}");
            Assert.Equal(expectedMax, max);
            for (int r = 0; r < where.Length; r++)
            {
                int o = r / inner, i = r % inner;
                Assert.Equal(max[r], x.Span[(o * n + where[r]) * inner + i]);
            }
        }, iter: 300);
    }
}
