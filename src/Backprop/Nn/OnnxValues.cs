using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>Helpers for modules writing their ONNX nodes (<see cref="Module{T}.WriteOnnx"/>).</summary>
public static class OnnxValues
{
    /// <summary>A tensor's values as float32, ONNX's type for the graph.</summary>
    public static float[] Floats<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new float[t.Length];
        var span = t.Span;
        for (int i = 0; i < values.Length; i++) values[i] = float.CreateTruncating(span[i]);
        return values;
    }

    /// <summary>A tensor's values as float32, read when the ONNX file is written (no copy held meanwhile): the tensor must not change until then.</summary>
    internal static IReadOnlyList<float> View<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T> => new OnnxFloatView<T>(t);
}
