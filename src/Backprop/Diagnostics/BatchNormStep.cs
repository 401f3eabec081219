using Backprop.Tensors;

namespace Backprop.Diagnostics;

/// <summary>
/// The values of a layer's batch normalisation (evaluation mode) for the rows explained; the model numbers it as its own layer, after the
/// Dense layer whose Z it reads. Gradients are the engine's autodiff results, null when there is no loss (forward pass only).
/// </summary>
/// <param name="Index">Its layer number, as the model names its parameters (<c>layerK.weight</c> is γ, <c>layerK.bias</c> is β).</param>
/// <param name="Norm">γ, β, the running statistics and ε.</param>
/// <param name="XHat">x̂ = (Z − running_mean)/√(running_var + ε).</param>
/// <param name="Y">Y = γ·x̂ + β, what the activation reads.</param>
/// <param name="Slope">∂y[j]/∂z[j] = γ[j]/√(running_var[j] + ε) by autodiff, per feature (the local derivative is this diagonal).</param>
/// <param name="DY">dL/dY, or null.</param>
/// <param name="DGamma">dL/dγ = Σ_rows dY ⊙ x̂, or null.</param>
/// <param name="DBeta">dL/dβ = Σ_rows dY, or null.</param>
public sealed record BatchNormStep(int Index, EvalBatchNorm Norm, Tensor<double> XHat, Tensor<double> Y, Tensor<double> Slope,
    Tensor<double>? DY = null, Tensor<double>? DGamma = null, Tensor<double>? DBeta = null);
