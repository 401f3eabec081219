using System.Text.Json;
using System.Text.Json.Nodes;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Diagnostics;

/// <summary>
/// The layers of a <see cref="NetworkSpec"/> that name registered modules: <c>{"type": "layer_norm", "config": {...}, "state": {"weight": [...]},
/// "children": [...]}</c>, each built by its registered config (<see cref="Layers"/>) over its children, its own tensors given by PyTorch's
/// state-dict names and layouts (a Dense's <c>weight</c> is [out, in]); a layer written as <c>{"w", "b", "act"}</c> is a Dense with W [in, out].
/// </summary>
internal static class SpecModules
{
    /// <summary>Values a module may allocate beyond the numbers its state gives (a layer norm without affine parameters keeps γ = 1, β = 0).</summary>
    private const long Allowance = 1 << 16;

    /// <summary>The spec's layers as one <see cref="Sequential{T}"/>; every problem is one line naming the source and the place.</summary>
    public static Sequential<double> Read(JsonElement layers, string source) =>
        new([.. layers.EnumerateArray().Select((e, i) => Entry(e, $"layers[{i}]", source))]);

    private static Module<double> Entry(JsonElement e, string at, string source)
    {
        if (e.ValueKind != JsonValueKind.Object) throw NetworkSpec.Bad($"{source}: {at}: expected an object: {{\"type\", \"config\", \"state\", \"children\"}} or {{\"w\", \"b\", \"act\"}}.");
        if (!e.TryGetProperty("type", out _)) return Dense(e, at, source);
        foreach (var p in e.EnumerateObject())
            if (p.Name is not ("type" or "config" or "state" or "children"))
                throw NetworkSpec.Bad($"{source}: {at}: unknown field '{Backprop.Text.Inert.Text(p.Name)}'; a module has type, config, state and children.");
        string type = NetworkSpec.Text(NetworkSpec.Field(e, "type", source, JsonValueKind.String, at), $"{at}.type", source);
        var settings = e.TryGetProperty("config", out _) ? JsonNode.Parse(NetworkSpec.Field(e, "config", source, JsonValueKind.Object, at).GetRawText())!.AsObject() : [];
        var children = e.TryGetProperty("children", out _)
            ? NetworkSpec.Field(e, "children", source, JsonValueKind.Array, at).EnumerateArray().Select((c, i) => Entry(c, $"{at}.children[{i}]", source)).ToList() : [];
        var state = e.TryGetProperty("state", out _) ? NetworkSpec.Field(e, "state", source, JsonValueKind.Object, at) : default;
        ModuleConfig config;
        Module<double> module;
        try
        {
            config = Layers.Registry.Create(type, settings);
            long given = state.ValueKind == JsonValueKind.Object ? Numbers(state) : 0;
            if (config.Values > given + Allowance)
                throw new FormatException($"it would hold {config.Values} values, but its state gives {given}");
            module = config.Build<double>(children);
        }
        catch (Exception x) when (x is FormatException or ArgumentException)
        {
            throw NetworkSpec.Bad($"{source}: {at} ({Backprop.Text.Inert.Text(type)}): {x.Message.TrimEnd('.')}.");
        }
        Load(module, state, at, source);
        return module;
    }

    // {"w": [in, out], "b": [out], "act": "relu"}: the tutorials' Dense layer.
    private static Dense<double> Dense(JsonElement e, string at, string source)
    {
        var w = NetworkSpec.Matrix(NetworkSpec.Field(e, "w", source, JsonValueKind.Array, at), $"{at}.w", source);
        var b = NetworkSpec.Vector(NetworkSpec.Field(e, "b", source, JsonValueKind.Array, at), $"{at}.b", source);
        var actText = NetworkSpec.Text(NetworkSpec.Field(e, "act", source, JsonValueKind.String, at), $"{at}.act", source);
        Activation act;
        try { act = Activation.Parse(actText); }
        catch (FormatException) { throw NetworkSpec.Bad($"{source}: {at}.act: unknown activation '{Backprop.Text.Inert.Text(actText)}'; expected one of {Activation.Names}."); }
        if (b.Length != w.Shape[1]) throw NetworkSpec.Bad($"{source}: {at}.b: {b.Length} values, but {at}.w has {w.Shape[1]} outputs (columns).");
        return new Dense<double>(w, b, act);
    }

