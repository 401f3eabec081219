using System.Globalization;
using Backprop.Datasets;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Optim;

namespace Backprop.Playground.Sessions;

/// <summary>
/// A session's configuration, read from the same keys the page keeps in its URL (<c>data=xor&amp;hidden=8,8&amp;act=tanh&amp;lr=0.03</c>),
/// so a shared address rebuilds the same run. Every value is checked; a bad one is a <see cref="BackpropException"/> naming the key.
/// The optimizer is the library's default (<see cref="Training.Defaults"/>); the other defaults are the playground's own, for small 2-D sets
/// watched live: a small tanh network (smooth boundaries), learning rate 0.03 and batches of 10 (the picture moves within seconds), no weight
/// decay (L2 is a control that starts at 0), 30% test rows (the held-out points are drawn), and no epochs, schedule or early stopping (it trains
/// until paused).
/// </summary>
/// <param name="Data">A generated set's name, a built-in table's, or <c>upload</c> for the session's uploaded CSV.</param>
/// <param name="Noise">The generated set's noise (standard deviation), null for its default.</param>
/// <param name="TestFraction">The share of rows held out for the test curve.</param>
/// <param name="Hidden">Units of each hidden layer.</param>
/// <param name="Activations">One activation per hidden layer.</param>
/// <param name="Loss">The loss's name, null for the task's default (softmax_ce or mse).</param>
/// <param name="Optimizer">The optimizer's name.</param>
/// <param name="LearningRate">The learning rate.</param>
/// <param name="BatchSize">Rows per step.</param>
/// <param name="L1">The L1 penalty's coefficient (added to each gradient as λ₁·sign(w)).</param>
/// <param name="L2">Weight decay (L2), applied by the optimizer.</param>
/// <param name="Dropout">Dropout after each hidden layer (0 = none).</param>
/// <param name="Seed">Seed of the data, the weights and the batches.</param>
/// <param name="Target">The uploaded CSV's target column (name or index), null for the last.</param>
/// <param name="PlotX">The feature shown across; -1 (the default) for the two chosen by <see cref="PlotChoice"/>.</param>
/// <param name="PlotY">The feature shown up (ignored with one feature); -1 for both chosen by <see cref="PlotChoice"/>.</param>
/// <param name="StepsPerFrame">Steps trained per frame while playing (below 1: one step every so many frames); null for one epoch per frame.</param>
/// <param name="Inputs">A generated 2-D set's input features (<see cref="PlaneFeatures"/> keys); null for x1, x2.</param>
public sealed record Settings(string Data, double? Noise, double TestFraction, IReadOnlyList<int> Hidden, IReadOnlyList<Activation> Activations,
    string? Loss, string Optimizer, double LearningRate, int BatchSize, double L1, double L2, double Dropout, ulong Seed, string? Target, int PlotX, int PlotY,
    double? StepsPerFrame = null, IReadOnlyList<string>? Inputs = null)
{
    /// <summary>The most layers a network has, counting the output layer.</summary>
    public const int MaxLayers = 8;

    /// <summary>The most units a layer has (and the most features or classes a data set may bring).</summary>
    public const int MaxUnits = 64;

    /// <summary>The keys a configuration takes.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["data", "noise", "test", "hidden", "act", "loss", "opt", "lr", "batch", "l1", "l2", "dropout", "seed", "target", "px", "py", "speed", "feat"];

    /// <summary>The optimizers the playground steps batch by batch (L-BFGS needs whole-batch closures, so it is left out).</summary>
    public static IReadOnlyList<string> OptimizerNames => [.. Optim.Optimizers.Names.Where(n => n != "lbfgs")];

    /// <summary>Reads the settings from <paramref name="values"/> (key to text); a missing key takes its default.</summary>
    /// <exception cref="BackpropException">An unknown key or a value out of range, naming both.</exception>
    public static Settings Parse(IEnumerable<KeyValuePair<string, string>> values)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (!Keys.Contains(key)) throw Bad($"unknown setting '{key}'; the settings are {string.Join(", ", Keys)}");
            if (!map.TryAdd(key, value)) throw Bad($"{key} is given twice");
        }
        string? Get(string key) => map.TryGetValue(key, out var v) && v.Trim().Length > 0 ? v.Trim() : null;

        string data = (Get("data") ?? "spirals").ToLowerInvariant();
        if (data != "upload" && !GeneratedSets.TryParse(data, out _) && !PlaygroundData.BuiltInNames.Contains(data))
            throw Bad($"data: '{data}' is not a data set; expected a generated one ({string.Join(", ", GeneratedSets.Names)}), a built-in one ({string.Join(", ", PlaygroundData.BuiltInNames)}) or upload");
        var hidden = Get("hidden") is { } h ? h == "none" ? [] : h.Split(',').Select(u => Integer("hidden", u, 1, MaxUnits)).ToArray() : [8, 8];
        if (hidden.Length > MaxLayers - 1) throw Bad($"hidden: {hidden.Length} hidden layers; at most {MaxLayers - 1} (with the output layer, {MaxLayers} layers)");
        var acts = (Get("act") ?? "tanh").Split(',').Select(a => ParseActivation(a.Trim())).ToArray();
        if (acts.Length != 1 && acts.Length != hidden.Length)
            throw Bad($"act: {acts.Length} activations for {hidden.Length} hidden layers; give one for all or one per hidden layer");
        string? loss = Get("loss")?.ToLowerInvariant();
        if (loss is not null) ParseLoss(loss);
        string optimizer = (Get("opt") ?? Training.Defaults.OptimizerName).ToLowerInvariant();
        if (!OptimizerNames.Contains(optimizer)) throw Bad($"opt: '{optimizer}' is not an optimizer here; expected one of {string.Join(", ", OptimizerNames)}");
        return new Settings(data, Get("noise") is { } n ? Number("noise", n, 0, 1) : null, Get("test") is { } t ? Number("test", t, 0.05, 0.9) : 0.3,
            hidden, acts.Length == 1 ? [.. Enumerable.Repeat(acts[0], hidden.Length)] : acts, loss, optimizer,
            Get("lr") is { } lr ? Number("lr", lr, 1e-6, 10) : 0.03, Get("batch") is { } b ? Integer("batch", b, 1, 1024) : 10,
            Get("l1") is { } l1 ? Number("l1", l1, 0, 1) : 0, Get("l2") is { } l2 ? Number("l2", l2, 0, 1) : 0,
            Get("dropout") is { } d ? Number("dropout", d, 0, 0.9) : 0, Get("seed") is { } s ? ParseSeed(s) : 1, Get("target"),
            Get("px") is { } px ? Integer("px", px, 0, MaxUnits - 1) : -1, Get("py") is { } py ? Integer("py", py, 0, MaxUnits - 1) : -1,
            Get("speed") is { } speed ? ParseSpeed(speed) : null, Get("feat") is { } feat ? PlaneFeatures.Parse(feat) : null);
    }

    /// <summary>
    /// True when <paramref name="next"/> differs from these settings only in how the network is trained — the optimizer, learning rate, L1, L2,
    /// batch size, dropout or speed — so training goes on from the current weights; data, inputs, layers, activations, loss and seed start again.
    /// </summary>
    public bool KeepsShape(Settings next) =>
        next with
        {
            Optimizer = Optimizer, LearningRate = LearningRate, L1 = L1, L2 = L2, BatchSize = BatchSize, Dropout = Dropout, StepsPerFrame = StepsPerFrame,
            Hidden = Hidden, Activations = Activations, Inputs = Inputs,
        } == this
        && next.Hidden.SequenceEqual(Hidden) && next.Activations.SequenceEqual(Activations)
        && (next.Inputs ?? PlaneFeatures.Default).SequenceEqual(Inputs ?? PlaneFeatures.Default);

    /// <summary>True when <paramref name="next"/> says the same as these settings (its lists compared by their items).</summary>
    public bool SameAs(Settings next) => KeepsShape(next) && next with { Hidden = Hidden, Activations = Activations, Inputs = Inputs } == this;

    /// <summary>The optimizer these settings describe: its defaults with this learning rate and, when it has one, this weight decay.</summary>
    public OptimizerOptions OptimizerOptions()
    {
        var options = Optim.Optimizers.Defaults(Optimizer).With("lr", LearningRate);
        return L2 > 0 ? options.With("weight_decay", L2) : options;
    }

    /// <summary>The loss named, for a task with classes or without.</summary>
    public Loss CreateLoss(bool classes)
    {
        var loss = Loss is null ? classes ? new CrossEntropy() : new MeanSquaredError() : ParseLoss(Loss);
        if (loss.IsClassification != classes)
            throw Bad($"loss: {loss.Name} is for {(loss.IsClassification ? "classes" : "values")}, but this data has {(classes ? "classes" : "values")}");
        return loss;
    }

    private static Loss ParseLoss(string text)
    {
        Loss? loss = null;
        try { loss = Nn.Loss.Parse(text); }
        catch (FormatException) { } // refused below, with the names offered here
        return loss is not null && loss.Task != TaskKind.Binary // the playground draws class indices or values, not one-hot rows
            ? loss : throw Bad($"loss: '{text}' is not offered here; expected softmax_ce (classes), mse or mse_half (values)");
    }

    private static Activation ParseActivation(string text)
    {
        try
        {
            var act = Activation.Parse(text);
            return act.IsElementwise ? act : throw Bad($"act: {text} is not offered for a hidden layer (its outputs mix units); choose an elementwise activation");
        }
        catch (FormatException e) { throw Bad($"act: {e.Message}"); } // the library's own words: unknown name, or a bad parameter
    }

    private static int Integer(string key, string text, int min, int max) =>
        int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= min && v <= max
            ? v : throw Bad($"{key}: '{text}' is not a whole number from {min} to {max}");

    private static double Number(string key, string text, double min, double max) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= min && v <= max
            ? v : throw Bad($"{key}: '{text}' is not a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The slowest speed offered: one step a second at 20 frames a second.</summary>
    public const double SlowestSpeed = 0.05;

    /// <summary>The most steps a frame asks for (a frame still trains at most <see cref="Session.TrainSlice"/>).</summary>
    public const double FastestSpeed = 10_000;

    /// <summary>Steps per frame: a number from <see cref="SlowestSpeed"/> to <see cref="FastestSpeed"/>, or <c>epoch</c> (null).</summary>
    internal static double? ParseSpeed(string text) =>
        text.Trim().Equals("epoch", StringComparison.OrdinalIgnoreCase) ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= SlowestSpeed && v <= FastestSpeed ? v
        : throw Bad($"speed: '{text}' is neither epoch nor a number of steps per frame from {SlowestSpeed.ToString(CultureInfo.InvariantCulture)} to {FastestSpeed.ToString(CultureInfo.InvariantCulture)}");

    private static ulong ParseSeed(string text) =>
        ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong v) ? v : throw Bad($"seed: '{text}' is not a whole number from 0 to {ulong.MaxValue}");

    private static BackpropException Bad(string message) => BackpropException.BadSetting(message);
}
