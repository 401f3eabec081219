using System.Text.Json;
using System.Text.Json.Nodes;
using Backprop.Optim;
using Backprop.Registration;
using Backprop.Tensors;

namespace Backprop.Diagnostics;

/// <summary>
/// The optimizer of a <see cref="NetworkSpec"/>'s step and its state before the step, so the update is the one training made:
/// <c>"optimizer": {"name": "adam", "options": {"beta1": 0.9, ...}, "state": {"steps": 4, "buffers": {"exp_avg": [W1, b1, W2, b2, ...], ...}}}</c>.
/// <c>name</c> is a registered optimizer (<see cref="Optimizers.Registry"/>), <c>options</c> its options record by snake_case names (any
/// left out take the registered defaults; the spec's <c>lr</c> is the learning rate), <c>state</c> the steps taken before this one and
/// every state buffer by PyTorch's name, one array per parameter in parameter order (each layer's w then b), shaped as the parameter.
/// Without <c>optimizer</c> the update is plain gradient descent θ − λ·dL/dθ.
/// </summary>
/// <param name="Options">The optimizer and its hyper-parameters (its learning rate is replaced by the spec's <c>lr</c>).</param>
/// <param name="State">Its state before the step, or null for a first step (zero buffers, no steps taken).</param>
public sealed record SpecOptimizer(OptimizerOptions Options, OptimizerState<double>? State = null)
{
    /// <summary>One step over parameters <paramref name="before"/> with <paramref name="gradients"/> at learning rate <paramref name="lr"/>:
    /// each parameter after the step, and the optimizer's state after it. Nothing given is changed.</summary>
    /// <exception cref="ArgumentException">The state does not fit the parameters (its buffers' names or sizes).</exception>
    public (IReadOnlyList<Tensor<double>> After, OptimizerState<double> State) Step(IReadOnlyList<Tensor<double>> before, IReadOnlyList<Tensor<double>> gradients, double lr)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(gradients);
        var parameters = before.Select((b, k) =>
        {
            var p = b.Detach().Clone();
            p.RequiresGrad = true;
            p.Grad = gradients[k].Detach().Clone();
            return p;
        }).ToArray();
        var optimizer = Options.With("lr", lr).Create(parameters);
        if (State is { } state) optimizer.LoadState(state);
        optimizer.Step();
        return ([.. parameters.Select(p => p.Detach().Clone())], optimizer.State());
    }

    /// <summary>The terms of element <paramref name="index"/> of parameter <paramref name="parameter"/> of a step <see cref="Step"/> made.</summary>
    public IReadOnlyList<UpdateTerm> Explain(int parameter, int index, double before, double gradient, double after, double lr, OptimizerState<double> stateAfter)
    {
        ArgumentNullException.ThrowIfNull(stateAfter);
        var was = State?.Buffers.ToDictionary(b => b.Key, b => b.Value[parameter][index]) ?? stateAfter.Buffers.ToDictionary(b => b.Key, _ => 0.0);
        var now = stateAfter.Buffers.ToDictionary(b => b.Key, b => b.Value[parameter][index]);
        return Options.With("lr", lr).Explain(new UpdateElement(before, gradient, after, stateAfter.Steps, lr, was, now));
    }

    /// <summary>The optimizer in words: <c>adam (beta1 0.9, beta2 0.999, epsilon 1e-08, weight_decay 0, amsgrad false), step 5</c>.</summary>
    public string Describe()
    {
        var options = OptionsJson(Options);
        options.Remove("learning_rate");
        return $"{Options.Name} ({string.Join(", ", options.Select(o => $"{o.Key} {o.Value?.ToJsonString()}"))}), step {(State?.Steps ?? 0) + 1}";
    }

    // The options record as the registry writes it: snake_case names.
    private static JsonObject OptionsJson(OptimizerOptions options) =>
        JsonSerializer.SerializeToNode(options, RegistryEntry<OptimizerOptions, OptimizerOptions>.Json.GetTypeInfo(options.GetType()))?.AsObject() ?? [];

    internal void Write(Utf8JsonWriter json, IReadOnlyList<int[]> shapes)
    {
        json.WriteStartObject("optimizer");
        json.WriteString("name", Options.Name);
        json.WritePropertyName("options");
        OptionsJson(Options).WriteTo(json);
        if (State is { } state)
        {
            json.WriteStartObject("state");
            json.WriteNumber("steps", state.Steps);
            json.WriteStartObject("buffers");
            foreach (var (name, values) in state.Buffers)
            {
                json.WriteStartArray(name);
                for (int k = 0; k < values.Length; k++) TensorJson.Write(json, Tensor<double>.FromArray(values[k], shapes[k]));
                json.WriteEndArray();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    /// <summary>Reads a spec's <c>optimizer</c> for parameters of <paramref name="lengths"/> values each; every problem names the field.</summary>
    internal static SpecOptimizer Read(JsonElement e, IReadOnlyList<int> lengths, double lr, string source)
    {
        const string at = "optimizer";
        if (e.ValueKind != JsonValueKind.Object) throw NetworkSpec.Bad($"{source}: {at}: expected an object with name, options and state.");
        foreach (var p in e.EnumerateObject())
            if (p.Name is not ("name" or "options" or "state"))
                throw NetworkSpec.Bad($"{source}: {at}: unknown field '{Backprop.Text.Inert.Text(p.Name)}'; an optimizer has name, options and state.");
        string name = NetworkSpec.Text(NetworkSpec.Field(e, "name", source, JsonValueKind.String, at), $"{at}.name", source);
        var given = e.TryGetProperty("options", out _) ? JsonNode.Parse(NetworkSpec.Field(e, "options", source, JsonValueKind.Object, at).GetRawText())!.AsObject() : null;
        OptimizerOptions options;
        try
        {
            options = Optimizers.Registry.Create(name, given).With("lr", lr);
            options.Validate();
        }
        catch (Exception x) when (x is FormatException or ArgumentException)
        {
            throw NetworkSpec.Bad($"{source}: {at}: {Backprop.Text.Inert.Text(x.Message.Split(Environment.NewLine)[0].TrimEnd('.'))}.");
        }
        var optimizer = options.Create(lengths.Select(n =>
        {
            var p = Tensor<double>.Zeros(n);
            p.RequiresGrad = true;
            return p;
        }).ToArray());
        if (optimizer.RequiresClosure) throw NetworkSpec.Bad($"{source}: {at}: {options.Name} evaluates the loss several times per step; a spec explains one gradient step.");
        if (!e.TryGetProperty("state", out _)) return new SpecOptimizer(options);
        var stateJson = NetworkSpec.Field(e, "state", source, JsonValueKind.Object, at);
        var stepsJson = NetworkSpec.Field(stateJson, "steps", source, JsonValueKind.Number, $"{at}.state");
        if (!stepsJson.TryGetInt64(out long steps) || steps < 0) throw NetworkSpec.Bad($"{source}: {at}.state.steps: expected a whole number ≥ 0; got {stepsJson.GetRawText()}.");
        var buffers = new Dictionary<string, double[][]>();
        var buffersJson = NetworkSpec.Field(stateJson, "buffers", source, JsonValueKind.Object, $"{at}.state");
        foreach (var buffer in buffersJson.EnumerateObject())
        {
            string where = $"{at}.state.buffers.{Backprop.Text.Inert.Text(buffer.Name)}";
            if (buffer.Value.ValueKind != JsonValueKind.Array) throw NetworkSpec.Bad($"{source}: {where}: expected an array (one entry per parameter).");
            if (buffer.Value.GetArrayLength() != lengths.Count)
                throw NetworkSpec.Bad($"{source}: {where}: {buffer.Value.GetArrayLength()} entries, but the network has {lengths.Count} parameters (each layer's w and b).");
            buffers[buffer.Name] = [.. buffer.Value.EnumerateArray().Select((v, k) =>
            {
                var t = v.ValueKind == JsonValueKind.Array && v.GetArrayLength() > 0 && v[0].ValueKind == JsonValueKind.Array
                    ? NetworkSpec.Matrix(v, $"{where}[{k}]", source) : NetworkSpec.Vector(v, $"{where}[{k}]", source);
                if (t.Length != lengths[k]) throw NetworkSpec.Bad($"{source}: {where}[{k}]: {t.Length} values, but parameter {k} has {lengths[k]}.");
                return t.Span.ToArray();
            })];
        }
        var state = new OptimizerState<double>(steps, buffers);
        try { optimizer.LoadState(state); }
        catch (ArgumentException x) { throw NetworkSpec.Bad($"{source}: {at}.state: {x.Message.TrimEnd('.')}."); }
        return new SpecOptimizer(options, state);
    }
}
