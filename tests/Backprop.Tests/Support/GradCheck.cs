using Backprop.Autograd;
using Backprop.Tensors;
using Xunit.Sdk;

namespace Backprop.Tests.Support;

/// <summary>
/// Checks backward passes against central finite differences in double precision.
/// The output y = f(inputs) is reduced to L = Σ r ⊙ y with a fixed random r, so every output element matters:
/// the analytic gradient comes from <c>y.Backward(r)</c> (dL/dy = r), the numeric one from nudging each input element by ±eps.
/// </summary>
internal static class GradCheck
{
    public const double Eps = 1e-5;
    public const double Tolerance = 1e-6;
    private const double Floor = 1e-4;

    /// <summary>|a - n| / max(|a|, |n|, 1e-4).</summary>
    public static double RelativeError(double analytic, double numeric)
        => Math.Abs(analytic - numeric) / Math.Max(Math.Max(Math.Abs(analytic), Math.Abs(numeric)), Floor);

    /// <summary>dF/dx by central differences; each element of <paramref name="x"/> is nudged in place and restored.</summary>
    public static double[] NumericGradient(Func<double> f, Tensor<double> x, double eps = Eps)
    {
        var grad = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double original = x.Span[i];
            x.Span[i] = original + eps;
            double plus = f();
            x.Span[i] = original - eps;
            double minus = f();
            x.Span[i] = original;
            grad[i] = (plus - minus) / (2 * eps);
        }
        return grad;
    }

    /// <summary>Σ r ⊙ y in a plain loop (no autograd).</summary>
    public static double Weighted(Tensor<double> y, Tensor<double> r)
    {
        Assert.Equal(r.Shape, y.Shape);
        double sum = 0;
        for (int i = 0; i < y.Length; i++) sum += r.Span[i] * y.Span[i];
        return sum;
    }

    /// <summary>
    /// Asserts that, for L = Σ r ⊙ f(inputs), backward agrees with finite differences for every input (all are made to require a gradient;
    /// capture constants in <paramref name="f"/> instead). Unless <paramref name="allowZeroGradient"/>, a check whose numeric gradient
    /// is zero everywhere is rejected as vacuous.
    /// </summary>
    public static void Check(string what, Func<Tensor<double>[], Tensor<double>> f, Tensor<double>[] inputs,
        bool allowZeroGradient = false, ulong weightSeed = 0xC0FFEE)
    {
        foreach (var x in inputs) { x.RequiresGrad = true; x.ZeroGrad(); }
        var y = f(inputs);
        Assert.True(y.RequiresGrad, $"{what}: the output was not recorded for backward.");
        var r = Tensor<double>.RandomNormal(weightSeed, 0, 1, y.Shape.ToArray());
        y.Backward(r);

        double Loss()
        {
            using (GradMode.NoGrad()) return Weighted(f(inputs), r);
        }

        double lossAtInputs = Loss();
        Assert.True(double.IsFinite(lossAtInputs), $"{what}: the weighted output is {lossAtInputs}.");
        double largest = 0;
        for (int k = 0; k < inputs.Length; k++)
        {
            var x = inputs[k];
            var numeric = NumericGradient(Loss, x);
            var analytic = x.Grad?.ToArray() ?? new double[x.Length];
            Assert.Equal(x.Length, analytic.Length);
            for (int i = 0; i < x.Length; i++)
            {
                double err = RelativeError(analytic[i], numeric[i]);
                if (!(err <= Tolerance))
                    throw new XunitException(
                        $"{what}: dL/d(input {k} {x.Shape})[{i}]: backward {analytic[i]:R}, finite differences {numeric[i]:R}, relative error {err:E2} > {Tolerance:E0}.");
                largest = Math.Max(largest, Math.Abs(numeric[i]));
            }
        }
        if (!allowZeroGradient)
            Assert.True(largest > 1e-6, $"{what}: every numeric gradient is zero, so the check proves nothing.");
    }

    /// <summary>Single-input form.</summary>
    public static void Check(string what, Func<Tensor<double>, Tensor<double>> f, Tensor<double> input, bool allowZeroGradient = false)
        => Check(what, xs => f(xs[0]), [input], allowZeroGradient);
}
