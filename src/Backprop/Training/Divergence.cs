using System.Numerics;
using System.Runtime.CompilerServices;
using Backprop.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Training;

/// <summary>Finds where a step went non-finite: one vectorised sum per gradient (allocation-free) on every step, the diagnosis only when one is found.</summary>
internal static class Divergence
{
    /// <summary>Null when <paramref name="loss"/> and every gradient are finite; else what went NaN or infinite and where (parameter names as <c>layer2.w</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string? Find<T>(double loss, (string Name, Tensor<T> Value)[] parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool finite = double.IsFinite(loss);
        foreach (var (_, p) in parameters)
            if (p.Grad is { } g && !Finite(g.Span)) finite = false;
        if (finite) return null;
        var parts = new List<string>();
        if (!double.IsFinite(loss)) parts.Add($"the loss became {(double.IsNaN(loss) ? "NaN" : "infinite")}");
        foreach (var (name, p) in parameters)
            if (Bad(p.Span) is { } kind) { parts.Add($"parameter {name} holds {kind} values"); break; }
        for (int i = parameters.Length - 1; i >= 0; i--) // backpropagation reaches the output side first
            if (parameters[i].Value.Grad is { } g && Bad(g.Span) is { } kind) { parts.Add($"the gradient of {parameters[i].Name} became {kind} first (counting from the output)"); break; }
        return string.Join(", ", parts);
    }

    // Whether every value is finite: a sum at memory speed decides it unless the sum is not finite, which a NaN or infinity makes
    // it, and so can finite values whose sum overflows; then the exact search decides.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Finite<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.IsFinite(TensorPrimitives.Sum(values)) || Bad(values) is null;

    // "NaN" or "infinite" when a value is, else null: the value of largest magnitude is the first NaN if any, else an infinity if any.
    private static string? Bad<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (values.IsEmpty) return null;
        T v = values[TensorPrimitives.IndexOfMaxMagnitude(values)];
        return T.IsNaN(v) ? "NaN" : T.IsInfinity(v) ? "infinite" : null;
    }
}
