using Backprop.Tensors;
using Backprop.Tests.Support;

namespace Backprop.Tests.Ops;

/// <summary>Backward of Sum, Mean and Max (over everything and along each axis) against finite differences.</summary>
public class ReductionGradientTests
{
    private static readonly Dictionary<string, Func<Tensor<double>, Tensor<double>>> All = new()
    {
        ["sum"] = x => x.Sum(),
        ["mean"] = x => x.Mean(),
        ["max"] = x => x.Max(),
    };

    private static readonly Dictionary<string, Func<Tensor<double>, int, Tensor<double>>> AlongAxis = new()
    {
        ["sum"] = (x, a) => x.Sum(a),
        ["mean"] = (x, a) => x.Mean(a),
        ["max"] = (x, a) => x.Max(a),
    };

    private static readonly int[][] Shapes = [[1, 1], [1, 7], [5, 3], [3, 1], [6], [2, 3, 4], [2, 1, 3, 2]];

    public static TheoryData<string, int[]> AllElementsCases()
    {
        var data = new TheoryData<string, int[]>();
        foreach (var op in All.Keys)
            foreach (var shape in Shapes) data.Add(op, shape);
        return data;
    }

    public static TheoryData<string, int[], int> AxisCases()
    {
        var data = new TheoryData<string, int[], int>();
        foreach (var op in AlongAxis.Keys)
            foreach (var shape in Shapes)
            {
                for (int axis = 0; axis < shape.Length; axis++) data.Add(op, shape, axis);
                data.Add(op, shape, -1);
            }
        return data;
    }

    // Max needs distinct values so that no nudge changes which element wins.
    private static Tensor<double> InputFor(string op, ulong seed, int[] shape)
        => op == "max" ? TestData.Distinct(seed, shape) : TestData.Normal(seed, 1, shape);

    [Theory]
    [MemberData(nameof(AllElementsCases))]
    public void OverAllElementsMatchesFiniteDifferences(string op, int[] shape)
    {
        var x = InputFor(op, TestData.Seed(op, shape), shape);
        GradCheck.Check($"{op} of [{string.Join(", ", shape)}]", All[op], x);
    }

    [Theory]
    [MemberData(nameof(AxisCases))]
    public void AlongAnAxisMatchesFiniteDifferences(string op, int[] shape, int axis)
    {
        var x = InputFor(op, TestData.Seed(op, [.. shape, axis]), shape);
        GradCheck.Check($"{op}(axis {axis}) of [{string.Join(", ", shape)}]", t => AlongAxis[op](t, axis), x);
    }

    [Fact]
    public void MaxSendsTheGradientOnlyToTheFirstMaximum()
    {
        var x = Tensor<double>.FromArray([1, 5, 5, 2, 0, 0], 2, 3);
        x.RequiresGrad = true;
        x.Max(1).Backward(Tensor.From(10.0, 20.0));
        Assert.Equal([0, 10, 0, 20, 0, 0], x.Grad!.ToArray());
    }
}
