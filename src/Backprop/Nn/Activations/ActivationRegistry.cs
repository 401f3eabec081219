using System.Globalization;

namespace Backprop.Nn.Activations;

/// <summary>The activations <see cref="Activation.Parse"/> knows. Adding one: a file in this folder and one line here.</summary>
internal static class ActivationRegistry
{
    private static readonly List<ActivationEntry> entries =
    [
        new("sigmoid", null, _ => Activation.Sigmoid),
        new("tanh", null, _ => Activation.Tanh),
        new("relu", null, _ => Activation.Relu),
        new("leaky_relu", "ALPHA", a => new LeakyRelu(a ?? 0.01)),
        new("gelu", null, _ => Activation.Gelu),
        new("gelu_tanh", null, _ => Activation.GeluTanh),
        new("silu", null, _ => Activation.Silu),
        new("elu", "ALPHA", a => new Elu(a ?? 1.0)),
        new("softplus", null, _ => Activation.Softplus),
        new("identity", null, _ => Activation.Identity),
        new("softmax", null, _ => Activation.Softmax),
    ];

    /// <summary>Other spellings accepted for a registered name.</summary>
    private static readonly Dictionary<string, string> aliases = new()
    {
        ["linear"] = "identity", ["leakyrelu"] = "leaky_relu", ["leaky-relu"] = "leaky_relu", ["swish"] = "silu",
    };

    private static readonly Lock gate = new();

    public static IReadOnlyList<ActivationEntry> Entries { get { lock (gate) return [.. entries]; } }

    public static void Add(ActivationEntry entry)
    {
        if (string.IsNullOrWhiteSpace(entry.Name) || entry.Name.Contains(':'))
            throw new ArgumentException($"Activation name '{entry.Name}' must be non-empty and hold no ':'.");
        lock (gate)
        {
            entries.RemoveAll(e => e.Name == entry.Name);
            entries.Add(entry);
        }
    }

    public static Activation Parse(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split(':', 2);
        string name = aliases.GetValueOrDefault(parts[0], parts[0]);
        ActivationEntry? entry;
        lock (gate) entry = entries.Find(e => e.Name == name);
        if (entry is null) throw new FormatException($"Unknown activation '{text}'; expected one of {Activation.Names}.");
        if (parts.Length == 1) return entry.Create(null);
        if (entry.Parameter is null) throw new FormatException($"Activation '{text}': {name} takes no parameter; expected one of {Activation.Names}.");
        if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw new FormatException($"Activation '{text}': {entry.Parameter} must be a finite number; expected {entry.Usage}.");
        return entry.Create(value);
    }
}
