using System.Text.Json;
using Backprop.Diagnostics;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Playground.Sessions;
using Backprop.Tensors;

namespace Backprop.Playground.Inspect;

/// <summary>
/// The last training step of a run as a <see cref="NetworkSpec"/>: the weights before it, its batch, the loss and the learning rate —
/// what <c>backprop explain --spec</c> reads, so the page's walk-through and the command line's are the same computation.
/// </summary>
internal static class LastStep
{
    /// <summary>The spec of the run's last step.</summary>
    /// <exception cref="BackpropException">No step has been taken yet.</exception>
    public static NetworkSpec Spec(TrainingRun run)
    {
        var (x, y, rows) = run.LastBatch;
        if (rows == 0) throw BackpropException.BadSetting("no step has been taken yet; press Step or Play first");
        var layers = run.Layers.Select((l, i) => new LayerSpec(Tensor<double>.FromArray([.. run.WeightsBefore[i]], l.Inputs, l.Outputs),
            Tensor<double>.FromArray([.. run.BiasesBefore[i]], l.Outputs), l.Activation)).ToList();
        var targets = run.Loss is CrossEntropy ? Tensor<double>.FromArray(y.ToArray(), rows) : Tensor<double>.FromArray(y.ToArray(), rows, y.Length / rows);
        return new NetworkSpec(layers, run.Loss, Tensor<double>.FromArray(x.ToArray(), rows, x.Length / rows), targets, run.Settings.LearningRate)
        {
            Source = $"the playground's step {run.Steps}",
        };
    }

    /// <summary>The spec as the JSON <see cref="NetworkSpec.Parse"/> reads.</summary>
    public static string Json(NetworkSpec spec)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("layers");
            foreach (var layer in spec.Layers)
            {
                json.WriteStartObject();
                json.WritePropertyName("w");
                Matrix(json, layer.W);
                json.WritePropertyName("b");
                Vector(json, layer.B.Span);
                json.WriteString("act", layer.Activation.ToString());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("loss", spec.Loss.Name);
            json.WritePropertyName("x");
            Matrix(json, spec.X);
            json.WritePropertyName("y");
            if (spec.Y.Rank == 1) Vector(json, spec.Y.Span);
            else Matrix(json, spec.Y);
            json.WriteNumber("lr", spec.LearningRate);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Matrix(Utf8JsonWriter json, Tensor<double> m)
    {
        json.WriteStartArray();
        for (int r = 0; r < m.Shape[0]; r++) Vector(json, m.Span.Slice(r * m.Shape[1], m.Shape[1]));
        json.WriteEndArray();
    }

    private static void Vector(Utf8JsonWriter json, ReadOnlySpan<double> values)
    {
        json.WriteStartArray();
        foreach (double v in values) json.WriteNumberValue(v);
        json.WriteEndArray();
    }
}
