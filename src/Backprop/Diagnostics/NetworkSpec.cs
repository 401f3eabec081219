using System.Globalization;
using System.Text.Json;
using Backprop.Data;
using Backprop.Errors;
using Backprop.IO;
using Backprop.Nn;
using Backprop.Nn.Activations;
using Backprop.Tensors;

namespace Backprop.Diagnostics;

/// <summary>One layer of a <see cref="NetworkSpec"/>: Z = X·W + b with W [in, out], then A = f(Z) (or A = f(BN(Z)) with <see cref="Norm"/>).</summary>
public sealed record LayerSpec(Tensor<double> W, Tensor<double> B, Activation Activation)
{
    /// <summary>The batch normalisation (evaluation mode) between Z and the activation, or null; the model numbers it as the next layer.</summary>
    public EvalBatchNorm? Norm { get; init; }

    /// <summary>Number of inputs.</summary>
    public int Inputs => W.Shape[0];

    /// <summary>Number of outputs.</summary>
    public int Outputs => W.Shape[1];
}

/// <summary>
/// A small network with its weights, a batch and a loss, fully given — what a learner writes down to follow one training step by hand.
/// Read from JSON: <c>{"layers": [{"w": [[...]], "b": [...], "act": "sigmoid"}, ...], "loss": "mse_half", "x": [[...]], "y": [[...]], "lr": 0.5}</c>,
/// optionally with the step's <c>"optimizer"</c> and its state (<see cref="SpecOptimizer"/>).
/// A layer may instead name any registered module (<see cref="Layers"/>) with its settings, its tensors by PyTorch's state-dict names and
/// its children: <c>{"type": "layer_norm", "config": {"features": 3}, "state": {"weight": [...], "bias": [...]}}</c>,
/// <c>{"type": "residual", "children": [{"type": "dense", "config": {...}, "state": {"weight": [[...]], "bias": [...]}}]}</c>; the spec's
/// network is then <see cref="Model"/>.
/// </summary>
/// <param name="Layers">The layers, first to last.</param>
/// <param name="Loss">The loss. With softmax_ce (bce_logits) a last layer marked softmax (sigmoid) means the loss's own softmax (sigmoid), not a second one.</param>
/// <param name="X">Inputs [N, features], one row per example.</param>
/// <param name="Y">Targets: class indices [N] for softmax_ce, else [N, outputs].</param>
/// <param name="LearningRate">λ of the update w := w - λ·dL/dw (default 0.02), or the learning rate of <see cref="Optimizer"/>.</param>
public sealed record NetworkSpec(IReadOnlyList<LayerSpec> Layers, Loss Loss, Tensor<double> X, Tensor<double> Y, double LearningRate = 0.02)
{
    /// <summary>
    /// The tutorials' worked example: one example with two features, a hidden Linear + Sigmoid layer of three units,
    /// an output Linear + Softmax over two classes, cross-entropy, learning rate 0.02, small seeded weights (rounded to two decimals).
    /// </summary>
    public static NetworkSpec TutorialExample(ulong seed = 7)
    {
        var rng = new Rng(seed);
        Tensor<double> Small(params int[] shape)
        {
            var t = Tensor<double>.Zeros(shape);
            for (int i = 0; i < t.Length; i++) t.Span[i] = Math.Round(rng.Uniform(-0.5, 0.5), 2);
            return t;
        }
        return new NetworkSpec(
            [new LayerSpec(Small(2, 3), Small(3), Activation.Sigmoid), new LayerSpec(Small(3, 2), Small(2), Activation.Softmax)],
            new CrossEntropy(), Tensor<double>.FromArray([0.5, 0.8], 1, 2), Tensor.From(1.0), 0.02);
    }

    /// <summary>Whether the last layer's activation is the one inside the loss (softmax with softmax_ce, sigmoid with bce_logits); false for a <see cref="Model"/>.</summary>
    public bool LastActivationInLoss => Layers.Count > 0 && Loss.OutputActivation is not null && (Layers[^1].Activation.IsIdentity || IsLossOutput(Loss, Layers[^1].Activation));

    /// <summary>The network as modules, when a layer of the spec names its registered type (then <see cref="Layers"/> is empty and the step is
    /// shown module by module through each module's explain face, in evaluation mode); null for a spec of Dense layers given as w, b and act.</summary>
    public Sequential<double>? Model { get; init; }

