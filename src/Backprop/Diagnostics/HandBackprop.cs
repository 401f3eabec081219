using Backprop.Nn;
using Backprop.Nn.Activations;

namespace Backprop.Diagnostics;

/// <summary>
/// The tutorials' formulas in plain loops, independent of the engine's ops: dZ_last from the loss, then layer by layer
/// dW = Aᵀ·dZ, db = Σ dZ, dA = dZ·Wᵀ, dZ = dA ⊙ f'(Z); through a batch norm (evaluation mode) dγ = Σ dY ⊙ x̂, dβ = Σ dY,
/// dZ = dY ⊙ γ/√(σ² + ε). Used to show that autodiff computed the same numbers.
/// </summary>
/// <param name="DW">dL/dW per layer.</param>
/// <param name="DB">dL/db per layer.</param>
/// <param name="DZ">dL/dZ per layer.</param>
/// <param name="MaxDifference">The largest |autodiff - hand| over every dZ, dW and db (and a batch norm's dY, dγ, dβ); NaN when any difference is NaN (a failed check, never a pass).</param>
public sealed record HandBackprop(IReadOnlyList<double[,]> DW, IReadOnlyList<double[]> DB, IReadOnlyList<double[,]> DZ, double MaxDifference)
{
    /// <summary>Computes the gradients by hand from the forward values in <paramref name="layers"/> and compares them with autodiff's; null for a
    /// loss without a hand formula (one whose gradient has no declared <see cref="Loss.Delta"/> form).</summary>
    public static HandBackprop? Run(NetworkSpec spec, IReadOnlyList<LayerStep> layers)
    {
        int count = layers.Count, n = spec.X.Shape[0];
        var dws = new double[count][,];
        var dbs = new double[count][];
        var dzs = new double[count][,];
        double worst = 0;
        if (OutputDelta(spec, layers[^1], n) is not { } dz) return null;
        for (int l = count - 1; l >= 0; l--)
        {
            var layer = layers[l];
            if (layer.Norm is { } norm) dz = ThroughNorm(norm, layer.Z, dz, n, ref worst);
            int inputs = layer.W.Shape[0], outputs = layer.W.Shape[1];
            dzs[l] = dz;
            var dw = new double[inputs, outputs];
            var db = new double[outputs];
            for (int i = 0; i < inputs; i++)
                for (int j = 0; j < outputs; j++)
                    for (int r = 0; r < n; r++) dw[i, j] += layer.Input[r, i] * dz[r, j];     // dW = Aᵀ·dZ
            for (int j = 0; j < outputs; j++)
                for (int r = 0; r < n; r++) db[j] += dz[r, j];                                // db = Σ dZ
            dws[l] = dw; dbs[l] = db;
            if (l == 0) break;
            var dA = new double[n, inputs];
            for (int r = 0; r < n; r++)
                for (int i = 0; i < inputs; i++)
                    for (int j = 0; j < outputs; j++) dA[r, i] += dz[r, j] * layer.W[i, j];  // dA = dZ·Wᵀ
            dz = ThroughActivation(layers[l - 1], dA, n);
        }
        for (int l = 0; l < count; l++)
        {
            worst = Math.Max(worst, MaxDiff(dws[l], layers[l].DW));
            worst = Math.Max(worst, MaxDiff(dzs[l], layers[l].DZ));
            for (int j = 0; j < dbs[l].Length; j++) worst = Math.Max(worst, Math.Abs(dbs[l][j] - layers[l].DB[j]));
        }
        return new HandBackprop(dws, dbs, dzs, worst);
    }

