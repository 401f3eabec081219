using System.Text.Json;
using System.Text.Json.Nodes;
using Backprop.Data;
using Backprop.Errors;
using Backprop.Nn;

namespace Backprop.IO;

/// <summary>
/// <see cref="ModelMetadata"/> as safetensors <c>__metadata__</c> strings. Keys: <c>backprop_version</c>, <c>task</c>, <c>target_name</c>
/// (plain text); <c>architecture</c> <c>{"sizes", "activations", "loss", "torch", "batch_norm"}</c> (<c>batch_norm</c>, one
/// <c>{"eps", "momentum"}</c> (and <c>"affine": false</c> without γ and β) or null per Dense layer, only when some layer has batch norm), <c>feature_names</c>, <c>class_names</c>,
/// <c>scaler</c> <c>{"kind", "offsets", "scales"}</c>, <c>columns</c> <c>{"names", "header", "separator", "target", "features"}</c>,
/// <c>training</c> <c>{name: text}</c> (JSON text). Any other key is kept in <see cref="ModelMetadata.Other"/>.
/// </summary>
internal static class MetadataCodec
{
    private static readonly string[] Known = ["backprop_version", "architecture", "task", "feature_names", "target_name", "class_names", "scaler", "target_scaler", "columns", "training", "modules", "loss"];

    public static Dictionary<string, string> Encode(ModelMetadata m, Architecture? architecture)
    {
        var d = new Dictionary<string, string>(m.Other.Where(p => !Known.Contains(p.Key)).ToDictionary()) { ["backprop_version"] = ModelMetadata.LibraryVersion };
        if (m.Modules is { } modules) d["modules"] = modules.ToJson().ToJsonString();
        if ((m.Loss ?? architecture?.Loss) is { } lossName) d["loss"] = lossName;
        if (architecture is not null) EncodeArchitecture(d, architecture);
        EncodeRest(d, m);
        return d;
    }

    private static void EncodeArchitecture(Dictionary<string, string> d, Architecture architecture)
    {
        var arch = new JsonObject
        {
            ["sizes"] = new JsonArray([.. architecture.Sizes.Select(s => (JsonNode)s)]),
            ["activations"] = new JsonArray([.. architecture.Activations.Select(a => (JsonNode)a.ToString())]),
            ["loss"] = architecture.Loss,
            ["torch"] = architecture.TorchModules(),
        };
        if (architecture.BatchNorm is { } norms)
            arch["batch_norm"] = new JsonArray([.. norms.Select(n => n is null ? null : (JsonNode)(n.Affine
                ? new JsonObject { ["eps"] = n.Eps, ["momentum"] = n.Momentum }
                : new JsonObject { ["eps"] = n.Eps, ["momentum"] = n.Momentum, ["affine"] = false }))]);
        d["architecture"] = arch.ToJsonString();
    }

    private static void EncodeRest(Dictionary<string, string> d, ModelMetadata m)
    {
        if (m.Task is { } task) d["task"] = task.FileName();
        if (m.FeatureNames is { } f) d["feature_names"] = JsonSerializer.Serialize(f, PlainJson.Default.IReadOnlyListString);
        if (m.TargetName is { } t) d["target_name"] = t;
        if (m.ClassNames is { } c) d["class_names"] = JsonSerializer.Serialize(c, PlainJson.Default.IReadOnlyListString);
        if (m.Scaler is { } s) d["scaler"] = new JsonObject { ["kind"] = s.Kind, ["offsets"] = Numbers(s.Offsets), ["scales"] = Numbers(s.Scales) }.ToJsonString();
        if (m.TargetScaler is { } ts) d["target_scaler"] = new JsonObject { ["kind"] = ts.Kind, ["offsets"] = Numbers(ts.Offsets), ["scales"] = Numbers(ts.Scales) }.ToJsonString();
        if (m.Schema is { } sc) d["columns"] = SchemaJson(sc).ToJsonString();
        if (m.Training.Count > 0) d["training"] = JsonSerializer.Serialize(m.Training, PlainJson.Default.IReadOnlyDictionaryStringString);
    }