    /// <summary>Values per input row.</summary>
    public int Inputs => X.Shape[1];

    /// <summary>Values per output row.</summary>
    public int Outputs => Model?.OutputWidth(Inputs) ?? Layers[^1].Outputs;

    /// <summary>True when <paramref name="activation"/> is the output transform <paramref name="loss"/> declares (softmax for cross-entropy, sigmoid for BCE).</summary>
    internal static bool IsLossOutput(Loss loss, Activation activation) => loss.OutputActivation?.Equals(activation) == true;

    /// <summary>The largest spec file read: 64 MB (a spec's every weight is written out, so this also bounds its parameters).</summary>
    public const long MaxBytes = 64 << 20;

    /// <summary>Where the spec came from, named in errors: the file's path, or "spec".</summary>
    public string Source { get; init; } = "spec";

    /// <summary>Reads a spec from a JSON file of at most <see cref="MaxBytes"/>; every problem is one line naming the file and the field.</summary>
    /// <exception cref="BackpropException">Missing, a directory, not a regular file, too large, unreadable, or not a valid spec.</exception>
    public static NetworkSpec Load(string path)
    {
        long length = InputFile.Length(path, "a spec JSON file");
        if (length > MaxBytes) throw BackpropException.BadInput($"{path}: {length} bytes is more than the {MaxBytes} a spec may have.");
        string json;
        try { json = File.ReadAllText(path); }
        catch (UnauthorizedAccessException) { throw BackpropException.BadInput($"{path}: permission denied."); }
        catch (IOException) { throw BackpropException.BadInput($"{path}: cannot be read."); }
        return Parse(json, path);
    }

    /// <summary>How deep a spec's JSON may nest (modules inside modules nest deeper than a list of Dense layers).</summary>
    public const int MaxDepth = 24;

