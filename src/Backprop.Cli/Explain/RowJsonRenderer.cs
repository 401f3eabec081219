using System.Text.Json;
using Backprop.Diagnostics;

namespace Backprop.Cli.Explain;

/// <summary>
/// One row's explanation for programs: <c>{"file", "row", "line", "features": [{"name", "raw", "scaled"}], "target", "forward": [{"layer", "z",
/// "batch_norm", "a", "slope"}], "output", "output_target_units", "predicted_class", "loss", "grads": [{"layer", "w", "b", "dz", "batch_norm"}], "notes", "attributions"}</c> ("attributions": see <see cref="AttributionRenderer"/>),
/// every value in full; "loss" and "grads" are null without a target. A layer's "batch_norm" is null, or in "forward"
/// <c>{"layer", "xhat", "z", "slope"}</c> (its output z = γ·x̂ + β and ∂z/∂z_in = γ/√(var + ε)) and in "grads" <c>{"layer", "weight", "bias", "dz"}</c>
/// (dL/dγ, dL/dβ, dL/d its output); "layer" is the number the model names the parameters with (layerK.w, layerK.weight).
/// A network shown module by module (layer norm, residual blocks) has empty "forward", null "grads" and a "modules" array after "forward":
/// <c>{"path", "module", "note", "forward": [{"name", "formula", "value"}], "backward": [{"name", "formula", "parameter", "value"}]}</c>.
/// </summary>
internal static class RowJsonRenderer
{
    public static void Write(RowExplanation row, string file, int number, int line, TextWriter output, RowAttribution? attribution = null)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("file", file);
            json.WriteNumber("row", number);
            json.WriteNumber("line", line);
            json.WriteStartArray("features");
            for (int j = 0; j < row.RawFeatures.Count; j++)
            {
                json.WriteStartObject();
                json.WriteString("name", row.FeatureNames[j]);
                json.WriteNumber("raw", row.RawFeatures[j]);
                json.WriteNumber("scaled", row.ScaledFeatures[j]);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WriteTarget(json, row.Target);
            json.WriteStartArray("forward");
            for (int i = 0; i < row.Forward.Count; i++)
            {
                json.WriteStartObject();
                json.WriteNumber("layer", row.Forward[i].Index);
                json.WriteString("activation", row.Forward[i].ActivationInLoss ? $"{row.Forward[i].Activation} (inside the loss)" : row.Forward[i].Activation.ToString());
                Tensor(json, "z", row.Forward[i].Z);
                if (row.Forward[i].Norm is { } norm)
                {
                    json.WriteStartObject("batch_norm");
                    json.WriteNumber("layer", norm.Index);
                    Tensor(json, "xhat", norm.XHat);
                    Tensor(json, "z", norm.Y);
                    Tensor(json, "slope", norm.Slope);
                    json.WriteEndObject();
                }
                else json.WriteNull("batch_norm");
                Tensor(json, "a", row.Forward[i].A);
                if (row.Slopes[i] is { } slope) Tensor(json, "slope", slope); else json.WriteNull("slope");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (row.Modules is { } modules) WriteModules(json, modules);
            Tensor(json, "output", row.Output);
            if (row.OutputInTargetUnits is { } units) Tensor(json, "output_target_units", units); else json.WriteNull("output_target_units");
            if (row.PredictedClass is { } c) json.WriteNumber("predicted_class", c); else json.WriteNull("predicted_class");
            if (row.Step is { } step)
            {
                json.WriteNumber("loss", step.Loss);
                json.WriteStartArray("grads");
                foreach (var l in step.Layers)
                {
                    json.WriteStartObject();
                    json.WriteNumber("layer", l.Index);
                    Tensor(json, "w", l.DW);
                    Tensor(json, "b", l.DB);
                    Tensor(json, "dz", l.DZ);
                    if (l.Norm is { } norm)
                    {
                        json.WriteStartObject("batch_norm");
                        json.WriteNumber("layer", norm.Index);
                        Tensor(json, "weight", norm.DGamma!);
                        Tensor(json, "bias", norm.DBeta!);
                        Tensor(json, "dz", norm.DY!);
                        json.WriteEndObject();
                    }
                    else json.WriteNull("batch_norm");
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            else if (row.ModuleLoss is { } loss) { json.WriteNumber("loss", loss); json.WriteNull("grads"); }
            else { json.WriteNull("loss"); json.WriteNull("grads"); }
            json.WriteStartArray("notes");
            foreach (var note in row.Notes) json.WriteStringValue(note);
            json.WriteEndArray();
            if (attribution is not null) AttributionRenderer.WriteJson(json, attribution);
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    // Each module's values through its explain face: {"path", "module", "note", "forward": [{"name", "formula", "value"}], "backward": [{"name", "formula", "parameter", "value"}]}.
    internal static void WriteModules(Utf8JsonWriter json, IReadOnlyList<Backprop.Nn.ExplainedModule> modules)
    {
        json.WriteStartArray("modules");
        foreach (var m in modules)
        {
            json.WriteStartObject();
            json.WriteString("path", m.Path);
            json.WriteString("module", m.Module);
            if (m.Note is { } note) json.WriteString("note", note); else json.WriteNull("note");
            foreach (var (name, values) in new[] { ("forward", m.Forward), ("backward", m.Backward) })
            {
                json.WriteStartArray(name);
                foreach (var v in values)
                {
                    json.WriteStartObject();
                    json.WriteString("name", v.Name);
                    json.WriteString("formula", v.Formula);
                    if (v.Parameter is { } p) json.WriteString("parameter", p);
                    Tensor(json, "value", v.Value);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteTarget(Utf8JsonWriter json, RowTarget? target)
    {
        if (target is null) { json.WriteNull("target"); return; }
        json.WriteStartObject("target");
        json.WriteStartArray("raw");
        foreach (var v in target.Raw) json.WriteNumberValue(v);
        json.WriteEndArray();
        json.WriteStartArray("scaled");
        foreach (var v in target.Scaled) json.WriteNumberValue(v);
        json.WriteEndArray();
        if (target.ClassName is { } c) json.WriteString("class", c);
        json.WriteEndObject();
    }

    internal static void Tensor(Utf8JsonWriter json, string name, Backprop.Tensors.Tensor<double> value)
    {
        json.WritePropertyName(name);
        Backprop.Diagnostics.TensorJson.Write(json, value);
    }
}
