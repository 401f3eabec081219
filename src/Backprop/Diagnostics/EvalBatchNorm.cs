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

    /// <summary>The batch-norm module with these values, in evaluation mode: y = γ·(z − μ)/√(σ² + ε) + β by its own step (the one the plan and
    /// the autograd graph run), γ and β its <c>Weight</c> and <c>Bias</c> (fresh copies that collect gradients); without
    /// <paramref name="affine"/>, x̂ = (z − μ)/√(σ² + ε).</summary>
    internal Nn.BatchNorm1d<double> Module(bool affine = true)
    {
        var module = new Nn.BatchNorm1d<double>(Features, Eps, affine: affine);
        if (affine) { Gamma.Span.CopyTo(module.Weight.Span); Beta.Span.CopyTo(module.Bias.Span); }
        RunningMean.Span.CopyTo(module.RunningMean.Span);
        RunningVar.Span.CopyTo(module.RunningVar.Span);
        module.Eval();
        return module;
    }

    /// <summary>x̂ = (z − μ)/√(σ² + ε): the module without γ and β, no gradient recorded.</summary>
    internal Tensor<double> Normalised(Tensor<double> z)
    {
        using var _ = Autograd.GradMode.NoGrad();
        return Module(affine: false).Forward(z.Detach());
    }

    /// <summary>∂y[j]/∂z[j] = γ[j]/√(σ²[j] + ε) by autodiff: the gradient of Σ y over one row with respect to that row (the map is diagonal).</summary>
    internal Tensor<double> Slope()
    {
        var z = Tensor<double>.FromArray(RunningMean.ToArray(), 1, Features);
        z.RequiresGrad = true;
        Module().Forward(z).Sum().Backward();
        return Tensor<double>.FromArray(z.Grad!.ToArray());
    }
}
