using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>
/// The activations as methods of a tensor (<c>x.Relu()</c>, <c>x.Apply(activation)</c>): y = f(x) elementwise, recorded for
/// backward as one node. They live with the activations (Nn), not in Tensors, so Tensors references nothing above Ops.
/// </summary>
public static class TensorActivations
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>f(x) for any activation (softmax included), recorded for backward.</summary>
        public Tensor<T> Apply(Activation activation) => activation.Apply(x);
        /// <summary>σ(x) = 1/(1 + e⁻ˣ)</summary>
        public Tensor<T> Sigmoid() => x.Apply(Activation.Sigmoid);
        /// <summary>tanh x</summary>
        public Tensor<T> Tanh() => x.Apply(Activation.Tanh);
        /// <summary>max(0, x)</summary>
        public Tensor<T> Relu() => x.Apply(Activation.Relu);
        /// <summary>x if x &gt; 0 else αx</summary>
        public Tensor<T> LeakyRelu(T alpha) => x.Apply(Activation.LeakyRelu(double.CreateTruncating(alpha)));
        /// <summary>x·Φ(x) (exact GELU)</summary>
        public Tensor<T> Gelu() => x.Apply(Activation.Gelu);
        /// <summary>x·σ(x) (SiLU, swish)</summary>
        public Tensor<T> Silu() => x.Apply(Activation.Silu);
        /// <summary>x if x &gt; 0 else α(eˣ - 1)</summary>
        public Tensor<T> Elu(T alpha) => x.Apply(Activation.Elu(double.CreateTruncating(alpha)));
        /// <summary>ln(1 + eˣ)</summary>
        public Tensor<T> Softplus() => x.Apply(Activation.Softplus);
        /// <summary>x (recorded, so it shows in the graph)</summary>
        public Tensor<T> Identity() => x.Apply(Activation.Identity);
    }
}
