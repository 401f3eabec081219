using Backprop.Autograd;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Diagnostics;

/// <summary>The worst disagreement between autodiff and finite differences for one parameter tensor.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Shape">Its shape.</param>
/// <param name="MaxRelativeError">max over elements of |autodiff - numeric| / max(|autodiff|, |numeric|, floor).</param>
/// <param name="MaxAbsoluteError">max over elements of |autodiff - numeric|.</param>
/// <param name="WorstIndex">Flat index of the element with the largest relative error.</param>
public sealed record GradCheckEntry(string Name, Shape Shape, double MaxRelativeError, double MaxAbsoluteError, int WorstIndex);

/// <summary>The result of a gradient check: one entry per parameter tensor.</summary>
/// <param name="Entries">Per-parameter worst errors.</param>
/// <param name="Tolerance">The relative error allowed.</param>
public sealed record GradCheckReport(IReadOnlyList<GradCheckEntry> Entries, double Tolerance)
{
    /// <summary>True when every parameter is within the tolerance.</summary>
    public bool Passed => Entries.All(e => e.MaxRelativeError <= Tolerance);

    /// <summary>The largest relative error over all parameters.</summary>
    public double MaxRelativeError => Entries.Count == 0 ? 0 : Entries.Max(e => e.MaxRelativeError);
}

/// <summary>
/// Compares every parameter's autodiff gradient with central finite differences in double:
/// ∂L/∂w ≈ (L(w + ε) - L(w - ε)) / 2ε, whose error is O(ε²).
/// </summary>
public static class GradCheck
{
    /// <summary>Default step ε: small enough for O(ε²) truncation, large enough for rounding (≈ 1e-16 / ε).</summary>
    public const double DefaultEpsilon = 1e-5;

    /// <summary>Default tolerance on the relative error.</summary>
    public const double DefaultTolerance = 1e-6;

    /// <summary>Denominators below this are raised to it, so gradients that are zero up to rounding do not divide by ~0.</summary>
    public const double RelativeFloor = 1e-4;

    /// <summary>
    /// The most parameters checked: finite differences run the loss twice per parameter, so the work grows with the square
    /// of the network's size (100,000 parameters already take minutes).
    /// </summary>
    public const long MaxParameters = 100_000;

    /// <summary>Checks the gradient of a scalar <paramref name="loss"/> (re-run for each perturbation) with respect to each parameter.</summary>
    /// <exception cref="BackpropException">More than <see cref="MaxParameters"/> parameters (a setting: check a smaller network).</exception>
    public static GradCheckReport Run(Func<Tensor<double>> loss, IEnumerable<(string Name, Tensor<double> Value)> parameters,
        double epsilon = DefaultEpsilon, double tolerance = DefaultTolerance)
    {
        var named = parameters.ToArray();
        long count = named.Sum(p => (long)p.Value.Length);
        if (count > MaxParameters)
            throw BackpropException.BadSetting($"gradcheck: {count} parameters is more than the {MaxParameters} checked at most "
                + "(finite differences run the loss twice per parameter); check a smaller network.");
        foreach (var (_, p) in named) { p.RequiresGrad = true; p.Grad?.Span.Clear(); }
        loss().Backward();
        var entries = new List<GradCheckEntry>();
        foreach (var (name, p) in named)
        {
            var analytic = p.Grad?.ToArray() ?? new double[p.Length];
            double worstRel = 0, worstAbs = 0; int worstIndex = 0;
            for (int i = 0; i < p.Length; i++)
            {
                double numeric = Numeric(loss, p, i, epsilon);
                double abs = Math.Abs(analytic[i] - numeric);
                double rel = abs / Math.Max(Math.Max(Math.Abs(analytic[i]), Math.Abs(numeric)), RelativeFloor);
                if (double.IsNaN(rel)) rel = double.PositiveInfinity;
                if (rel > worstRel || i == 0) { worstRel = rel; worstIndex = i; }
                worstAbs = Math.Max(worstAbs, abs);
            }
            entries.Add(new GradCheckEntry(name, p.Shape, worstRel, worstAbs, worstIndex));
        }
        return new GradCheckReport(entries, tolerance);
    }

    /// <summary>Checks every parameter of <paramref name="model"/> under <paramref name="loss"/> on one batch.</summary>
    public static GradCheckReport Run(Module<double> model, Loss loss, Tensor<double> x, Tensor<double> y,
        double epsilon = DefaultEpsilon, double tolerance = DefaultTolerance)
        => Run(() => loss.Compute(model.Forward(x), y), model.NamedParameters(), epsilon, tolerance);

    /// <summary>(L(w + ε) - L(w - ε)) / 2ε for element <paramref name="i"/> of <paramref name="p"/>, restoring it after.</summary>
    private static double Numeric(Func<Tensor<double>> loss, Tensor<double> p, int i, double epsilon)
    {
        using var _ = GradMode.NoGrad();
        double saved = p.Span[i];
        p.Span[i] = saved + epsilon;
        double plus = loss().Item;
        p.Span[i] = saved - epsilon;
        double minus = loss().Item;
        p.Span[i] = saved;
        return (plus - minus) / (2 * epsilon);
    }
}
