using Backprop.Registration;

namespace Backprop.Data;

/// <summary>
/// The feature scalings by name (<c>--scale</c>, the model file's scaler <c>kind</c>, <see cref="Scaler.FromState"/>): each built-in is its
/// file in <c>Data/Scalings</c> plus one line here. Add your own with
/// <c>Scalers.Registry.Add(new RegistryEntry&lt;Scaling, NoOptions&gt;("my_scale", NoOptions.Value, _ =&gt; new MyScaling()))</c>; its
/// <see cref="Scaling.Name"/> must be the registered name, so that a saved model's scaler loads again.
/// </summary>
public static class Scalers
{
    /// <summary>The registry: standard, minmax (alias <c>min_max</c>), none, then any added.</summary>
    public static Registry<Scaling> Registry { get; } = Built(
    [
        new RegistryEntry<Scaling, NoOptions>("standard", NoOptions.Value, _ => Scaling.Standard, "x' = (x - mean) / sd"),
        new RegistryEntry<Scaling, NoOptions>("minmax", NoOptions.Value, _ => Scaling.MinMax, "x' = (x - min) / (max - min)", ["min_max"]),
        new RegistryEntry<Scaling, NoOptions>("none", NoOptions.Value, _ => Scaling.None, "features as they are"),
    ]);

    /// <summary>The scaling named <paramref name="text"/> (a registered name or alias, any case).</summary>
    /// <exception cref="FormatException">No such scaling; the message lists the names.</exception>
    public static Scaling Parse(string text) => Registry.Find(text)?.Create()
        ?? throw new FormatException($"Unknown scaler '{text}'; expected one of {Registry.Names}.");

    private static Registry<Scaling> Built(IRegistryEntry<Scaling>[] entries)
    {
        var registry = new Registry<Scaling>("scaler");
        foreach (var entry in entries) registry.Add(entry);
        return registry;
    }
}
