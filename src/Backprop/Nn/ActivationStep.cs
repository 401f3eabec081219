using System.Numerics;

namespace Backprop.Nn;

/// <summary>An <see cref="ActivationLayer{T}"/> in a plan: Y = f(X) elementwise (or per row: softmax);  dX = dY ⊙ f'(X).</summary>
internal sealed class ActivationStep<T>(Activation activation, int width, int maxRows) : LayerStep<T>(width, width, maxRows)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _y = new T[maxRows * width];

    public override Span<T> Output => _y;

    public override void Forward(ReadOnlySpan<T> x, int rows, bool training) => activation.ForwardRows(x[..(rows * Inputs)], _y.AsSpan(0, rows * Outputs), Inputs);

    public override void Backward(ReadOnlySpan<T> x, Span<T> dy, Span<T> dx, int rows)
    {
        int length = rows * Outputs;
        if (!dx.IsEmpty) activation.BackwardRows(x[..length], _y.AsSpan(0, length), dy[..length], dx[..length], Inputs);
    }
}
