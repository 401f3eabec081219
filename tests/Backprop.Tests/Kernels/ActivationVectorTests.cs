using System.Numerics;
using System.Runtime.Intrinsics;
using Backprop.Kernels;
using Backprop.Nn;

namespace Backprop.Tests.Kernels;

/// <summary>
/// Each vector width runs the same formula as the scalar path: for every activation, float and double, on inputs that include 0,
/// ±large values, values near each branch point, and a length that leaves a tail. Transcendental functions may differ from the scalar
/// library's by an ulp or two, so values agree to a few ulps of max(1, |y|); piecewise-linear ones exactly.
/// </summary>
public class ActivationVectorTests
{
    [VectorWidthFact(512)] public void Vector512MatchesScalar() => AllActivations<Vector512<float>, Lanes512<float>, Vector512<double>, Lanes512<double>>();
    [VectorWidthFact(256)] public void Vector256MatchesScalar() => AllActivations<Vector256<float>, Lanes256<float>, Vector256<double>, Lanes256<double>>();
    [VectorWidthFact(128)] public void Vector128MatchesScalar() => AllActivations<Vector128<float>, Lanes128<float>, Vector128<double>, Lanes128<double>>();

    static readonly double[] Specials = [0, -0.0, 1e-12, -1e-12, 1e-5, -1e-5, 0.4999, 0.5, 0.5001, -0.5, 1, -1, 2.9999, 3, 3.0001, -3, 5.9, 6, 19.99, 20, 20.01,
        -20, 30, -30, 50, -50, 88, -88, 100, -100, 700, -700, 1e30, -1e30, double.PositiveInfinity, double.NegativeInfinity];

    static void AllActivations<VF, MF, VD, MD>() where MF : ILaneMath<VF, float> where MD : ILaneMath<VD, double>
    {
        foreach (var entry in Activation.Registered.Where(e => e.Default.IsElementwise))
            foreach (var activation in new[] { entry.Default, entry.Parameter is null ? entry.Default : entry.Create(0.3) })
            {
                var e = (ElementwiseActivation)activation;
                Same<float, VF, MF>(e, 6e-7);
                Same<double, VD, MD>(e, 1e-15);
            }
    }

    static void Same<T, TV, TM>(ElementwiseActivation activation, double ulps)
        where T : unmanaged, IFloatingPointIeee754<T> where TM : ILaneMath<TV, T>
    {
        // Specials, then 203 values spread over [-12, 12]: 239 in all, so every width leaves a tail.
        var x = Specials.Concat(Enumerable.Range(0, 203).Select(i => -12 + 24.0 * i / 202)).Select(T.CreateTruncating).ToArray();
        var y = new T[x.Length];
        activation.Forward<T>(x, y);                                       // reference for y in the derivative
        var (vy, vd) = activation.For<T>().Visit(new Probe<T, TV, TM>(x, y));
        var (sy, sd) = activation.For<T>().Visit(new Probe<T, T, ScalarLanes<T>>(x, y));
        for (int i = 0; i < x.Length; i++)
        {
            Close(sy[i], vy[i], $"{activation}({x[i]}) at {typeof(TV).Name}");
            Close(sd[i], vd[i], $"{activation}'({x[i]}) at {typeof(TV).Name}");
        }

        void Close(T expected, T actual, string what)
        {
            if (T.IsNaN(expected) && T.IsNaN(actual) || expected == actual) return;
            double e = double.CreateTruncating(expected), a = double.CreateTruncating(actual);
            Assert.True(Math.Abs(e - a) <= ulps * Math.Max(1, Math.Abs(e)), $"{what}: scalar {e:R}, vector {a:R}");
        }
    }

    /// <summary>Forward and derivative (dy = 1) over whole vectors of one width, then the scalar tail; asserts both ran.</summary>
    sealed class Probe<T, TV, TM>(T[] x, T[] y) : IActivationVisitor<T, (T[] Y, T[] Slope)>
        where T : unmanaged, IFloatingPointIeee754<T> where TM : ILaneMath<TV, T>
    {
        public (T[] Y, T[] Slope) Visit<TOp>(TOp op) where TOp : struct, IActivationOperator<T>
        {
            nuint n = (nuint)x.Length;
            var fy = new T[x.Length];
            var slope = new T[x.Length];
            var ones = Enumerable.Repeat(T.One, x.Length).ToArray();
            nuint i = ActivationLoop.Forward<T, TOp, TV, TM>(op, ref x[0], ref fy[0], 0, n);
            if (TM.Count > 1) Assert.InRange(i, n - (nuint)TM.Count + 1, n - 1);       // the vectors ran and left a tail
            ActivationLoop.Forward<T, TOp, T, ScalarLanes<T>>(op, ref x[0], ref fy[0], i, n);
            var spans = new ActivationLoop.Spans<T>(ref x[0], ref y[0], ref ones[0], ref slope[0]);
            i = ActivationLoop.Backward<T, TOp, TV, TM>(op, spans, 0, n);
            ActivationLoop.Backward<T, TOp, T, ScalarLanes<T>>(op, spans, i, n);
            return (fy, slope);
        }
    }
}