    // dL/d(loss input), the loss input being Z when the activation is the loss's own, else A, in the form the loss declares,
    // δ = factor·(ŷ - y)/D: (softmax - onehot)/N for cross-entropy, (σ - Y)/(N·M) for BCE, (O - Y)/N for ½Σ(O - Y)², 2(O - Y)/(N·M) for
    // the mean; then through f' if A. Null when the loss declares no such form, or an output activation other than softmax or σ.
    private static double[,]? OutputDelta(NetworkSpec spec, LayerStep last, int n)
    {
        if (spec.Loss.Delta is not { } form || spec.Loss.OutputActivation is { } f && f is not (Softmax or Sigmoid)) return null;
        bool softmax = spec.Loss.OutputActivation is Softmax, sigmoid = spec.Loss.OutputActivation is Sigmoid;
        bool classIndices = spec.Loss.Task == TaskKind.Classification;
        int outputs = last.W.Shape[1], divisor = form.OverOutputs ? n * outputs : n;
        var o = last.ActivationInLoss ? last.PreActivation : last.A;
        var delta = new double[n, outputs];
        for (int r = 0; r < n; r++)
        {
            double max = double.NegativeInfinity, sum = 0;
            for (int j = 0; j < outputs; j++) max = Math.Max(max, o[r, j]);
            for (int j = 0; j < outputs; j++) sum += Math.Exp(o[r, j] - max);
            for (int j = 0; j < outputs; j++)
            {
                double predicted = softmax ? Math.Exp(o[r, j] - max) / sum : sigmoid ? 1 / (1 + Math.Exp(-o[r, j])) : o[r, j];
                double target = classIndices ? (spec.Y[r] == j ? 1 : 0) : spec.Y[r, j];
                delta[r, j] = form.Factor * (predicted - target) / divisor;
            }
        }
        return last.ActivationInLoss ? delta : ThroughActivation(last, delta, n);
    }

    // dZ = dA ⊙ f'(Z) with f' the activation's own (written out in its Info.Derivative); softmax: A ⊙ (dA - Σ dA ⊙ A).
    private static double[,] ThroughActivation(LayerStep layer, double[,] dA, int n)
    {
        int outputs = layer.W.Shape[1];
        var dz = new double[n, outputs];
        for (int r = 0; r < n; r++)
        {
            double dot = 0;
            for (int j = 0; j < outputs; j++) dot += dA[r, j] * layer.A[r, j];
            for (int j = 0; j < outputs; j++)
            {
                double a = layer.A[r, j];
                dz[r, j] = layer.Activation is ElementwiseActivation f ? dA[r, j] * f.Derivative(layer.PreActivation[r, j], a) : a * (dA[r, j] - dot);
            }
        }
        return dz;
    }

    // Through a batch norm in evaluation mode: x̂ = (z - μ)/√(σ² + ε), dγ = Σ dY ⊙ x̂, dβ = Σ dY, dZ = dY ⊙ γ/√(σ² + ε); each checked against autodiff.
    private static double[,] ThroughNorm(BatchNormStep norm, Tensors.Tensor<double> z, double[,] dy, int n, ref double worst)
    {
        var (gamma, mean, variance) = (norm.Norm.Gamma, norm.Norm.RunningMean, norm.Norm.RunningVar);
        int features = gamma.Length;
        var dz = new double[n, features];
        worst = Math.Max(worst, MaxDiff(dy, norm.DY!));
        for (int j = 0; j < features; j++)
        {
            double root = Math.Sqrt(variance[j] + norm.Norm.Eps), dgamma = 0, dbeta = 0;
            for (int r = 0; r < n; r++)
            {
                dgamma += dy[r, j] * (z[r, j] - mean[j]) / root;
                dbeta += dy[r, j];
                dz[r, j] = dy[r, j] * gamma[j] / root;
            }
            worst = Math.Max(worst, Math.Max(Math.Abs(dgamma - norm.DGamma![j]), Math.Abs(dbeta - norm.DBeta![j])));
        }
        return dz;
    }

    private static double MaxDiff(double[,] hand, Tensors.Tensor<double> auto)
    {
        double worst = 0;
        for (int i = 0; i < hand.GetLength(0); i++)
            for (int j = 0; j < hand.GetLength(1); j++) worst = Math.Max(worst, Math.Abs(hand[i, j] - auto[i, j]));
        return worst;
    }
}
