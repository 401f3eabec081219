using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Tests.Nn;

/// <summary>Initialisers: the statistics of big draws, the bounds of uniform ones, orthogonality, PyTorch's Linear default, and names.</summary>
public class InitTests
{
    private const int In = 400, Out = 300;

    /// <summary>Each initialiser's variance from its definition, for W [in, out].</summary>
    public static TheoryData<Initializer, double> Variances => new()
    {
        { Initializer.GlorotUniform, 2.0 / (In + Out) }, // U(-a, a) has variance a² / 3, a² = 6 / (in + out)
        { Initializer.GlorotNormal, 2.0 / (In + Out) },
        { Initializer.HeUniform, 2.0 / In },
        { Initializer.HeNormal, 2.0 / In },
        { Initializer.LeCunUniform, 1.0 / In },          // a² = 3 / in
        { Initializer.LeCunNormal, 1.0 / In },
        { Initializer.TorchLinear, 1.0 / (3.0 * In) },   // a = 1/√in
        { Initializer.Orthogonal, 1.0 / In },            // every column has unit norm: Σ w² = out over in·out values
    };

    [Theory]
    [MemberData(nameof(Variances))]
    public void BigDrawsHaveMeanZeroAndTheDefinedVariance(Initializer kind, double variance)
    {
        var w = kind.Weights<double>(In, Out, new Rng(7)).Span.ToArray();
        double mean = w.Average(), sampleVariance = w.Select(v => (v - mean) * (v - mean)).Average();
        Assert.True(Math.Abs(mean) < 4 * Math.Sqrt(variance / w.Length), $"{kind}: mean {mean}");
        Assert.True(Math.Abs(sampleVariance / variance - 1) < 0.02, $"{kind}: variance {sampleVariance}, expected {variance}");
    }

    [Theory]
    [InlineData("glorot_uniform", 0.09258200997725514)] // √(6 / 700)
    [InlineData("he_uniform", 0.12247448713915890)]     // √(6 / 400)
    [InlineData("lecun_uniform", 0.08660254037844386)]  // √(3 / 400)
    [InlineData("torch_linear", 0.05)]                  // 1 / √400
    [InlineData("sklearn_uniform", 0.09258200997725514)] // √(6 / 700)
    public void UniformDrawsStayWithinTheirBoundAndReachIt(string kind, double bound)
    {
        var w = Initializers.Parse(kind).Weights<double>(In, Out, new Rng(3)).Span.ToArray();
        Assert.All(w, v => Assert.InRange(v, -bound, bound));
        Assert.True(w.Max() > 0.999 * bound && w.Min() < -0.999 * bound);
    }

    [Theory]
    [InlineData(300, 100)]
    [InlineData(100, 300)]
    [InlineData(64, 64)]
    public void OrthogonalHasOrthonormalColumnsWhenTallAndRowsWhenWide(int rows, int cols)
    {
        var w = Initializer.Orthogonal.Weights<double>(rows, cols, new Rng(11)).Span.ToArray();
        bool tall = rows >= cols;
        int n = Math.Min(rows, cols), len = Math.Max(rows, cols);
        double At(int vector, int i) => tall ? w[i * cols + vector] : w[vector * cols + i];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                double dot = 0;
                for (int i = 0; i < len; i++) dot += At(a, i) * At(b, i);
                Assert.True(Math.Abs(dot - (a == b ? 1 : 0)) < 1e-12, $"(WᵀW)[{a},{b}] = {dot}");
            }
    }

    [Fact]
    public void OrthogonalIsSeededAndRandom()
    {
        var a = Initializer.Orthogonal.Weights<float>(20, 10, new Rng(1)).Span.ToArray();
        Assert.Equal(a, Initializer.Orthogonal.Weights<float>(20, 10, new Rng(1)).Span.ToArray());
        Assert.NotEqual(a, Initializer.Orthogonal.Weights<float>(20, 10, new Rng(2)).Span.ToArray());
    }

    [Fact]
    public void TorchLinearDrawsTheBiasFromTheSameBoundAndTheOthersStartItAtZero()
    {
        var torch = new Dense<double>(25, 400, Activation.Relu, seed: 5, init: Initializer.TorchLinear);
        var bias = torch.B.Span.ToArray();
        Assert.All(bias, b => Assert.InRange(b, -0.2, 0.2));           // 1 / √25
        Assert.True(bias.Max() > 0.19 && bias.Min() < -0.19);
        Assert.All(torch.W.Span.ToArray(), w => Assert.InRange(w, -0.2, 0.2));
        Assert.All(new Dense<double>(25, 400, Activation.Relu, seed: 5, init: Initializer.LeCunNormal).B.Span.ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void SklearnUniformDrawsTheBiasFromTheWeightsGlorotBound()
    {
        var layer = new Dense<double>(25, 400, Activation.Relu, seed: 5, init: Initializer.SklearnUniform);
        double bound = Math.Sqrt(6.0 / 425);
        var bias = layer.B.Span.ToArray();
        Assert.All(bias, b => Assert.InRange(b, -bound, bound));
        Assert.True(bias.Max() > 0.95 * bound && bias.Min() < -0.95 * bound);
        Assert.All(layer.W.Span.ToArray(), w => Assert.InRange(w, -bound, bound));
    }

    [Fact]
    public void EveryInitializerHasANameThatParsesBack()
    {
        foreach (var entry in Initializers.Registry.Entries) Assert.Equal(entry.Name, Initializers.Parse(entry.Name).Name);
        Assert.Same(Initializer.LeCunNormal, Initializers.Parse(" LeCun-Normal "));
        Assert.Equal("torch_linear", Initializer.TorchLinear.Name);
    }

    [Fact]
    public void AnUnknownNameListsTheKnownOnes()
    {
        var e = Assert.Throws<FormatException>(() => Initializers.Parse("xavier"));
        Assert.Contains("Unknown initializer 'xavier'; expected one of default, glorot_uniform", e.Message);
        Assert.Contains("orthogonal, torch_linear, sklearn_uniform, zeros", e.Message);
    }
}
