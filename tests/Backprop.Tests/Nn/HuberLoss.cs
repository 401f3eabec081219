using System.Numerics;
using Backprop.Nn;

namespace Backprop.Tests.Nn;

/// <summary>
/// A loss written outside the library, as a user would: Huber with threshold δ, the mean over all M elements of
/// ½e² for |e| ≤ δ else δ(|e| - ½δ), e = o - y;  dL/do = clamp(e, -δ, δ) / M. It counts the calls that asked for a gradient.
/// </summary>
internal sealed class HuberLoss(double delta = 1, int extraOutputs = 0) : Loss
{
    public int GradientCalls { get; private set; }
    public int ValueCalls { get; private set; }

    public override string Name => "huber";

    public override TaskKind Task => TaskKind.Regression;

    public override int OutputsFor(int k) => k + extraOutputs;

    public override T ValueAndGradient<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> target, int rows, int outputs, Span<T> gradient)
    {
        if (gradient.IsEmpty) ValueCalls++; else GradientCalls++;
        T d = T.CreateTruncating(delta), half = T.CreateTruncating(0.5), sum = T.Zero, invM = T.One / T.CreateTruncating(output.Length);
        for (int i = 0; i < output.Length; i++)
        {
            T e = output[i] - target[i];
            sum += T.Abs(e) <= d ? half * e * e : d * (T.Abs(e) - half * d);
            if (!gradient.IsEmpty) gradient[i] = T.Clamp(e, -d, d) * invM;
        }
        return sum * invM;
    }
}
