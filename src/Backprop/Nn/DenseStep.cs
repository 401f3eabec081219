using System.Numerics;
using System.Runtime.CompilerServices;
using Backprop.Kernels;

namespace Backprop.Nn;

/// <summary>A <see cref="Dense{T}"/> layer in a plan: Z = X·W + b, A = f(Z) through the layer's fused kernel (a row-wise f, softmax, after an
/// identity kernel); backward dZ = dA ⊙ f'(Z) (softmax: A ⊙ (dA − Σ A⊙dA) per row), dW = Xᵀ·dZ, db = Σ_rows dZ, dX = dZ·Wᵀ.
/// In a layer of 80 inputs or more, a batch with fewer than 1 in 16 entries non-zero (one-hot blocks) reads X·W and Xᵀ·dZ as row lookups (<see cref="SparseRows{T}"/>).</summary>
internal sealed class DenseStep<T> : LayerStep<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dense<T> _layer;
    private readonly IDenseKernel<T> _kernel;
    private readonly Activation? _rowWise; // an activation over whole rows, applied after the identity kernel
    private readonly T[] _z, _a;
    private T[]? _dz;
    private SparseRows<T>? _sparse; // made on the first forward of a layer wide enough to gain (SparseRows.Worth)
    private bool _sparseBatch; // whether the last forward's X was read sparse (backward reads the same X)

    /// <summary>How many forward passes took the sparse path (for tests).</summary>
    internal int SparseBatches { get; private set; }

    public DenseStep(Dense<T> layer, int maxRows) : base(layer.Inputs, layer.Outputs, maxRows)
    {
        _layer = layer;
        _kernel = layer.Kernel;
        _rowWise = layer.Activation.IsElementwise ? null : layer.Activation;
        _z = new T[maxRows * Outputs];
        _a = _kernel.IsIdentity && _rowWise is null ? _z : new T[_z.Length];
    }

    public override Span<T> Output => _a;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Forward(ReadOnlySpan<T> x, int rows, bool training)
    {
        if (_sparse is null && SparseRows<T>.Worth(Inputs)) _sparse = new SparseRows<T>(MaxRows, Inputs);
        _sparseBatch = _sparse is not null && _sparse.TryGather(x, rows);
        if (_sparseBatch)
        {
            SparseBatches++;
            _sparse!.Forward(_layer.W.Span, _layer.B.Span, _z, rows, Outputs);
            if (_rowWise is null) { _kernel.Activate(_z, _a, rows, Outputs); return; }
            _rowWise.ForwardRows<T>(_z.AsSpan(0, rows * Outputs), _a.AsSpan(0, rows * Outputs), Outputs);
            return;
        }
        if (_rowWise is null) { _kernel.Forward(x, _layer.W.Span, _layer.B.Span, _z, _a, rows, Inputs, Outputs); return; }
        _kernel.Forward(x, _layer.W.Span, _layer.B.Span, _z, _z, rows, Inputs, Outputs);
        _rowWise.ForwardRows<T>(_z.AsSpan(0, rows * Outputs), _a.AsSpan(0, rows * Outputs), Outputs);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Backward(ReadOnlySpan<T> x, Span<T> dy, Span<T> dx, int rows)
    {
        // dZ shares dA's memory when there is no activation (the kernel skips the copy); else a buffer made on the first backward.
        Span<T> dz = _kernel.IsIdentity && _rowWise is null ? dy : (_dz ??= new T[_z.Length]);
        if (_rowWise is not null)
        {
            int length = rows * Outputs;
            _rowWise.BackwardRows<T>(_z.AsSpan(0, length), _a.AsSpan(0, length), dy[..length], dz[..length], Outputs);
            dy = dz; // the identity kernel takes dZ as its dA
        }
        var dw = _layer.W.GradBuffer().Span;
        _kernel.Backward(x, _layer.W.Span, _z, _rowWise is null ? _a : _z, dy, dz, dx, _sparseBatch ? default : dw, _layer.B.GradBuffer().Span,
            accumulate: false, rows, Inputs, Outputs);
        if (_sparseBatch) _sparse!.WeightGradient(dz, dw, accumulate: false, rows, Outputs); // dz holds dZ after the kernel's backward
    }
}
