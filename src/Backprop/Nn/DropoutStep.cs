using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Nn;

/// <summary>A <see cref="Dropout{T}"/> layer in a plan: training Y = X ⊙ M with the layer's next mask M, dX = dY ⊙ M; evaluation Y = X.</summary>
internal sealed class DropoutStep<T>(Dropout<T> layer, int width, int maxRows) : LayerStep<T>(width, width, maxRows)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _y = new T[maxRows * width], _mask = new T[maxRows * width];
    private bool _masked; // whether the last forward applied a mask

    public override Span<T> Output => _y;

    public override void Forward(ReadOnlySpan<T> x, int rows, bool training)
    {
        int length = rows * Inputs;
        _masked = training && layer.IsTraining && layer.P > 0;
        if (!_masked) { x[..length].CopyTo(_y); return; }
        layer.FillMask(_mask.AsSpan(0, length));
        TensorPrimitives.Multiply(x[..length], _mask.AsSpan(0, length), _y.AsSpan(0, length));
    }

    public override void Backward(ReadOnlySpan<T> x, Span<T> dy, Span<T> dx, int rows)
    {
        int length = rows * Outputs;
        if (dx.IsEmpty) return;
        if (!_masked) dy[..length].CopyTo(dx);
        else TensorPrimitives.Multiply(dy[..length], _mask.AsSpan(0, length), dx[..length]);
    }
}
