using System.Text.Json;
using Backprop.Tensors;

namespace Backprop.Diagnostics;

/// <summary>Tensors as JSON arrays, as <see cref="NetworkSpec.Parse"/> reads them: numbers in the shortest form that reads back to the same double.</summary>
public static class TensorJson
{
    /// <summary>Writes a vector as <c>[..]</c>, a matrix as <c>[[..], ..]</c> (one inner array per row).</summary>
    /// <exception cref="ArgumentException">The tensor has more than two dimensions.</exception>
    public static void Write(Utf8JsonWriter json, Tensor<double> value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (value.Rank == 1) { WriteRow(json, value.Span); return; }
        if (value.Rank != 2) throw new ArgumentException($"A tensor of rank {value.Rank} has no JSON form here; only vectors and matrices.", nameof(value));
        int columns = value.Shape[1];
        json.WriteStartArray();
        for (int r = 0; r < value.Shape[0]; r++) WriteRow(json, value.Span.Slice(r * columns, columns));
        json.WriteEndArray();
    }

    private static void WriteRow(Utf8JsonWriter json, ReadOnlySpan<double> row)
    {
        json.WriteStartArray();
        foreach (var v in row) json.WriteNumberValue(v);
        json.WriteEndArray();
    }
}
