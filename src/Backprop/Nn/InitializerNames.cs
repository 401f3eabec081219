namespace Backprop.Nn;

/// <summary>The text the CLI and model metadata use for an <see cref="Initializer"/>: Keras' names (<c>glorot_uniform</c>, <c>he_normal</c>,
/// <c>lecun_normal</c>, <c>orthogonal</c>, <c>zeros</c>, ...), <c>torch_linear</c> for PyTorch's <c>nn.Linear</c> default, <c>sklearn_uniform</c> for scikit-learn's MLP default, and <c>default</c>.</summary>
public static class InitializerNames
{
    private static readonly (Initializer Kind, string Name)[] Table =
    [
        (Initializer.Default, "default"), (Initializer.GlorotUniform, "glorot_uniform"), (Initializer.GlorotNormal, "glorot_normal"),
        (Initializer.HeUniform, "he_uniform"), (Initializer.HeNormal, "he_normal"), (Initializer.LeCunUniform, "lecun_uniform"),
        (Initializer.LeCunNormal, "lecun_normal"), (Initializer.Orthogonal, "orthogonal"), (Initializer.TorchLinear, "torch_linear"),
        (Initializer.SklearnUniform, "sklearn_uniform"), (Initializer.Zeros, "zeros"),
    ];

    /// <summary>Every name, joined by <paramref name="separator"/>.</summary>
    public static string All(string separator = ", ") => string.Join(separator, Table.Select(t => t.Name));

    /// <summary>The text of <paramref name="kind"/>.</summary>
    public static string Name(this Initializer kind) => Table.First(t => t.Kind == kind).Name;

    /// <summary>The initialiser named <paramref name="text"/> (any case; '-' may stand for '_').</summary>
    public static Initializer Parse(string text)
    {
        string key = text.Trim().ToLowerInvariant().Replace('-', '_');
        foreach (var (kind, name) in Table) if (name == key) return kind;
        throw new FormatException($"Unknown initializer '{text}'; expected one of {All()}.");
    }
}
