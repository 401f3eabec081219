using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Backprop.Registration;

/// <summary>
/// Where an options record's JSON contract comes from: the generated contexts added with <see cref="Add"/> (the built-in records',
/// Backprop.Training.BuiltInOptionsJson, at load), then reflection for a record of the user's own, but only where the runtime allows
/// reflection-based JSON (not in a trimmed or Native AOT program, where <see cref="JsonSerializer.IsReflectionEnabledByDefault"/> is
/// false and a user's record needs a context of its own).
/// </summary>
internal static class OptionsTypeInfo
{
    private static readonly Lock Gate = new();
    private static IJsonTypeInfoResolver[] _generated = [];

    /// <summary>The generated contracts, then reflection where it is enabled.</summary>
    public static IJsonTypeInfoResolver Resolver { get; } = new Chain();

    /// <summary>Adds a generated context's contracts.</summary>
    public static void Add(IJsonTypeInfoResolver generated)
    {
        lock (Gate) _generated = [.. _generated, generated];
    }

    /// <summary>The generated contract of <paramref name="type"/> under <paramref name="options"/>, or null.</summary>
    public static JsonTypeInfo? Generated(Type type, JsonSerializerOptions options)
    {
        foreach (var context in Volatile.Read(ref _generated))
            if (context.GetTypeInfo(type, options) is { } info) return info;
        return null;
    }

    private sealed class Chain : IJsonTypeInfoResolver
    {
        private readonly IJsonTypeInfoResolver? _reflection = JsonSerializer.IsReflectionEnabledByDefault ? Reflection() : null;

        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) => Generated(type, options) ?? _reflection?.GetTypeInfo(type, options);
    }

    /// <summary><paramref name="options"/> with enums written by snake_case name where reflection is enabled (a built-in enum names its
    /// converter itself, with <see cref="JsonConverterAttribute"/>, which the generated contracts use).</summary>
    public static JsonSerializerOptions WithEnumConverters(JsonSerializerOptions options)
    {
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
            throw new NotSupportedException($"The options record {type.Name} has no generated JSON contract, and this trimmed or native program has no reflection-based JSON.", e);
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
