using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Tests.Nn;

/// <summary>
/// Each built-in initialiser draws exactly what the enum-and-switch version drew (kept below verbatim as the reference), bit for bit,
/// weights then bias from one <see cref="Rng"/>, so a seed gives the same model as before the registry.
/// </summary>
public class InitDrawsTests
{
    public static TheoryData<string> Names => [.. new[] { "glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "lecun_uniform", "lecun_normal", "orthogonal", "torch_linear", "sklearn_uniform", "zeros" }];

    [Theory]
    [MemberData(nameof(Names))]
    public void EachBuiltInDrawsWhatTheSwitchDrew(string name)
    {
        foreach (var (fanIn, fanOut) in new[] { (7, 5), (3, 9), (64, 64) })
        {
            var init = Initializers.Parse(name);
            Rng now = new(42), then = new(42);
            Assert.Equal(Reference.Weights<float>(name, fanIn, fanOut, then).ToArray(), init.Weights<float>(fanIn, fanOut, now).ToArray());
            Assert.Equal(Reference.Bias<float>(name, fanIn, fanOut, then).ToArray(), init.Bias<float>(fanIn, fanOut, now).ToArray());
            Assert.Equal(then.NextUInt64(), now.NextUInt64()); // the same number of draws
        }
    }

    [Fact]
    public void DefaultResolvesByTheActivation()
    {
        Assert.Same(Initializer.HeNormal, Initializer.Default.For(Activation.Relu));
        Assert.Same(Initializer.GlorotUniform, Initializer.Default.For(Activation.Tanh));
        Assert.Same(Initializer.Zeros, Initializer.Zeros.For(Activation.Relu));
        Assert.Throws<ArgumentException>(() => Initializer.Default.Weights<float>(2, 2, new Rng(1)));
    }

    /// <summary>Init.Weights and Init.Bias as they were before initialisers were registered.</summary>
    private static class Reference
    {
        public static Tensor<T> Weights<T>(string kind, int fanIn, int fanOut, Rng rng) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            double glorotLimit = Math.Sqrt(6.0 / (fanIn + fanOut)), heLimit = Math.Sqrt(6.0 / fanIn), lecunLimit = Math.Sqrt(3.0 / fanIn);
            return kind switch
            {
                "glorot_uniform" or "sklearn_uniform" => Tensor<T>.RandomUniform(rng, -glorotLimit, glorotLimit, fanIn, fanOut),
                "glorot_normal" => Tensor<T>.RandomNormal(rng, 0, Math.Sqrt(2.0 / (fanIn + fanOut)), fanIn, fanOut),
                "he_uniform" => Tensor<T>.RandomUniform(rng, -heLimit, heLimit, fanIn, fanOut),
                "he_normal" => Tensor<T>.RandomNormal(rng, 0, Math.Sqrt(2.0 / fanIn), fanIn, fanOut),
                "lecun_uniform" => Tensor<T>.RandomUniform(rng, -lecunLimit, lecunLimit, fanIn, fanOut),
                "lecun_normal" => Tensor<T>.RandomNormal(rng, 0, Math.Sqrt(1.0 / fanIn), fanIn, fanOut),
                "orthogonal" => OrthogonalMatrix.Draw<T>(fanIn, fanOut, rng),
                "torch_linear" => Tensor<T>.RandomUniform(rng, -1 / Math.Sqrt(fanIn), 1 / Math.Sqrt(fanIn), fanIn, fanOut),
                _ => Tensor<T>.Zeros(fanIn, fanOut),
            };
        }

        public static Tensor<T> Bias<T>(string kind, int fanIn, int fanOut, Rng rng) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => kind switch
        {
            "torch_linear" => Tensor<T>.RandomUniform(rng, -1 / Math.Sqrt(fanIn), 1 / Math.Sqrt(fanIn), fanOut),
            "sklearn_uniform" => Tensor<T>.RandomUniform(rng, -Math.Sqrt(6.0 / (fanIn + fanOut)), Math.Sqrt(6.0 / (fanIn + fanOut)), fanOut),
            _ => Tensor<T>.Zeros(fanOut),
        };
    }
}
