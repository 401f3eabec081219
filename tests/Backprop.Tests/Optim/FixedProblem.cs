using Backprop.Optim;
using Backprop.Tensors;

namespace Backprop.Tests.Optim;

/// <summary>
/// A fixed problem for checking update rules: two parameters (19 and 6 values: full SIMD vectors and a scalar tail) and, per step,
/// fixed gradients, so a test needs no model and compares the optimizer with a reference loop written in double.
/// </summary>
internal static class FixedProblem
{
    private static readonly int[] Sizes = [19, 6];

    /// <summary>θ₀: every parameter's starting values.</summary>
    public static double[][] Initial() => [.. Sizes.Select((n, k) => Enumerable.Range(0, n).Select(i => Math.Cos(1.3 * i + k)).ToArray())];

    /// <summary>The gradient of value <paramref name="i"/> of parameter <paramref name="k"/> at step <paramref name="t"/> (1-based).</summary>
    public static double Gradient(int t, int k, int i) => 2 * Math.Sin(0.7 * i + 1.1 * t + k) + 0.3;

    /// <summary>Fresh parameters holding θ₀, requiring gradients.</summary>
    public static Tensor<double>[] Parameters() => [.. Initial().Select(v => { var p = Tensor.From(v); p.RequiresGrad = true; return p; })];

    /// <summary>Sets each parameter's gradient to step <paramref name="t"/>'s.</summary>
    public static void Feed(Tensor<double>[] parameters, int t)
    {
        for (int k = 0; k < parameters.Length; k++)
            parameters[k].Grad = Tensor.From([.. Enumerable.Range(0, parameters[k].Length).Select(i => Gradient(t, k, i))]);
    }

    /// <summary>
    /// Three steps of <paramref name="optimizer"/> over <paramref name="parameters"/> against <paramref name="reference"/>, which updates θ (and its own
    /// state) for step t, value i of parameter k given that value's gradient: θ after every step equal to 1e-12.
    /// </summary>
    public static void MatchesReference(Optimizer<double> optimizer, Tensor<double>[] parameters, Func<int, int, int, double, double, double> reference)
    {
        var theta = Initial();
        for (int t = 1; t <= 3; t++)
        {
            Feed(parameters, t);
            optimizer.Step();
            for (int k = 0; k < theta.Length; k++)
            {
                for (int i = 0; i < theta[k].Length; i++) theta[k][i] = reference(t, k, i, Gradient(t, k, i), theta[k][i]);
                AssertClose(theta[k], parameters[k].ToArray());
            }
        }
        Assert.Equal(3, optimizer.Steps);
    }

    /// <summary>Buffers per parameter for a reference loop, zeros (or <paramref name="value"/>).</summary>
    public static double[][] Zeros(double value = 0) => [.. Sizes.Select(n => Enumerable.Repeat(value, n).ToArray())];

    /// <summary>Each of <paramref name="expected"/>'s buffers equals the optimizer's state buffer <paramref name="name"/> to 1e-12.</summary>
    public static void AssertState(Optimizer<double> optimizer, string name, double[][] expected)
    {
        var actual = optimizer.State().Buffers[name];
        for (int k = 0; k < expected.Length; k++) AssertClose(expected[k], actual[k]);
    }

    public static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12, $"[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }
}
