using System.Numerics;

namespace Backprop.Ops;

/// <summary>
/// An elementwise function y = f(x) with its derivative. Implemented by small structs so that the
/// generic node and the fused dense kernel are specialised for each one, with no virtual call per element.
/// </summary>
public interface IUnaryFn<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The function's name as shown in reports.</summary>
    string Name { get; }

    /// <summary>y = f(x).</summary>
    void Forward(ReadOnlySpan<T> x, Span<T> y);

    /// <summary>dx = dy ⊙ f'(x), where f' may be computed from x or from the cached output y.</summary>
    void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx);
}
