using System.Text.Json;
using Backprop.Diagnostics;
using Backprop.Tensors;

namespace Backprop.Cli.Explain;

/// <summary>
/// The step for programs: <c>{"loss": L, "grads": [{"w", "b"}], "updated": [{"w", "b"}], "forward": [{"z", "a"}]}</c>, one entry per
/// layer, numbers in the shortest form that reads back to the same double. A spec of modules gives
/// <c>{"loss", "modules": [{"path", "module", "note", "forward", "backward"}], "grads": {name: value}, "updated": {name: value}}</c>.
/// </summary>
internal static class ExplainJsonRenderer
{
    public static void Write(StepExplanation step, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("loss", step.Loss);
            if (step.Modules is { } modules)
            {
                RowJsonRenderer.WriteModules(json, modules);
                foreach (var (name, value) in new (string, Func<ParameterUpdate, Tensor<double>>)[] { ("grads", u => u.Gradient), ("updated", u => u.After) })
                {
                    json.WriteStartObject(name);
                    foreach (var u in step.Updates!) RowJsonRenderer.Tensor(json, u.Name, value(u));
                    json.WriteEndObject();
                }
            }
            else
            {
                WriteLayers(json, "grads", step, l => [("w", l.DW), ("b", l.DB)]);
                WriteLayers(json, "updated", step, l => [("w", l.WUpdated), ("b", l.BUpdated)]);
                WriteLayers(json, "forward", step, l => [("z", l.Z), ("a", l.A)]);
            }
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteLayers(Utf8JsonWriter json, string name, StepExplanation step, Func<LayerStep, (string, Tensor<double>)[]> fields)
    {
        json.WriteStartArray(name);
        foreach (var layer in step.Layers)
        {
            json.WriteStartObject();
            foreach (var (field, value) in fields(layer))
            {
                json.WritePropertyName(field);
                TensorJson.Write(json, value);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
