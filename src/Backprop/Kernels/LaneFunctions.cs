using System.Numerics;

namespace Backprop.Kernels;

/// <summary>Special functions written once over <see cref="ILaneMath{TV, T}"/>, for activations to build on.</summary>
public static class LaneFunctions
{
    /// <summary>σ(x) = 1/(1 + e⁻ˣ)</summary>
    public static TV Sigmoid<TV, TM, T>(TV x) where TM : ILaneMath<TV, T> where T : unmanaged, IFloatingPointIeee754<T>
        => TM.Divide(TM.Splat(T.One), TM.Add(TM.Splat(T.One), TM.Exp(TM.Negate(x))));

    /// <summary>
    /// tanh x = -m/(m + 2)·sign x with m = e^(-2|x|) - 1, as TensorPrimitives computes it: absolute error about one ulp of 1, so
    /// relative accuracy drops for |x| far below 1 (ExpM1 here would fix that but costs W4 a tenth of its speed).
    /// </summary>
    public static TV Tanh<TV, TM, T>(TV x) where TM : ILaneMath<TV, T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = TM.Subtract(TM.Exp(TM.Multiply(TM.Splat(T.CreateTruncating(-2)), TM.Abs(x))), TM.Splat(T.One));
        return TM.CopySign(TM.Divide(TM.Negate(m), TM.Add(m, TM.Splat(T.CreateTruncating(2)))), x);
    }

    /// <summary>
    /// eˣ - 1 without the cancellation near 0: the Taylor series Σₖ₌₁¹⁶ xᵏ/k! for |x| &lt; ½ (truncation below 5·10⁻¹⁷ relative),
    /// eˣ - 1 elsewhere.
    /// </summary>
    public static TV ExpM1<TV, TM, T>(TV x) where TM : ILaneMath<TV, T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        var small = TM.Max(TM.Min(x, TM.Splat(T.CreateTruncating(0.5))), TM.Splat(T.CreateTruncating(-0.5)));
        var c = Coefficients<T>.InverseFactorials;
        var p = TM.Splat(c[^1]);
        for (int k = c.Length - 2; k >= 0; k--) p = TM.MultiplyAdd(p, small, TM.Splat(c[k]));
        var series = TM.Multiply(p, small);
        var direct = TM.Subtract(TM.Exp(x), TM.Splat(T.One));
        return TM.IfGreater(TM.Splat(T.CreateTruncating(0.5)), TM.Abs(x), series, direct);
    }

    /// <summary>ln(1 + x) for x ≥ 0, accurate near 0: ln u · x/(u - 1) with u = 1 + x (x itself when u rounds to 1).</summary>
    public static TV Log1P<TV, TM, T>(TV x) where TM : ILaneMath<TV, T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        var u = TM.Add(TM.Splat(T.One), x);
        var d = TM.Subtract(u, TM.Splat(T.One));
        return TM.IfGreater(d, TM.Splat(T.Zero), TM.Divide(TM.Multiply(TM.Log(u), x), d), x);
    }

    /// <summary>
    /// erf x, odd. For |x| &lt; 3 Kummer's series erf z = (2/√π)·z·e^(-z²)·Σₙ (2z²)ⁿ/(2n+1)!! (all terms positive, 45 of them:
    /// truncation below 10⁻¹⁷ relative), with e^(-z²) corrected for the rounding of z²; for |x| ≥ 3 Laplace's continued fraction
    /// erfc z = e^(-z²)/√π · 1/(z + ½/(z + 1/(z + 3/2/(z + …)))) cut after 20 levels (error below 10⁻¹² of erfc 3 = 2.2·10⁻⁵).
    /// Absolute error about 10⁻¹⁶ in double (see the tests).
    /// </summary>
    public static TV Erf<TV, TM, T>(TV x) where TM : ILaneMath<TV, T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        var z = TM.Abs(x);
        var split = TM.Splat(T.CreateTruncating(3));
        var small = TM.Min(z, split);
        var z2 = TM.Multiply(small, small);
        var z2Low = TM.MultiplyAdd(small, small, TM.Negate(z2));                         // z² = z2 + z2Low exactly
        var gauss = TM.Multiply(TM.Exp(TM.Negate(z2)), TM.Subtract(TM.Splat(T.One), z2Low));
        var c = Coefficients<T>.Kummer;
        var t = TM.Add(z2, z2);
        var sum = TM.Splat(c[^1]);
        for (int n = c.Length - 2; n >= 0; n--) sum = TM.MultiplyAdd(sum, t, TM.Splat(c[n]));
        var series = TM.Multiply(TM.Multiply(TM.Splat(Coefficients<T>.TwoOverSqrtPi), small), TM.Multiply(gauss, sum));

        var large = TM.Max(z, split);
        var fraction = large;
        for (int k = 20; k >= 1; k--) fraction = TM.Add(large, TM.Divide(TM.Splat(T.CreateTruncating(k * 0.5)), fraction));
        var erfc = TM.Divide(TM.Exp(TM.Negate(TM.Multiply(large, large))), TM.Multiply(TM.Splat(Coefficients<T>.SqrtPi), fraction));
        var tail = TM.Subtract(TM.Splat(T.One), erfc);
        return TM.CopySign(TM.IfGreater(split, z, series, tail), x);
    }

    /// <summary>The constant tables, rounded once to <typeparamref name="T"/>.</summary>
    static class Coefficients<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>1/k! for k = 1..16, then ExpM1's series is x·Σ cₖ xᵏ⁻¹.</summary>
        public static readonly T[] InverseFactorials = Table(16, k => 1.0 / Factorial(k + 1));
        /// <summary>1/(2n+1)!! for n = 0..44 (the series runs in t = 2z²).</summary>
        public static readonly T[] Kummer = Table(45, n => Enumerable.Range(1, n).Aggregate(1.0, (p, m) => p / (2 * m + 1)));
        public static readonly T TwoOverSqrtPi = T.CreateTruncating(2 / Math.Sqrt(Math.PI));
        public static readonly T SqrtPi = T.CreateTruncating(Math.Sqrt(Math.PI));

        static T[] Table(int count, Func<int, double> value) => [.. Enumerable.Range(0, count).Select(i => T.CreateTruncating(value(i)))];
        static double Factorial(int k) => Enumerable.Range(1, k).Aggregate(1.0, (p, m) => p * m);
    }
}