    // The column layout as the model file's "columns" object; "more_targets" only for several targets and "encoders" only for encoded
    // columns, so files of one numeric target read as before.
    private static JsonObject SchemaJson(TabularSchema sc)
    {
        var o = new JsonObject
        {
            ["names"] = new JsonArray([.. sc.Columns.Select(n => (JsonNode)n)]), ["header"] = sc.HasHeader, ["separator"] = sc.Separator,
            ["target"] = sc.TargetColumn, ["features"] = new JsonArray([.. sc.FeatureColumns.Select(i => (JsonNode)i)]),
        };
        if (sc.MoreTargetColumns.Count > 0) o["more_targets"] = new JsonArray([.. sc.MoreTargetColumns.Select(i => (JsonNode)i)]);
        if (sc.Encoders is { } encoders)
            o["encoders"] = new JsonArray([.. encoders.Select(e => (JsonNode)new JsonObject
                { ["type"] = e.Type, ["column"] = e.Column, ["settings"] = JsonNode.Parse(e.Settings) })]);
        return o;
    }

    private static JsonArray Numbers(double[] values) => new([.. values.Select(v => (JsonNode)v)]);

    /// <summary>The metadata the strings describe, each value checked on its own (see <see cref="MetadataChecks"/> for how they fit the tensors).</summary>
    public static ModelMetadata Decode(IReadOnlyDictionary<string, string> d, string path)
    {
        T? Get<T>(string key, Func<JsonNode, T> read) where T : class
        {
            if (!d.TryGetValue(key, out var text)) return null;
            try { return read(MetadataJson.Parse(text, modules: key == "modules")); }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                string reason = e is FormatException ? e.Message.TrimEnd('.') : "a string that is not valid text";
                throw BackpropException.BadInput($"{path}: __metadata__ \"{key}\" is not valid ({reason}).", e);
            }
        }
        var task = d.GetValueOrDefault("task") switch
        {
            null => (TaskKind?)null,
            "classification" => TaskKind.Classification,
            "regression" => TaskKind.Regression,
            var other => throw BackpropException.BadInput($"{path}: __metadata__ \"task\" is \"{other}\"; expected classification or regression."),
        };
        var classes = Get("class_names", n => MetadataJson.Strings(n, "class_names"));
        var architecture = Get("architecture", ReadArchitecture);
        string? loss = d.GetValueOrDefault("loss") ?? architecture?.Loss;
        if (loss is not null)
        {
            Loss parsed;
            try { parsed = Loss.Parse(loss); }
            catch (FormatException e) { throw BackpropException.BadInput($"{path}: __metadata__ \"loss\" is not valid ({e.Message.TrimEnd('.')}).", e); }
            // The task names how the outputs are read (classes or values): one that contradicts the loss's output would score the model wrongly.
            if (task is { } said && said.IsClassification() != parsed.IsClassification)
                throw BackpropException.BadInput($"{path}: __metadata__ \"task\" is {TaskKinds.FileName(said)}, but the model's loss {loss} is for {TaskKinds.FileName(parsed.Task)}{(parsed.OutputActivation is { } output ? $" (its output is {output})" : "")}: the file contradicts itself.");
        }
        return new ModelMetadata
        {
            Modules = Get("modules", n => ModuleSpec.Parse(n)),
            Loss = loss,
            Architecture = architecture,
            Task = task,
            FeatureNames = Get("feature_names", n => MetadataJson.Strings(n, "feature_names")),
            TargetName = d.GetValueOrDefault("target_name"),
            ClassNames = classes,
            Scaler = Get("scaler", ReadScaler),
            TargetScaler = Get("target_scaler", ReadScaler),
            Schema = task is null ? null : Get("columns", n => ReadSchema(n, task.Value, classes)),
            Training = Get("training", n => (n as JsonObject ?? throw new FormatException("expected a JSON object"))
                .ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : p.Value?.ToJsonString() ?? "")) ?? [],
            Version = d.GetValueOrDefault("backprop_version"),
            Other = d.Where(p => !Known.Contains(p.Key)).ToDictionary(),
        };
    }

    private static Architecture ReadArchitecture(JsonNode n)
    {
        string? loss = n is JsonObject o && o["loss"] is { } l ? MetadataJson.String(l, "loss") : null;
        if (loss is not null) Loss.Parse(loss);
        return new Architecture(MetadataJson.Ints(MetadataJson.Field(n, "sizes"), "sizes"),
            [.. MetadataJson.Strings(MetadataJson.Field(n, "activations"), "activations").Select(Activation.Parse)], loss,
            n["batch_norm"] is { } norms ? [.. MetadataJson.Array(norms, "batch_norm").Select((b, i) => b is null ? null
                : new BatchNormSpec(MetadataJson.Number(MetadataJson.Field(b, "eps"), $"batch_norm[{i}].eps"), MetadataJson.Number(MetadataJson.Field(b, "momentum"), $"batch_norm[{i}].momentum"),
                    b["affine"] is not { } affine || MetadataJson.Bool(affine, $"batch_norm[{i}].affine")))]
            : null);
    }

    // A scaler: a known kind, as many offsets as scales (at least one), all finite, no scale 0.
    private static ScalerState ReadScaler(JsonNode n)
    {
        var state = new ScalerState(MetadataJson.String(MetadataJson.Field(n, "kind"), "kind"),
            MetadataJson.Numbers(MetadataJson.Field(n, "offsets"), "offsets"), MetadataJson.Numbers(MetadataJson.Field(n, "scales"), "scales"));
        if (state.Offsets.Length == 0 || state.Offsets.Length != state.Scales.Length)
            throw new FormatException($"{state.Offsets.Length} offsets and {state.Scales.Length} scales; one of each per column is needed");
        if (Array.IndexOf(state.Scales, 0.0) is var zero and >= 0) throw new FormatException($"scales[{zero}] is 0");
        Scaler.FromState(state);
        return state;
    }

    // The column layout: names (none null), the target and feature columns inside them, no column twice.
    private static TabularSchema ReadSchema(JsonNode n, TaskKind task, IReadOnlyList<string>? classes)
    {
        var names = MetadataJson.Strings(MetadataJson.Field(n, "names"), "names");
        int target = MetadataJson.Int(MetadataJson.Field(n, "target"), "target");
        var features = MetadataJson.Ints(MetadataJson.Field(n, "features"), "features");
        string separator = MetadataJson.String(MetadataJson.Field(n, "separator"), "separator");
        if (separator.Length != 1 && separator != CsvOptions.Whitespace) throw new FormatException($"separator \"{separator}\" is not one character or {CsvOptions.Whitespace}");
        if (target < 0 || target >= names.Length) throw new FormatException($"target column {target} is not one of the {names.Length} columns (0..{names.Length - 1})");
        if (features.Length == 0) throw new FormatException("no feature columns");
        var seen = new HashSet<int> { target };
        for (int i = 0; i < features.Length; i++)
        {
            if (features[i] < 0 || features[i] >= names.Length) throw new FormatException($"features[{i}] = {features[i]} is not one of the {names.Length} columns (0..{names.Length - 1})");
            if (!seen.Add(features[i])) throw new FormatException($"features[{i}] = {features[i]} is the target or another feature's column");
        }
        var more = n is JsonObject o && o["more_targets"] is { } m ? MetadataJson.Ints(m, "more_targets") : [];
        for (int i = 0; i < more.Length; i++)
        {
            if (more[i] < 0 || more[i] >= names.Length) throw new FormatException($"more_targets[{i}] = {more[i]} is not one of the {names.Length} columns (0..{names.Length - 1})");
            if (!seen.Add(more[i])) throw new FormatException($"more_targets[{i}] = {more[i]} is a feature's or another target's column");
        }
        if (more.Length > 0 && task != TaskKind.Regression) task = TaskKind.Binary; // several label columns of a classifier: multilabel, a sigmoid each
        var schema = new TabularSchema(names, MetadataJson.Bool(MetadataJson.Field(n, "header"), "header"), separator, target, features, task, classes) { MoreTargetColumns = more };
        if (n["encoders"] is not { } list) return schema;
        var encoders = MetadataJson.Array(list, "encoders").Select((e, i) => new Preprocessing.EncoderState(MetadataJson.String(MetadataJson.Field(e!, "type"), $"encoders[{i}].type"),
            MetadataJson.String(MetadataJson.Field(e!, "column"), $"encoders[{i}].column"), MetadataJson.Field(e!, "settings").ToJsonString())).ToArray();
        if (encoders.Length != features.Length) throw new FormatException($"{encoders.Length} encoders for {features.Length} feature columns");
        for (int i = 0; i < encoders.Length; i++)
            if (encoders[i].Column != names[features[i]]) throw new FormatException($"encoders[{i}] reads \"{encoders[i].Column}\", not the feature column \"{names[features[i]]}\"");
        Preprocessing.ColumnEncoding.Restore(encoders);
        return schema with { Encoders = encoders };
    }
}

