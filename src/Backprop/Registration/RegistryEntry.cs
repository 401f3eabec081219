using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Backprop.Registration;

/// <summary>
/// A registered extension: its <paramref name="Name"/>, the options record <paramref name="Defaults"/> (every value with a default) and
/// the <paramref name="Factory"/> that makes one from options. Options travel as JSON with snake_case names (<c>weight_decay</c>), so
/// the model file, the checkpoint and the CLI's <c>--option key=value</c> all read the same record.
/// </summary>
/// <param name="Name">The name written to files.</param>
/// <param name="Defaults">The options used when none are given.</param>
/// <param name="Factory">Makes the item from complete options.</param>
/// <param name="Summary">One line for help text.</param>
/// <param name="AliasList">Other names accepted on reading.</param>
public sealed record RegistryEntry<TItem, TOptions>(string Name, TOptions Defaults, Func<TOptions, TItem> Factory, string Summary = "", IReadOnlyList<string>? AliasList = null)
    : IRegistryEntry<TItem> where TItem : class where TOptions : class
{
    /// <summary>How options records are written: snake_case names, numbers as JSON numbers, enums by name.</summary>
    public static JsonSerializerOptions Json { get; } = OptionsTypeInfo.WithEnumConverters(new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        RespectNullableAnnotations = true,
        TypeInfoResolver = OptionsTypeInfo.Resolver,
    });

    /// <summary>The contract of <typeparamref name="TOptions"/> under <see cref="Json"/> (generated for the built-in records).</summary>
    private static JsonTypeInfo<TOptions> TypeInfo => (JsonTypeInfo<TOptions>)OptionsTypeInfo.For(Json, typeof(TOptions));

    /// <inheritdoc/>
    public IReadOnlyList<string> Aliases => AliasList ?? [];

    /// <inheritdoc/>
    public Type OptionsType => typeof(TOptions);

    /// <inheritdoc/>
    JsonObject IRegistryEntry<TItem>.Defaults => ToJson(Defaults);

    /// <inheritdoc/>
    public bool Matches(string name)
    {
        string key = Registry<TItem>.Normalise(name);
        return Registry<TItem>.Normalise(Name) == key || Aliases.Any(a => Registry<TItem>.Normalise(a) == key);
    }

    /// <inheritdoc/>
    public TItem Create(JsonObject? options = null) => Factory(Read(options));

    /// <summary>The defaults overlaid by <paramref name="options"/>: each key must name one of the record's values.</summary>
    /// <exception cref="FormatException">A key is unknown, or a value does not fit its type.</exception>
    public TOptions Read(JsonObject? options)
    {
        if (options is null || options.Count == 0) return Defaults;
        var merged = ToJson(Defaults);
        foreach (var (key, value) in options)
        {
            if (!merged.ContainsKey(key))
                throw new FormatException($"{Name} has no option '{key}'; it takes {string.Join(", ", merged.Select(p => p.Key))}.");
            merged[key] = value?.DeepClone();
        }
        try { return merged.Deserialize(TypeInfo) ?? throw new FormatException($"{Name}: options are null."); }
        catch (JsonException e) { throw new FormatException($"{Name}: option {e.Path?.TrimStart('$', '.') ?? "?"} does not fit: {e.Message}", e); }
    }

    /// <summary>Options as JSON with snake_case names (what files store).</summary>
    public static JsonObject ToJson(TOptions options) => JsonSerializer.SerializeToNode(options, TypeInfo)?.AsObject() ?? [];
}
