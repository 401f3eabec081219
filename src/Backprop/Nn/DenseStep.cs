using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Nn;

/// <summary>A <see cref="Dense{T}"/> layer in a plan: Z = X·W + b, A = f(Z) through the layer's fused kernel; backward dZ = dA ⊙ f'(Z), dW = Xᵀ·dZ, db = Σ_rows dZ, dX = dZ·Wᵀ.</summary>
internal sealed class DenseStep<T> : LayerStep<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dense<T> _layer;
    private readonly IDenseKernel<T> _kernel;
    private readonly T[] _z, _a;
    private T[]? _dz;

    public DenseStep(Dense<T> layer, int maxRows) : base(layer.Inputs, layer.Outputs, maxRows)
    {
        _layer = layer;
        _kernel = layer.Kernel;
        _z = new T[maxRows * Outputs];
        _a = _kernel.IsIdentity ? _z : new T[_z.Length];
    }

    public override Span<T> Output => _a;

    public override void Forward(ReadOnlySpan<T> x, int rows, bool training)
        => _kernel.Forward(x, _layer.W.Span, _layer.B.Span, _z, _a, rows, Inputs, Outputs);

    public override void Backward(ReadOnlySpan<T> x, Span<T> dy, Span<T> dx, int rows)
    {
        // dZ shares dA's memory when there is no activation (the kernel skips the copy); else a buffer made on the first backward.
        Span<T> dz = _kernel.IsIdentity ? dy : (_dz ??= new T[_z.Length]);
        _kernel.Backward(x, _layer.W.Span, _z, _a, dy, dz, dx, _layer.W.GradBuffer().Span, _layer.B.GradBuffer().Span,
            accumulate: false, rows, Inputs, Outputs);
    }
}
