using System.Text.Json;
using System.Text.Json.Nodes;
using Backprop.Preprocessing.Encoders;
using Backprop.Registration;

namespace Backprop.Preprocessing;

/// <summary>
/// The column encoders by name (the model file's <c>encoders</c>, <see cref="EncoderState.Type"/>): each is its file in <c>Preprocessing/Encoders</c>
/// plus one line here, its settings record the fitted state. A column of a kind is fitted by the first entry whose encoder encodes that kind.
/// </summary>
internal static class ColumnEncoders
{
    /// <summary>The registry: number, one_hot, date_parts, boolean.</summary>
    public static Registry<ColumnEncoder> Registry { get; } = Built(
    [
        new RegistryEntry<ColumnEncoder, NumberSettings>(NumberEncoder.Registered, new NumberSettings(), s => new NumberEncoder(s), "x, a missing cell imputed"),
        new RegistryEntry<ColumnEncoder, OneHotSettings>("one_hot", new OneHotSettings(), s => new OneHotEncoder(s), "one input per level (sorted), rare levels pooled"),
        new RegistryEntry<ColumnEncoder, DatePartsSettings>("date_parts", new DatePartsSettings(), s => new DatePartsEncoder(s), "year, month, day of week, day of year"),
        new RegistryEntry<ColumnEncoder, BooleanSettings>("boolean", new BooleanSettings(), s => new BooleanEncoder(s), "true/yes 1, false/no 0"),
    ]);

    /// <summary>An unfitted encoder for a column of <paramref name="kind"/>: the first registered one that encodes it.</summary>
    public static ColumnEncoder For(ColumnKind kind) =>
        Registry.Entries.Select(e => e.Create()).FirstOrDefault(e => e.Kind == kind) ?? throw new InvalidOperationException($"No encoder is registered for {kind} columns.");

    /// <summary>The fitted encoder <paramref name="state"/> describes.</summary>
    /// <exception cref="FormatException">No encoder of that name, or settings that do not fit it.</exception>
    public static ColumnEncoder Restore(EncoderState state)
    {
        JsonObject? settings;
        try { settings = JsonNode.Parse(state.Settings) as JsonObject ?? throw new FormatException($"encoder of \"{state.Column}\": settings are not a JSON object"); }
        catch (JsonException) { throw new FormatException($"encoder of \"{state.Column}\": settings are not JSON"); }
        return Registry.Create(state.Type, settings);
    }

    /// <summary>A fitted encoder as plain data for the column <paramref name="column"/>.</summary>
    public static EncoderState State(ColumnEncoder encoder, string column) =>
        new(encoder.Name, column, JsonSerializer.SerializeToNode(encoder.Settings, OptionsTypeInfo.For(RegistryEntry<ColumnEncoder, NoOptions>.Json, encoder.Settings.GetType()))!.ToJsonString());

    private static Registry<ColumnEncoder> Built(IRegistryEntry<ColumnEncoder>[] entries)
    {
        var registry = new Registry<ColumnEncoder>("encoder");
        foreach (var entry in entries) registry.Add(entry);
        return registry;
    }
}
