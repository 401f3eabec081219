using System.Text.Json;
using System.Text.Json.Nodes;
using Backprop.Data;
using Backprop.Nn;

namespace Backprop.IO;

/// <summary>
/// <see cref="ModelMetadata"/> as safetensors <c>__metadata__</c> strings. Keys: <c>backprop_version</c>, <c>task</c>, <c>target_name</c>
/// (plain text); <c>architecture</c> <c>{"sizes", "activations", "loss", "torch", "batch_norm"}</c> (<c>batch_norm</c>, one
/// <c>{"eps", "momentum"}</c> or null per Dense layer, only when some layer has batch norm), <c>feature_names</c>, <c>class_names</c>,
/// <c>scaler</c> <c>{"kind", "offsets", "scales"}</c>, <c>columns</c> <c>{"names", "header", "separator", "target", "features"}</c>,
/// <c>training</c> <c>{name: text}</c> (JSON text). Any other key is kept in <see cref="ModelMetadata.Other"/>.
/// </summary>
internal static class MetadataCodec
{
    private static readonly string[] Known = ["backprop_version", "architecture", "task", "feature_names", "target_name", "class_names", "scaler", "target_scaler", "columns", "training"];

    public static Dictionary<string, string> Encode(ModelMetadata m, Architecture architecture)
    {
        var d = new Dictionary<string, string>(m.Other.Where(p => !Known.Contains(p.Key)).ToDictionary()) { ["backprop_version"] = ModelMetadata.LibraryVersion };
        var arch = new JsonObject
        {
            ["sizes"] = new JsonArray([.. architecture.Sizes.Select(s => (JsonNode)s)]),
            ["activations"] = new JsonArray([.. architecture.Activations.Select(a => (JsonNode)a.ToString())]),
            ["loss"] = architecture.Loss,
            ["torch"] = architecture.TorchModules(),
        };
        if (architecture.BatchNorm is { } norms)
            arch["batch_norm"] = new JsonArray([.. norms.Select(n => n is null ? null : (JsonNode)new JsonObject { ["eps"] = n.Eps, ["momentum"] = n.Momentum })]);
        d["architecture"] = arch.ToJsonString();
        if (m.Task is { } task) d["task"] = task == TaskKind.Classification ? "classification" : "regression";
        if (m.FeatureNames is { } f) d["feature_names"] = JsonSerializer.Serialize(f);
        if (m.TargetName is { } t) d["target_name"] = t;
        if (m.ClassNames is { } c) d["class_names"] = JsonSerializer.Serialize(c);
        if (m.Scaler is { } s) d["scaler"] = new JsonObject { ["kind"] = s.Kind, ["offsets"] = Numbers(s.Offsets), ["scales"] = Numbers(s.Scales) }.ToJsonString();
        if (m.TargetScaler is { } ts) d["target_scaler"] = new JsonObject { ["kind"] = ts.Kind, ["offsets"] = Numbers(ts.Offsets), ["scales"] = Numbers(ts.Scales) }.ToJsonString();
        if (m.Schema is { } sc)
            d["columns"] = new JsonObject
            {
                ["names"] = new JsonArray([.. sc.Columns.Select(n => (JsonNode)n)]), ["header"] = sc.HasHeader, ["separator"] = sc.Separator,
                ["target"] = sc.TargetColumn, ["features"] = new JsonArray([.. sc.FeatureColumns.Select(i => (JsonNode)i)]),
            }.ToJsonString();
        if (m.Training.Count > 0) d["training"] = JsonSerializer.Serialize(m.Training);
        return d;
    }

    private static JsonArray Numbers(double[] values) => new([.. values.Select(v => (JsonNode)v)]);

    public static ModelMetadata Decode(IReadOnlyDictionary<string, string> d, string path)
    {
        T? Get<T>(string key, Func<JsonNode, T> read) where T : class
        {
            if (!d.TryGetValue(key, out var text)) return null;
            try { return read(JsonNode.Parse(text) ?? throw new FormatException("null")); }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException or ArgumentException)
            { throw new InvalidDataException($"{path}: __metadata__ \"{key}\" is not valid ({e.Message}): {text}", e); }
        }
        var task = d.GetValueOrDefault("task") switch
        {
            null => (TaskKind?)null,
            "classification" => TaskKind.Classification,
            "regression" => TaskKind.Regression,
            var other => throw new InvalidDataException($"{path}: __metadata__ \"task\" is \"{other}\"; expected classification or regression."),
        };
        var classes = Get("class_names", n => Strings(n));
        var columns = Get("columns", n => n);
        var schema = columns is null || task is null ? null : Get("columns", n => new TabularSchema(Strings(n["names"]!), (bool)n["header"]!,
            (string)n["separator"]!, (int)n["target"]!, [.. n["features"]!.AsArray().Select(i => (int)i!)], task.Value, classes));
        return new ModelMetadata
        {
            Architecture = Get("architecture", n => new Architecture([.. n["sizes"]!.AsArray().Select(s => (int)s!)],
                [.. n["activations"]!.AsArray().Select(a => Activation.Parse((string)a!))], (string?)n["loss"],
                n["batch_norm"] is JsonArray norms ? [.. norms.Select(b => b is null ? null : new BatchNormSpec((double)b["eps"]!, (double)b["momentum"]!))] : null)),
            Task = task,
            FeatureNames = Get("feature_names", n => Strings(n)),
            TargetName = d.GetValueOrDefault("target_name"),
            ClassNames = classes,
            Scaler = Get("scaler", n => new ScalerState((string)n["kind"]!, Doubles(n["offsets"]!), Doubles(n["scales"]!))),
            TargetScaler = Get("target_scaler", n => new ScalerState((string)n["kind"]!, Doubles(n["offsets"]!), Doubles(n["scales"]!))),
            Schema = schema,
            Training = Get("training", n => n.AsObject().ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue(out string? s) ? s : p.Value?.ToJsonString() ?? "")) ?? [],
            Version = d.GetValueOrDefault("backprop_version"),
            Other = d.Where(p => !Known.Contains(p.Key)).ToDictionary(),
        };
    }

    private static string[] Strings(JsonNode? n) => [.. n!.AsArray().Select(s => (string)s!)];

    private static double[] Doubles(JsonNode n) => [.. n.AsArray().Select(s => (double)s!)];
}
