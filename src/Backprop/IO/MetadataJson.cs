using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Backprop.IO;

/// <summary>
/// Typed reads of the JSON inside a <c>__metadata__</c> string. Each throws <see cref="FormatException"/> with a short reason
/// naming the field (<c>"sizes": expected a list of whole numbers</c>), which <see cref="MetadataCodec"/> puts after the file and key.
/// </summary>
internal static class MetadataJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 8, AllowDuplicateProperties = false };

    // The module list nests two JSON levels a module (an object, its children array), and a few for a module's settings.
    private static readonly JsonDocumentOptions ModuleOptions = new() { MaxDepth = 2 * Nn.ModuleSpec.MaxDepth + 8, AllowDuplicateProperties = false };

    /// <summary>The JSON value of <paramref name="text"/> (not null; depth at most 8, or as deep as <see cref="Nn.ModuleSpec.MaxDepth"/>
    /// modules for the module list, no duplicate keys).</summary>
    public static JsonNode Parse(string text, bool modules = false)
    {
        try { return JsonNode.Parse(text, documentOptions: modules ? ModuleOptions : Options) ?? throw new FormatException("null"); }
        catch (JsonException e) { throw new FormatException($"not JSON, or a key twice (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})"); }
    }

    /// <summary>The object's field <paramref name="name"/>, which must be there.</summary>
    public static JsonNode Field(JsonNode node, string name) =>
        (node as JsonObject ?? throw new FormatException("expected a JSON object")).TryGetPropertyValue(name, out var value) && value is not null
            ? value : throw new FormatException($"\"{name}\" is missing");

    /// <summary>A JSON array's items.</summary>
    public static JsonArray Array(JsonNode node, string what) => node as JsonArray ?? throw new FormatException($"{what}: expected a list");

    /// <summary>A string.</summary>
    public static string String(JsonNode? node, string what) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw new FormatException($"{what}: expected a string");

    /// <summary>A whole number that fits an int.</summary>
    public static int Int(JsonNode? node, string what) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int i) ? i : throw new FormatException($"{what}: expected a whole number");

    /// <summary>A finite number.</summary>
    public static double Number(JsonNode? node, string what) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double d) && double.IsFinite(d) ? d
            : throw new FormatException($"{what}: expected a finite number");

    /// <summary>true or false.</summary>
    public static bool Bool(JsonNode? node, string what) => node?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException($"{what}: expected true or false"),
    };

    /// <summary>A list of strings, none null.</summary>
    public static string[] Strings(JsonNode node, string what) => Items(node, what, String);

    /// <summary>A list of whole numbers.</summary>
    public static int[] Ints(JsonNode node, string what) => Items(node, what, Int);

    /// <summary>A list of finite numbers.</summary>
    public static double[] Numbers(JsonNode node, string what) => Items(node, what, Number);

    private static T[] Items<T>(JsonNode node, string what, Func<JsonNode?, string, T> read)
    {
        var items = Array(node, what);
        var values = new T[items.Count];
        for (int i = 0; i < values.Length; i++) values[i] = read(items[i], string.Create(CultureInfo.InvariantCulture, $"{what}[{i}]"));
        return values;
    }
}
