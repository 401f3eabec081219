using System.Text.Json.Nodes;

namespace Backprop.Nn;

/// <summary>
/// A module as a model file stores it: its registered <paramref name="Type"/> (<see cref="Layers"/>), its settings and its children,
/// as JSON <c>{"type": "dense", "config": {...}, "children": [...]}</c> (no <c>children</c> for a layer).
/// </summary>
/// <param name="Type">The registered type name.</param>
/// <param name="Config">The settings, snake_case.</param>
/// <param name="Children">A container's children, in order.</param>
public sealed record ModuleSpec(string Type, JsonObject Config, IReadOnlyList<ModuleSpec> Children)
{
    /// <summary>The deepest nesting a file may describe (a guard against stack exhaustion by a hostile file).</summary>
    public const int MaxDepth = 32;

    /// <summary>The JSON form.</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["type"] = Type, ["config"] = Config.DeepClone() };
        if (Children.Count > 0) o["children"] = new JsonArray([.. Children.Select(c => (JsonNode)c.ToJson())]);
        return o;
    }

    /// <summary>Reads the JSON form; <paramref name="where"/> names the place in errors (<c>modules.children[2]</c>).</summary>
    /// <exception cref="FormatException">Not an object with a string <c>type</c>, an object <c>config</c> and an array <c>children</c> (if any), or nested past <see cref="MaxDepth"/>.</exception>
    public static ModuleSpec Parse(JsonNode? node, string where = "modules", int depth = 0)
    {
        if (depth > MaxDepth) throw new FormatException($"{where}: modules nested more than {MaxDepth} deep");
        if (node is not JsonObject o) throw new FormatException($"{where} is not a JSON object");
        if (o["type"] is not JsonValue t || !t.TryGetValue<string>(out var type)) throw new FormatException($"{where}.type is not a string");
        var config = o["config"] switch { null => new JsonObject(), JsonObject c => (JsonObject)c.DeepClone(), _ => throw new FormatException($"{where}.config is not an object") };
        var children = o["children"] switch
        {
            null => [],
            JsonArray a => a.Select((c, i) => Parse(c, $"{where}.children[{i}]", depth + 1)).ToList(),
            _ => throw new FormatException($"{where}.children is not an array"),
        };
        return new ModuleSpec(type, config, children);
    }
}
