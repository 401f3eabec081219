using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Backprop.Registration;

/// <summary>
/// Where an options record's JSON contract comes from: the generated <see cref="BuiltInOptionsJson"/> for the built-in records, then
/// reflection for a record of the user's own, but only where the runtime allows reflection-based JSON (not in a trimmed or Native AOT
/// program, where <see cref="JsonSerializer.IsReflectionEnabledByDefault"/> is false and a user's record needs its own context).
/// </summary>
internal static class OptionsTypeInfo
{
    /// <summary>The built-in contracts, then reflection where it is enabled.</summary>
    public static IJsonTypeInfoResolver Resolver { get; } = JsonSerializer.IsReflectionEnabledByDefault
        ? JsonTypeInfoResolver.Combine(BuiltInOptionsJson.Default, Reflection())
        : BuiltInOptionsJson.Default;

    /// <summary><paramref name="options"/> with enums written by snake_case name: the built-in ones always, any other where reflection is enabled.</summary>
    public static JsonSerializerOptions WithEnumConverters(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter<Preprocessing.Imputation>(JsonNamingPolicy.SnakeCaseLower));
        if (JsonSerializer.IsReflectionEnabledByDefault) options.Converters.Add(AnyEnum());
        return options;
    }

    /// <summary>The contract of <paramref name="type"/> under <paramref name="options"/>.</summary>
    /// <exception cref="NotSupportedException">A record no context describes, in a program without reflection-based JSON (the message names it).</exception>
    public static JsonTypeInfo For(JsonSerializerOptions options, Type type)
    {
        try { return options.GetTypeInfo(type); }
        catch (NotSupportedException e)
        {
            throw new NotSupportedException($"The options record {type.Name} has no JSON contract in this trimmed or native program: add it to a JsonSerializerContext in RegistryEntry's Json.TypeInfoResolverChain before first use.", e);
        }
    }

    // Reached only when JsonSerializer.IsReflectionEnabledByDefault is true, a feature switch the trimmer and the AOT compiler fold
    // to false (the SDK sets it false for PublishTrimmed and PublishAot), removing this call.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Guarded by JsonSerializer.IsReflectionEnabledByDefault.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Guarded by JsonSerializer.IsReflectionEnabledByDefault.")]
    private static IJsonTypeInfoResolver Reflection() => new DefaultJsonTypeInfoResolver();

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Guarded by JsonSerializer.IsReflectionEnabledByDefault.")]
    private static JsonConverter AnyEnum() => new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower);
}
