using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn.Inits;

/// <summary>scikit-learn's <c>MLPClassifier</c>/<c>MLPRegressor</c> default: W ~ U(-a, a) and b ~ U(-a, a), a = √(6 / (in + out)), b drawn after W.</summary>
public sealed class SklearnUniform : Initializer
{
    /// <inheritdoc/>
    public override string Name => "sklearn_uniform";

    /// <inheritdoc/>
    public override Tensor<T> Weights<T>(int fanIn, int fanOut, Rng rng) => Tensor<T>.RandomUniform(rng, -Inits.GlorotUniform.Limit(fanIn, fanOut), Inits.GlorotUniform.Limit(fanIn, fanOut), fanIn, fanOut);

    /// <inheritdoc/>
    public override Tensor<T> Bias<T>(int fanIn, int fanOut, Rng rng) => Tensor<T>.RandomUniform(rng, -Inits.GlorotUniform.Limit(fanIn, fanOut), Inits.GlorotUniform.Limit(fanIn, fanOut), fanOut);
}
