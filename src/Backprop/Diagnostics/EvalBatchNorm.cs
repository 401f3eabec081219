using Backprop.Tensors;

namespace Backprop.Diagnostics;

/// <summary>
/// A batch normalisation between a layer's Z and its activation, in evaluation mode: per feature
/// y = γ·x̂ + β with x̂ = (z − running_mean)/√(running_var + ε), an affine map with local derivative ∂y/∂z = γ/√(running_var + ε).
/// </summary>
/// <param name="Gamma">γ [features], the model's <c>weight</c>.</param>
/// <param name="Beta">β [features], the model's <c>bias</c>.</param>
/// <param name="RunningMean">The running mean [features] it subtracts.</param>
/// <param name="RunningVar">The running variance [features] it divides by (after ε and the square root).</param>
/// <param name="Eps">ε.</param>
public sealed record EvalBatchNorm(Tensor<double> Gamma, Tensor<double> Beta, Tensor<double> RunningMean, Tensor<double> RunningVar, double Eps)
{
    /// <summary>Number of features.</summary>
    public int Features => Gamma.Length;

    /// <summary>y = γ·(z − μ)/√(σ² + ε) + β on the engine (its batch-norm op with the running statistics), recording gradients for z, γ and β.</summary>
    internal Tensor<double> Apply(Tensor<double> z, Tensor<double> gamma, Tensor<double> beta) =>
        Ops.BatchNorm<double>.Apply(z, gamma, beta, Eps, RunningMean.ToArray(), RunningVar.ToArray(), batchStatistics: false, $"BatchNorm1d({Features})");

    /// <summary>x̂ = (z − μ)/√(σ² + ε): the same op with γ = 1 and β = 0, no gradient recorded.</summary>
    internal Tensor<double> Normalised(Tensor<double> z)
    {
        using var _ = Autograd.GradMode.NoGrad();
        return Apply(z.Detach(), Tensor<double>.Ones(Features), Tensor<double>.Zeros(Features));
    }

    /// <summary>∂y[j]/∂z[j] = γ[j]/√(σ²[j] + ε) by autodiff: the gradient of Σ y over one row with respect to that row (the map is diagonal).</summary>
    internal Tensor<double> Slope()
    {
        var z = Tensor<double>.FromArray(RunningMean.ToArray(), 1, Features);
        z.RequiresGrad = true;
        Apply(z, Gamma.Clone(), Beta.Clone()).Sum().Backward();
        return Tensor<double>.FromArray(z.Grad!.ToArray());
    }
}
