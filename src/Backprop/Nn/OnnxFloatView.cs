using System.Collections;
using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>A tensor's values read as float32 when asked, without a copy: an ONNX initializer written straight from the model's weights.</summary>
internal sealed class OnnxFloatView<T>(Tensor<T> tensor) : IReadOnlyList<float> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public float this[int index] => float.CreateTruncating(tensor.Span[index]);

    /// <inheritdoc/>
    public int Count => tensor.Length;

    /// <inheritdoc/>
    public IEnumerator<float> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
