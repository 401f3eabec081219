using Backprop.Tensors;
using Backprop.Tests.Support;

namespace Backprop.Tests.Ops;

/// <summary>Backward of + - * / against finite differences, with and without broadcasting, for both operands.</summary>
public class BinaryGradientTests
{
    private static readonly Dictionary<string, Func<Tensor<double>, Tensor<double>, Tensor<double>>> Operators = new()
    {
        ["add"] = (a, b) => a + b,
        ["sub"] = (a, b) => a - b,
        ["mul"] = (a, b) => a * b,
        ["div"] = (a, b) => a / b,
    };

    public static TheoryData<string, int[], int[]> Cases()
    {
        var data = new TheoryData<string, int[], int[]>();
        var seen = new HashSet<string>();
        void Add(string op, int[] a, int[] b)
        {
            // 1×1 and N×1 make some of the pairs below coincide.
            if (seen.Add($"{op} {string.Join(",", a)} {string.Join(",", b)}")) data.Add(op, a, b);
        }
        foreach (var op in Operators.Keys)
        {
            foreach (var (n, c) in UnaryGradientTests.Shapes)
            {
                int[] full = [n, c];
                Add(op, full, full);          // same shape
                Add(op, full, [c]);           // [N, C] with [C]
                Add(op, [c], full);
                Add(op, full, [n, 1]);        // [N, C] with [N, 1]
                Add(op, [n, 1], full);
                Add(op, full, [1, c]);
                Add(op, full, []);            // with a scalar
                Add(op, [], full);
                Add(op, [n, 1], [1, c]);      // both stretched
            }
            Add(op, [2, 1, 3], [4, 1]);       // rank 3, stretched in different places
            Add(op, [2, 3, 4], [3, 1]);
            Add(op, [2, 1, 3, 1], [1, 4, 1, 5]); // rank 4
            Add(op, [1], [3, 2]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardMatchesFiniteDifferences(string op, int[] aShape, int[] bShape)
    {
        var f = Operators[op];
        ulong seed = TestData.Seed(op, [.. aShape, -1, .. bShape]);
        var a = TestData.Normal(seed, 1, aShape);
        // Denominators stay away from zero; other operands are plain normals.
        var b = op == "div" ? TestData.AwayFromZero(seed + 1, 0.5, 2, bShape) : TestData.Normal(seed + 1, 1, bShape);
        GradCheck.Check($"{op} [{string.Join(", ", aShape)}] with [{string.Join(", ", bShape)}]", xs => f(xs[0], xs[1]), [a, b]);
    }

    public static TheoryData<string> ScalarOverloads() => new() { "x + 2", "2 + x", "x - 2", "2 - x", "x * 3", "3 * x", "x / 4", "4 / x" };

    [Theory]
    [MemberData(nameof(ScalarOverloads))]
    public void ScalarOperandOverloadsMatchFiniteDifferences(string expression)
    {
        Func<Tensor<double>, Tensor<double>> f = expression switch
        {
            "x + 2" => x => x + 2.0,
            "2 + x" => x => 2.0 + x,
            "x - 2" => x => x - 2.0,
            "2 - x" => x => 2.0 - x,
            "x * 3" => x => x * 3.0,
            "3 * x" => x => 3.0 * x,
            "x / 4" => x => x / 4.0,
            _ => x => 4.0 / x,
        };
        GradCheck.Check(expression, f, TestData.AwayFromZero(5, 0.5, 2, 5, 3));
    }

    [Fact]
    public void OnlyTheOperandThatRequiresAGradientGetsOne()
    {
        var a = TestData.Normal(1, 1, 2, 3);
        var b = TestData.Normal(2, 1, 3);
        a.RequiresGrad = true;
        (a * b).Backward(Tensor<double>.Ones(2, 3));
        Assert.NotNull(a.Grad);
        Assert.Null(b.Grad);
        // d(a ⊙ b)/da = b, broadcast to every row
        Assert.Equal(b.ToArray().Concat(b.ToArray()), a.Grad!.ToArray());
    }
}