    /// <summary>Reads a spec from JSON text (nested at most <see cref="MaxDepth"/> deep, no key twice); <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="BackpropException">Not a valid spec; the message names the source and the field.</exception>
    public static NetworkSpec Parse(string json, string source = "spec")
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth, AllowDuplicateProperties = false }); }
        catch (JsonException e)
        {
            throw Bad($"{source}: malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1} (a syntax error, a key given twice, or nesting deeper than {MaxDepth}).");
        }
        catch (InvalidOperationException) { throw Bad($"{source}: a key is not valid text (an unpaired surrogate escape such as \\ud800)."); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Bad($"{source}: expected a JSON object at the top.");
            var layers = new List<LayerSpec>();
            var layersJson = Field(root, "layers", source, JsonValueKind.Array);
            if (layersJson.GetArrayLength() == 0) throw Bad($"{source}: layers: at least one layer is needed.");
            if (layersJson.EnumerateArray().Any(l => l.ValueKind == JsonValueKind.Object && l.TryGetProperty("type", out _)))
                return WithModules(root, SpecModules.Read(layersJson, source), source);
            int i = 0;
            foreach (var layer in layersJson.EnumerateArray())
            {
                string at = $"layers[{i}]";
                if (layer.ValueKind != JsonValueKind.Object) throw Bad($"{source}: {at}: expected an object with w, b and act.");
                var w = Matrix(Field(layer, "w", source, JsonValueKind.Array, at), $"{at}.w", source);
                var b = Vector(Field(layer, "b", source, JsonValueKind.Array, at), $"{at}.b", source);
                var actText = Text(Field(layer, "act", source, JsonValueKind.String, at), $"{at}.act", source);
                Activation act;
                try { act = Activation.Parse(actText); }
                catch (FormatException) { throw Bad($"{source}: {at}.act: unknown activation '{actText}'; expected one of {Activation.Names}."); }
                if (b.Length != w.Shape[1]) throw Bad($"{source}: {at}.b: {b.Length} values, but {at}.w has {w.Shape[1]} outputs (columns).");
                if (i > 0 && w.Shape[0] != layers[^1].Outputs)
                    throw Bad($"{source}: {at}.w: {w.Shape[0]} rows, but layers[{i - 1}] has {layers[^1].Outputs} outputs.");
                layers.Add(new LayerSpec(w, b, act));
                i++;
            }
            var (loss, lr) = LossAndRate(root, source);
            var x = Matrix(Field(root, "x", source, JsonValueKind.Array), "x", source);
            if (x.Shape[1] != layers[0].Inputs)
                throw Bad($"{source}: x: rows have {x.Shape[1]} features, but layers[0].w has {layers[0].Inputs} rows.");
            var y = Targets(Field(root, "y", source, JsonValueKind.Array), loss, x.Shape[0], layers[^1].Outputs, source);
            return new NetworkSpec(layers, loss, x, y, lr) { Source = source, Optimizer = ReadOptimizer(root, [.. layers.SelectMany(l => new[] { l.W.Length, l.B.Length })], lr, source) };
        }
    }

    // The batch, loss and learning rate of a spec whose network is modules.
    private static NetworkSpec WithModules(JsonElement root, Sequential<double> model, string source)
    {
        var (loss, lr) = LossAndRate(root, source);
        var x = Matrix(Field(root, "x", source, JsonValueKind.Array), "x", source);
        if (model.InputWidth is int inputs && x.Shape[1] != inputs)
            throw Bad($"{source}: x: rows have {x.Shape[1]} features, but the first layer takes {inputs}.");
        int outputs;
        try
        {
            using var _ = Autograd.GradMode.NoGrad();
            model.Eval();
            outputs = model.Forward(x).Shape[1]; // a trial run: every layer takes what the one before gives
        }
        catch (ArgumentException e) { throw Bad($"{source}: layers: {e.Message.TrimEnd('.')}."); }
        var y = Targets(Field(root, "y", source, JsonValueKind.Array), loss, x.Shape[0], outputs, source);
        return new NetworkSpec([], loss, x, y, lr) { Source = source, Model = model, Optimizer = ReadOptimizer(root, [.. model.Parameters().Select(p => p.Length)], lr, source) };
    }

    // The spec's "optimizer", or null when it has none (plain gradient descent).
    private static SpecOptimizer? ReadOptimizer(JsonElement root, IReadOnlyList<int> lengths, double lr, string source) =>
        root.TryGetProperty("optimizer", out var optimizer) ? SpecOptimizer.Read(optimizer, lengths, lr, source) : null;

    /// <summary>The optimizer of the step and its state before it (<see cref="SpecOptimizer"/>), or null for plain gradient descent θ − λ·dL/dθ.</summary>
    public SpecOptimizer? Optimizer { get; init; }

    /// <summary>The parameters' shapes in the order the optimizer's state lists them: each layer's W [in, out] then b, or the modules' parameters.</summary>
    internal IReadOnlyList<int[]> ParameterShapes() => Model is { } model
        ? [.. model.Parameters().Select(p => p.Rank <= 2 ? p.Shape.ToArray() : [p.Length])]
        : [.. Layers.SelectMany(l => new[] { l.W.Shape.ToArray(), l.B.Shape.ToArray() })];

    private static (Loss Loss, double Rate) LossAndRate(JsonElement root, string source)
    {
        var lossText = Text(Field(root, "loss", source, JsonValueKind.String), "loss", source);
        Loss loss;
        try { loss = Nn.Loss.Parse(lossText); }
        catch (FormatException) { throw Bad($"{source}: loss: unknown loss '{lossText}'; expected one of {Nn.Loss.Names}."); }
        double lr = 0.02;
        if (root.TryGetProperty("lr", out var lrJson))
        {
            if (lrJson.ValueKind != JsonValueKind.Number || !lrJson.TryGetDouble(out lr) || !(lr > 0) || !double.IsFinite(lr))
                throw Bad($"{source}: lr: must be a positive number; got {lrJson.GetRawText()}.");
        }
        return (loss, lr);
    }

    /// <summary>The spec as the JSON <see cref="Parse"/> reads back to the same spec (every number exact), indented.</summary>
    /// <exception cref="BackpropException">A layer has batch normalisation, which the spec's JSON does not hold.</exception>
    public string ToJson()
    {
        for (int i = 0; i < Layers.Count; i++)
            if (Layers[i].Norm is not null) throw BackpropException.BadSetting($"{Source}: layers[{i}] has batch normalisation, which a spec's JSON does not hold.");
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("layers");
            if (Model is not null) foreach (var module in Model.Layers) SpecModules.Write(json, module);
            foreach (var layer in Layers)
            {
                json.WriteStartObject();
                Write(json, "w", layer.W);
                Write(json, "b", layer.B);
                json.WriteString("act", layer.Activation.ToString());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("loss", Loss.Name);
            Write(json, "x", X);
            Write(json, "y", Y);
            json.WriteNumber("lr", LearningRate);
            Optimizer?.Write(json, ParameterShapes());
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static void Write(Utf8JsonWriter json, string name, Tensor<double> value)
    {
        json.WritePropertyName(name);
        TensorJson.Write(json, value);
    }

    private static Tensor<double> Targets(JsonElement y, Loss loss, int n, int outputs, string source)
    {
        if (y.GetArrayLength() != n) throw Bad($"{source}: y: {y.GetArrayLength()} targets, but x has {n} rows.");
        if (loss.Task == TaskKind.Classification)
        {
            var labels = Vector(y, "y", source);
            for (int r = 0; r < n; r++)
                if (!double.IsInteger(labels.Span[r]) || labels.Span[r] < 0 || labels.Span[r] >= outputs)
                    throw Bad($"{source}: y[{r}]: class index {labels.Span[r].ToString(CultureInfo.InvariantCulture)} is out of range for {outputs} outputs (0..{outputs - 1}).");
            return labels;
        }
        var matrix = Matrix(y, "y", source);
        if (matrix.Shape[1] != outputs) throw Bad($"{source}: y: rows have {matrix.Shape[1]} values, but the last layer has {outputs} outputs.");
        if (loss.Task == TaskKind.Binary)
            for (int k = 0; k < matrix.Length; k++)
                if (matrix.Span[k] is < 0 or > 1) throw Bad($"{source}: y[{k / outputs}][{k % outputs}]: {matrix.Span[k]} is outside [0, 1] for bce_logits.");
        return matrix;
    }

    internal static JsonElement Field(JsonElement obj, string name, string source, JsonValueKind kind, string? parent = null)
    {
        string at = parent is null ? name : $"{parent}.{name}";
        if (!obj.TryGetProperty(name, out var value)) throw Bad($"{source}: {at}: missing field.");
        if (value.ValueKind != kind) throw Bad($"{source}: {at}: expected {(kind == JsonValueKind.Array ? "an array" : "a " + kind.ToString().ToLowerInvariant())}; got {value.ValueKind.ToString().ToLowerInvariant()}.");
        return value;
    }

    internal static Tensor<double> Matrix(JsonElement rows, string at, string source)
    {
        int n = rows.GetArrayLength();
        if (n == 0) throw Bad($"{source}: {at}: empty matrix.");
        var values = new List<double>();
        int width = -1, r = 0;
        foreach (var row in rows.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array) throw Bad($"{source}: {at}[{r}]: expected a row (an array of numbers).");
            var v = Vector(row, $"{at}[{r}]", source);
            if (width >= 0 && v.Length != width) throw Bad($"{source}: {at}[{r}]: {v.Length} values, but {at}[0] has {width}.");
            width = v.Length;
            values.AddRange(v.Span.ToArray());
            r++;
        }
        return Tensor<double>.FromArray([.. values], n, width);
    }

    internal static Tensor<double> Vector(JsonElement items, string at, string source)
    {
        var values = new double[items.GetArrayLength()];
        if (values.Length == 0) throw Bad($"{source}: {at}: empty array.");
        int i = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number) throw Bad($"{source}: {at}[{i}]: expected a number; got {item.GetRawText()}.");
            if (!item.TryGetDouble(out double v) || !double.IsFinite(v)) throw Bad($"{source}: {at}[{i}]: {item.GetRawText()} is not a finite double.");
            values[i++] = v;
        }
        return Tensor<double>.FromArray(values);
    }

    // A string's text; one holding an unpaired surrogate escape (\ud800) has none.
    internal static string Text(JsonElement value, string at, string source)
    {
        try { return value.GetString()!; }
        catch (InvalidOperationException) { throw Bad($"{source}: {at}: {value.GetRawText()} is not valid text (an unpaired surrogate escape)."); }
    }

    internal static BackpropException Bad(string message) => BackpropException.BadInput(message);
}
