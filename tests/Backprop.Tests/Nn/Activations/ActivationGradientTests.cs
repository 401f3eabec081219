using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;

namespace Backprop.Tests.Nn.Activations;

/// <summary>Every registered elementwise activation's derivative against central finite differences in double, through its autograd node and through Dense.</summary>
public class ActivationGradientTests
{
    /// <summary>Every elementwise activation, with a second parameter value for those that take one.</summary>
    public static TheoryData<string> Elementwise()
    {
        var data = new TheoryData<string>();
        foreach (var e in Activation.Registered.Where(e => e.Default.IsElementwise))
        {
            data.Add(e.Default.ToString());
            if (e.Parameter is not null) data.Add($"{e.Name}:0.3");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Elementwise))]
    public void NodeBackwardMatchesFiniteDifferences(string name)
    {
        var activation = Activation.Parse(name);
        // Away from 0 (the kinks of ReLU, leaky ReLU, ELU), spread to ±3 so that the tails count; 37 values cover every vector width's tail.
        var x = TestData.AwayFromZero(TestData.Seed(name, 1), 0.05, 3.0, 37);
        GradCheck.Check($"{name} node", xs => xs[0].Apply(activation), [x]);
    }

    [Theory]
    [MemberData(nameof(Elementwise))]
    public void DenseBackwardMatchesFiniteDifferences(string name)
    {
        var activation = Activation.Parse(name);
        ulong seed = TestData.Seed(name, 2);
        var x = TestData.Normal(seed, 1, 5, 4);
        var w = TestData.Normal(seed + 1, 0.8, 4, 19);
        var b = TestData.Normal(seed + 2, 0.5, 19);
        GradCheck.Check($"Dense(4 -> 19, {name})", xs => new Dense<double>(xs[1], xs[2], activation).Forward(xs[0]), [x, w, b]);
    }

    [Theory]
    [MemberData(nameof(Elementwise))]
    public void SpanBackwardIsDyTimesTheSlope(string name)
    {
        var activation = (ElementwiseActivation)Activation.Parse(name);
        double[] x = [-2.5, -0.7, 0.3, 1.9, 4.0], y = new double[5], dy = [1, -2, 0.5, 3, -1], dx = new double[5];
        activation.Forward<double>(x, y);
        activation.Backward<double>(x, y, dy, dx);
        for (int i = 0; i < x.Length; i++)
        {
            double h = 1e-6, slope = (F(x[i] + h) - F(x[i] - h)) / (2 * h);
            Assert.Equal(dy[i] * slope, dx[i], 1e-7);
        }
        double F(double v) { var o = new double[1]; activation.Forward<double>([v], o); return o[0]; }
    }
}