    // The module's own state entries (not its children's, which their own entries gave) from "state", by PyTorch's local names and shapes.
    private static void Load(Module<double> module, JsonElement state, string at, string source)
    {
        var own = module.StateDict().Where(s => !s.Name.Contains('.', StringComparison.Ordinal)).ToList();
        var names = string.Join(", ", own.Select(s => $"{s.Name} [{string.Join(", ", s.Entry.StoredShape)}]"));
        if (state.ValueKind == JsonValueKind.Object)
            foreach (var p in state.EnumerateObject())
                if (!own.Any(s => s.Name == p.Name))
                    throw NetworkSpec.Bad($"{source}: {at}.state: '{Backprop.Text.Inert.Text(p.Name)}' is not a tensor of {module}; {(own.Count == 0 ? "it has none of its own" : $"it has {names}")}.");
        foreach (var (name, entry) in own)
        {
            string where = $"{at}.state.{name}";
            bool given = state.ValueKind == JsonValueKind.Object && state.TryGetProperty(name, out _);
            switch (entry)
            {
                case TensorState<double> t:
                    if (!given) throw NetworkSpec.Bad($"{source}: {where}: missing; {module} needs {names}.");
                    var value = state.GetProperty(name);
                    var read = value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && value[0].ValueKind == JsonValueKind.Array
                        ? NetworkSpec.Matrix(value, where, source) : NetworkSpec.Vector(NetworkSpec.Field(state, name, source, JsonValueKind.Array, $"{at}.state"), where, source);
                    if (!read.Shape.ToArray().Select(d => (long)d).SequenceEqual(t.StoredShape))
                        throw NetworkSpec.Bad($"{source}: {where}: shape [{string.Join(", ", read.Shape.ToArray())}], but {module} needs [{string.Join(", ", t.StoredShape)}].");
                    t.Load(read.Span);
                    break;
                case CounterState c when given:
                    var count = state.GetProperty(name);
                    if (count.ValueKind != JsonValueKind.Number || !count.TryGetInt64(out long n) || n < 0)
                        throw NetworkSpec.Bad($"{source}: {where}: expected a whole number ≥ 0; got {count.GetRawText()}.");
                    c.Set(n);
                    break;
            }
        }
    }

    // How many numbers a state object gives (nested arrays flattened).
    private static long Numbers(JsonElement state)
    {
        long count = 0;
        var stack = new Stack<JsonElement>();
        foreach (var p in state.EnumerateObject()) stack.Push(p.Value);
        while (stack.TryPop(out var v))
        {
            if (v.ValueKind == JsonValueKind.Array) foreach (var item in v.EnumerateArray()) stack.Push(item);
            else count++;
        }
        return count;
    }

    /// <summary>Writes <paramref name="module"/> as a spec layer: its registered type and settings, its own tensors by PyTorch's names, its children.</summary>
    public static void Write(Utf8JsonWriter json, Module<double> module)
    {
        var described = Layers.Describe(module);
        json.WriteStartObject();
        json.WriteString("type", described.Type);
        json.WritePropertyName("config");
        described.Config.WriteTo(json);
        var own = module.StateDict().Where(s => !s.Name.Contains('.', StringComparison.Ordinal)).ToList();
        if (own.Count > 0)
        {
            json.WriteStartObject("state");
            foreach (var (name, entry) in own)
            {
                if (entry is TensorState<double> t)
                {
                    var stored = t.StoredShape.Select(d => (int)d).ToArray();
                    NetworkSpec.Write(json, name, Tensor<double>.FromArray(t.Stored(), stored));
                }
                else if (entry is CounterState c) json.WriteNumber(name, c.Get());
            }
            json.WriteEndObject();
        }
        var children = module.Children.ToList();
        if (children.Count > 0)
        {
            json.WriteStartArray("children");
            foreach (var (_, child) in children) Write(json, child);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }
}
