using Backprop.Nn.Inits;
using Backprop.Registration;

namespace Backprop.Nn;

/// <summary>
/// The weight initialisers by name (<c>--init</c>, <see cref="Dense{T}"/>, <see cref="Mlp.Create{T}"/>, <c>Network.For</c>, the ML.NET
/// options): Keras' names (<c>glorot_uniform</c>, <c>he_normal</c>, ...), <c>torch_linear</c>, <c>sklearn_uniform</c> and <c>default</c>.
/// Each built-in is its file in <c>Nn/Inits</c> plus one line here; add your own with
/// <c>Initializers.Registry.Add(new RegistryEntry&lt;Initializer, NoOptions&gt;("my_init", NoOptions.Value, _ =&gt; new MyInit()))</c>.
/// </summary>
public static class Initializers
{
    /// <summary>The registry: default, glorot_uniform, glorot_normal, he_uniform, he_normal, lecun_uniform, lecun_normal, orthogonal, torch_linear, sklearn_uniform, zeros, then any added.</summary>
    public static Registry<Initializer> Registry { get; } = Built(
    [
        Entry(Initializer.Default, "by the activation: glorot_uniform, he_normal for the ReLU family"),
        Entry(Initializer.GlorotUniform, "U(-a, a), a = √(6 / (in + out))"),
        Entry(Initializer.GlorotNormal, "N(0, 2 / (in + out))"),
        Entry(Initializer.HeUniform, "U(-a, a), a = √(6 / in)"),
        Entry(Initializer.HeNormal, "N(0, 2 / in)"),
        Entry(Initializer.LeCunUniform, "U(-a, a), a = √(3 / in)"),
        Entry(Initializer.LeCunNormal, "N(0, 1 / in)"),
        Entry(Initializer.Orthogonal, "random orthogonal W"),
        Entry(Initializer.TorchLinear, "PyTorch's nn.Linear: W and b U(-1/√in, 1/√in)"),
        Entry(Initializer.SklearnUniform, "scikit-learn's MLP: W and b U(-a, a), a = √(6 / (in + out))"),
        Entry(Initializer.Zeros, "all zeros"),
    ]);

    /// <summary>The initialiser named <paramref name="text"/> (any case; '-' may stand for '_').</summary>
    /// <exception cref="FormatException">No such initialiser; the message lists the names.</exception>
    public static Initializer Parse(string text) => Registry.Find(text.Replace('-', '_'))?.Create()
        ?? throw new FormatException($"Unknown initializer '{text}'; expected one of {Registry.Names}.");

    private static RegistryEntry<Initializer, NoOptions> Entry(Initializer item, string summary) => new(item.Name, NoOptions.Value, _ => item, summary);

    private static Registry<Initializer> Built(IRegistryEntry<Initializer>[] entries)
    {
        var registry = new Registry<Initializer>("initializer");
        foreach (var entry in entries) registry.Add(entry);
        return registry;
    }
}
