using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Optim;

/// <summary>
/// The strong-Wolfe line search of PyTorch's <c>LBFGS</c> (its <c>_strong_wolfe</c>, after minFunc): along direction d from x, find a
/// step t with sufficient decrease f(x + td) ≤ f(x) + c₁t·gᵀd and small slope |∇f(x + td)ᵀd| ≤ −c₂·gᵀd (c₁ = 1e-4, c₂ = 0.9), first
/// widening a bracket by cubic interpolation (up to 10× the step), then zooming into it; at most 25 evaluations. The gradients at
/// the bracket's ends live in buffers made once, so a search allocates nothing.
/// </summary>
internal sealed class StrongWolfe<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const double C1 = 1e-4, C2 = 0.9, ToleranceChange = 1e-9;
    private const int MaxSearches = 25;

    private readonly Func<double, T[], double> _evaluate;
    private readonly T[] _gNew, _gPrev;
    private readonly T[][] _bracketG;

    /// <summary>A search over vectors of <paramref name="length"/> values; <paramref name="evaluate"/>(t, g) returns f(x + td) and writes its gradient into g.</summary>
    public StrongWolfe(int length, Func<double, T[], double> evaluate)
    {
        _evaluate = evaluate;
        (_gNew, _gPrev) = (new T[length], new T[length]);
        _bracketG = [new T[length], new T[length]];
    }

    /// <summary>
    /// Searches along <paramref name="d"/> from the point of loss <paramref name="f"/>, gradient <paramref name="g"/> and slope
    /// <paramref name="gtd"/> = gᵀd, starting at step <paramref name="t"/>. Returns the accepted step, its loss and the number of evaluations;
    /// <paramref name="gradient"/> (which may be <paramref name="g"/>) receives the gradient at the accepted step.
    /// </summary>
    public (double Loss, double Step, int Evaluations) Search(double t, ReadOnlySpan<T> d, double f, T[] g, double gtd, Span<T> gradient)
    {
        double dNorm = double.CreateTruncating(T.Abs(TensorPrimitives.MaxMagnitude(d)));
        double fNew = _evaluate(t, _gNew), gtdNew = Dot(_gNew, d);
        int evaluations = 1, iteration = 0;
        double tPrev = 0, fPrev = f, gtdPrev = gtd;
        T[] gPrev = g;
        bool done = false;
        Span<double> bracket = stackalloc double[2], bracketF = stackalloc double[2], bracketGtd = stackalloc double[2];

        // Bracketing: grow t until the interval [t_prev, t] holds a point satisfying the conditions, or t itself does.
        while (iteration < MaxSearches)
        {
            bool overshot = fNew > f + C1 * t * gtd || (iteration > 1 && fNew >= fPrev);
            if (!overshot && Math.Abs(gtdNew) <= -C2 * gtd)
            {
                Set(bracket, bracketF, bracketGtd, 0, t, fNew, _gNew, gtdNew);
                bracket[1] = t; bracketF[1] = fNew; // a one-point bracket: its low end is the answer
                done = true;
                break;
            }
            if (overshot || gtdNew >= 0) // the loss rose, or the slope turned: the minimum lies between t_prev and t
            {
                Set(bracket, bracketF, bracketGtd, 0, tPrev, fPrev, gPrev, gtdPrev);
                Set(bracket, bracketF, bracketGtd, 1, t, fNew, _gNew, gtdNew);
                break;
            }
            double minStep = t + 0.01 * (t - tPrev), maxStep = t * 10, previous = t;
            t = CubicMinimum(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
            (tPrev, fPrev, gtdPrev) = (previous, fNew, gtdNew);
            _gNew.CopyTo(_gPrev, 0);
            gPrev = _gPrev;
            fNew = _evaluate(t, _gNew); gtdNew = Dot(_gNew, d);
            evaluations++; iteration++;
        }
        if (iteration == MaxSearches)
        {
            Set(bracket, bracketF, bracketGtd, 0, 0, f, g, gtd);
            Set(bracket, bracketF, bracketGtd, 1, t, fNew, _gNew, gtdNew);
        }

        // Zoom: shrink the bracket around a point that satisfies both conditions.
        bool insufficientProgress = false;
        int low = bracketF[0] <= bracketF[1] ? 0 : 1;
        while (!done && iteration < MaxSearches)
        {
            if (Math.Abs(bracket[1] - bracket[0]) * dNorm < ToleranceChange) break;
            t = CubicMinimum(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1]);
            double hi = Math.Max(bracket[0], bracket[1]), lo = Math.Min(bracket[0], bracket[1]), eps = 0.1 * (hi - lo);
            if (Math.Min(hi - t, t - lo) < eps)
            {
                // Close to an end: after a second time (or beyond it), move a tenth of the bracket inside.
                if (insufficientProgress || t >= hi || t <= lo)
                {
                    t = Math.Abs(t - hi) < Math.Abs(t - lo) ? hi - eps : lo + eps;
                    insufficientProgress = false;
                }
                else insufficientProgress = true;
            }
            else insufficientProgress = false;

            fNew = _evaluate(t, _gNew); gtdNew = Dot(_gNew, d);
            evaluations++; iteration++;
            int high = 1 - low;
            if (fNew > f + C1 * t * gtd || fNew >= bracketF[low])
            {
                Set(bracket, bracketF, bracketGtd, high, t, fNew, _gNew, gtdNew);
                low = bracketF[0] <= bracketF[1] ? 0 : 1;
            }
            else
            {
                if (Math.Abs(gtdNew) <= -C2 * gtd) done = true;
                else if (gtdNew * (bracket[high] - bracket[low]) >= 0) // the old low end becomes the high end
                    Set(bracket, bracketF, bracketGtd, high, bracket[low], bracketF[low], _bracketG[low], bracketGtd[low]);
                Set(bracket, bracketF, bracketGtd, low, t, fNew, _gNew, gtdNew);
            }
        }
        _bracketG[low].CopyTo(gradient);
        return (bracketF[low], bracket[low], evaluations);
    }

    // End i of the bracket becomes step t with loss f, gradient g (copied) and slope gtd.
    private void Set(Span<double> bracket, Span<double> bracketF, Span<double> bracketGtd, int i, double t, double f, T[] g, double gtd)
    {
        bracket[i] = t; bracketF[i] = f; bracketGtd[i] = gtd;
        if (!ReferenceEquals(g, _bracketG[i])) g.CopyTo(_bracketG[i], 0);
    }

    /// <summary>
    /// The minimiser of the cubic through (x₁, f₁) and (x₂, f₂) with slopes g₁ and g₂, kept within [lower, upper] (default: between the points):
    /// d₁ = g₁ + g₂ − 3(f₁ − f₂)/(x₁ − x₂), d₂ = √(d₁² − g₁g₂), x = x₂ − (x₂ − x₁)(g₂ + d₂ − d₁)/(g₂ − g₁ + 2d₂); the bounds' midpoint when d₂² &lt; 0.
    /// </summary>
    internal static double CubicMinimum(double x1, double f1, double g1, double x2, double f2, double g2, double? lower = null, double? upper = null)
    {
        double lo = lower ?? Math.Min(x1, x2), hi = upper ?? Math.Max(x1, x2);
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2), d2Square = d1 * d1 - g1 * g2;
        if (!(d2Square >= 0)) return (lo + hi) / 2;
        double d2 = Math.Sqrt(d2Square);
        double minimum = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)) : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
        return Math.Min(Math.Max(minimum, lo), hi);
    }

    private static double Dot(ReadOnlySpan<T> a, ReadOnlySpan<T> b) => double.CreateTruncating(TensorPrimitives.Dot(a, b));
}
