using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;

namespace Backprop.Tests.Ops;

/// <summary>Backward of every elementwise function against finite differences, on 1×1, 1×7, 5×3 and 3×1 inputs.</summary>
public class UnaryGradientTests
{
    private delegate Tensor<double> Input(ulong seed, int[] dims);

    private static readonly Input Normal = (s, d) => TestData.Normal(s, 1.0, d);
    private static readonly Input Wide = (s, d) => TestData.Normal(s, 2.5, d);
    private static readonly Input Positive = (s, d) => TestData.Uniform(s, 0.2, 3.0, d);
    private static readonly Input NonZero = (s, d) => TestData.AwayFromZero(s, 0.1, 2.0, d);
    private static readonly Input FarFromZero = (s, d) => TestData.AwayFromZero(s, 0.5, 2.0, d);

    private static readonly Dictionary<string, (Func<Tensor<double>, Tensor<double>> Op, Input Input)> Functions = new()
    {
        ["neg"] = (x => x.Neg(), Normal),
        ["unary minus"] = (x => -x, Normal),
        ["pow 2"] = (x => x.Pow(2.0), Normal),
        ["pow 3"] = (x => x.Pow(3.0), Normal),
        ["pow 1"] = (x => x.Pow(1.0), Normal),
        ["pow 0.5"] = (x => x.Pow(0.5), Positive),
        ["pow 2.5"] = (x => x.Pow(2.5), Positive),
        ["pow -0.5"] = (x => x.Pow(-0.5), Positive),
        ["pow -1"] = (x => x.Pow(-1.0), FarFromZero),
        ["pow -2"] = (x => x.Pow(-2.0), FarFromZero),
        ["exp"] = (x => x.Exp(), Normal),
        ["log"] = (x => x.Log(), Positive),
        ["sqrt"] = (x => x.Sqrt(), Positive),
        ["abs"] = (x => x.Abs(), NonZero),
        ["sigmoid"] = (x => x.Sigmoid(), Wide),
        ["tanh"] = (x => x.Tanh(), Normal),
        ["relu"] = (x => x.Relu(), NonZero),
        ["leaky relu 0.1"] = (x => x.LeakyRelu(0.1), NonZero),
        ["leaky relu 0.01"] = (x => x.LeakyRelu(0.01), NonZero),
        ["leaky relu 1.5"] = (x => x.LeakyRelu(1.5), NonZero),
        ["identity"] = (x => x.Identity(), Normal),
    };

    public static readonly (int Rows, int Cols)[] Shapes = [(1, 1), (1, 7), (5, 3), (3, 1)];

    public static TheoryData<string, int, int> Cases()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var name in Functions.Keys)
            foreach (var (r, c) in Shapes) data.Add(name, r, c);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardMatchesFiniteDifferences(string function, int rows, int cols)
    {
        var (op, input) = Functions[function];
        var x = input(TestData.Seed(function, rows, cols), [rows, cols]);
        GradCheck.Check($"{function} on [{rows}, {cols}]", op, x);
    }

    [Fact]
    public void PowZeroHasZeroGradientAwayFromZero()
    {
        var x = TestData.AwayFromZero(11, 0.5, 2, 3, 4);
        x.RequiresGrad = true;
        var y = x.Pow(0.0);
        Assert.All(y.ToArray(), v => Assert.Equal(1.0, v));
        y.Backward(Tensor<double>.Ones(3, 4));
        Assert.All(x.Grad!.ToArray(), g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void PowZeroHasZeroGradientAtZeroToo()
    {
        // x⁰ = 1 is constant, so its derivative is 0 everywhere, x = 0 included (PyTorch agrees);
        // p·xᵖ⁻¹ evaluated literally gives 0·(1/0) = NaN there.
        var x = Tensor.From(0.0, 2.0);
        x.RequiresGrad = true;
        x.Pow(0.0).Backward(Tensor.From(1.0, 1.0));
        Assert.Equal([0.0, 0.0], x.Grad!.ToArray());
    }

    [Fact]
    public void ReluAndAbsHaveZeroGradientAtZero()
    {
        foreach (var op in new Func<Tensor<double>, Tensor<double>>[] { x => x.Relu(), x => x.Abs() })
        {
            var x = Tensor.From(0.0, -2.0, 3.0);
            x.RequiresGrad = true;
            op(x).Backward(Tensor.From(1.0, 1.0, 1.0));
            Assert.Equal(0.0, x.Grad![0]);
        }
    }

    [Fact]
    public void ForwardValuesMatchMath()
    {
        var x = Tensor.From(-1.5, -0.25, 0.5, 2.0);
        double[] v = x.ToArray();
        void Same(Func<double, double> f, Tensor<double> y, string what, double tol = 1e-15)
            => TestData.AssertClose(v.Select(f).ToArray(), y.ToArray(), tol, what);
        Same(a => -a, x.Neg(), "neg");
        Same(a => a * a * a, x.Pow(3.0), "pow 3");
        Same(a => 1 / a, x.Pow(-1.0), "pow -1");
        Same(Math.Exp, x.Exp(), "exp");
        Same(Math.Abs, x.Abs(), "abs");
        Same(a => 1 / (1 + Math.Exp(-a)), x.Sigmoid(), "sigmoid");
        Same(Math.Tanh, x.Tanh(), "tanh");
        Same(a => Math.Max(0, a), x.Relu(), "relu");
        Same(a => a > 0 ? a : 0.2 * a, x.LeakyRelu(0.2), "leaky relu");
        Same(a => a, x.Identity(), "identity");
        var p = Tensor.From(0.25, 1.0, 4.0);
        TestData.AssertClose([Math.Log(0.25), 0, Math.Log(4)], p.Log().ToArray(), 1e-15, "log");
        TestData.AssertClose([0.5, 1, 2], p.Sqrt().ToArray(), 1e-15, "sqrt");
        TestData.AssertClose([0.125, 1, 8], p.Pow(1.5).ToArray(), 1e-14, "pow 1.5");
    }
}
