using System.Numerics;
using System.Text.Json.Nodes;
using Backprop.Registration;

namespace Backprop.Nn;

/// <summary>
/// The module types by registered name: a layer or container is its file plus one line here. Model files store each module as its
/// name and settings (<see cref="ModuleSpec"/>), so a user's layer registered with <see cref="Register{TConfig}"/> saves and loads
/// like a built-in one.
/// </summary>
public static class Layers
{
    /// <summary>Every module type; an entry's options record is the <see cref="ModuleConfig"/> itself.</summary>
    public static Registry<ModuleConfig> Registry { get; } = Built();

    private static Registry<ModuleConfig> Built()
    {
        var r = new Registry<ModuleConfig>("layer");
        Add(r, "sequential", new SequentialConfig(), "Modules applied one after another.");
        Add(r, "dense", new DenseConfig(1, 1), "Z = X·W + b, A = f(Z).", "linear");
        Add(r, "activation", new ActivationConfig("identity"), "A = f(Z) elementwise.");
        Add(r, "dropout", new DropoutConfig(0.5), "Zeroes each value with probability p in training.");
        Add(r, "batch_norm1d", new BatchNormConfig(1), "Per-feature batch normalisation with running statistics.", "batch_norm", "batchnorm1d");
        Add(r, "layer_norm", new LayerNormConfig(1), "Per-row normalisation over the features.", "layernorm");
        Add(r, "residual", new ResidualConfig(), "y = x + f(x) around a block of equal width.");
        Add(r, "temperature", new TemperatureConfig(), "y = x / T: temperature scaling of the logits (calibration).");
        return r;
    }

    private static void Add<TConfig>(Registry<ModuleConfig> r, string name, TConfig defaults, string summary, params string[] aliases) where TConfig : ModuleConfig
        => r.Add(new RegistryEntry<ModuleConfig, TConfig>(name, defaults, c => c, summary, aliases));

    /// <summary>Registers a module type of your own: <paramref name="name"/> and its config record (with defaults).</summary>
    public static void Register<TConfig>(string name, TConfig defaults, string summary = "", params string[] aliases) where TConfig : ModuleConfig
        => Add(Registry, name, defaults, summary, aliases);

    /// <summary>The stored form of <paramref name="module"/> and its children.</summary>
    /// <exception cref="ArgumentException">A module has no <see cref="Module{T}.Config"/>, or its config type is not registered (the message names the module).</exception>
    public static ModuleSpec Describe<T>(Module<T> module) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var config = module.Config ?? throw new ArgumentException($"{module} ({module.GetType().Name}) describes no configuration, so it cannot be saved; give it a Config registered in Layers.");
        var entry = Registry.Entries.FirstOrDefault(e => e.OptionsType == config.GetType())
            ?? throw new ArgumentException($"{module}: its configuration type {config.GetType().Name} is not registered in Layers.");
        var json = System.Text.Json.JsonSerializer.SerializeToNode(config, OptionsTypeInfo.For(RegistryEntry<ModuleConfig, ModuleConfig>.Json, config.GetType()))?.AsObject() ?? [];
        return new ModuleSpec(entry.Name, json, [.. module.Children.Select(c => Describe(c.Module))]);
    }

    /// <summary>Builds the module <paramref name="spec"/> describes (state not loaded). With <paramref name="maxValues"/>, building stops as soon
    /// as the modules built hold more parameters and buffers than that (a file's tensors must hold them all), so a hostile description
    /// allocates at most one layer beyond what its file holds.</summary>
    /// <exception cref="FormatException">An unknown type or setting, settings a module refuses, or more values than <paramref name="maxValues"/>; the message names the place.</exception>
    public static Module<T> Build<T>(ModuleSpec spec, string where = "modules", long? maxValues = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long built = 0;
        return Build<T>(spec, where, maxValues ?? long.MaxValue, ref built);
    }

    private static Module<T> Build<T>(ModuleSpec spec, string where, long maxValues, ref long built) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var children = new List<Module<T>>(Math.Min(spec.Children.Count, 1024));
        for (int i = 0; i < spec.Children.Count; i++) children.Add(Build<T>(spec.Children[i], $"{where}.children[{i}]", maxValues, ref built));
        Module<T> module;
        try
        {
            var config = Registry.Create(spec.Type, spec.Config);
            if (built + config.Values > maxValues) // refused before allocating: the file cannot hold them
                throw new FormatException($"it would hold {config.Values} values, and with the modules before it more than the file's {maxValues}");
            module = config.Build<T>(children);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new FormatException($"{where} ({spec.Type}): {e.Message.TrimEnd('.')}", e);
        }
        if (spec.Children.Count == 0 && (built += module.ParameterCount + module.NamedBuffers().Sum(b => (long)b.Value.Length)) > maxValues)
            throw new FormatException($"{where} ({spec.Type}): the modules so far hold {built} values, more than the file's {maxValues}");
        return module;
    }

    /// <summary>The JSON form of a whole model: <see cref="Describe{T}"/>'s spec as JSON text.</summary>
    public static string ToJson<T>(Module<T> model) where T : unmanaged, IFloatingPointIeee754<T> => Describe(model).ToJson().ToJsonString();

    internal static JsonObject Json<TConfig>(TConfig config) where TConfig : ModuleConfig => RegistryEntry<ModuleConfig, TConfig>.ToJson(config);
}
