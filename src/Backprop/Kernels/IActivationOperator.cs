using System.Numerics;

namespace Backprop.Kernels;

/// <summary>
/// An elementwise activation y = f(x) with its derivative, as a small struct (the operator pattern of .NET's TensorPrimitives):
/// <see cref="Forward{TV, TM}"/> and <see cref="Derivative{TV, TM}"/> are written once over <see cref="ILaneMath{TV, T}"/> and
/// compiled by the JIT for the scalar, <c>Vector128</c>, <c>Vector256</c> and <c>Vector512</c>, so generic kernels specialised
/// for the struct call it with no virtual call per element. Instance members hold parameters (leaky ReLU's α, ELU's α).
/// </summary>
public interface IActivationOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>y = f(x) on every lane.</summary>
    TV Forward<TV, TM>(TV x) where TM : ILaneMath<TV, T>;

    /// <summary>f'(x) on every lane, given x and the cached y = f(x) (use whichever is cheaper).</summary>
    TV Derivative<TV, TM>(TV x, TV y) where TM : ILaneMath<TV, T>;

    /// <summary>True only for f(x) = x, so kernels may skip the pass and share buffers.</summary>
    static virtual bool IsIdentity => false;
}
