using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Preprocessing;
using Backprop.Registration;
using Backprop.Training.Schedules;
using Xunit;

namespace Backprop.Tests.Registration;

/// <summary>
/// The built-in options records travel as JSON through generated contracts (BuiltInOptionsJson), not reflection, so the native
/// (Native AOT) tool reads and writes model files and checkpoints; and they write what reflection wrote, so older files still read.
/// </summary>
public sealed class GeneratedContractTests
{
    // Every built-in entry of every registry (a user's entries, which other tests add, live in other assemblies).
    private static IEnumerable<IRegistryEntry<object>> BuiltInEntries() =>
        new IEnumerable<IRegistryEntry<object>>[]
        {
            Optimizers.Registry.Entries, Schedules.Registry.Entries, Scalers.Registry.Entries, Initializers.Registry.Entries,
            Layers.Registry.Entries, Losses.Registry.Entries, ColumnEncoders.Registry.Entries,
        }.SelectMany(e => e).Where(e => e.OptionsType.Assembly == typeof(Layers).Assembly);

    [Fact]
    public void Every_built_in_options_record_has_a_generated_contract()
    {
        var types = BuiltInEntries().Select(e => e.OptionsType).Distinct().ToList();
        Assert.True(types.Count >= 20, $"only {types.Count} options records found");
        foreach (var type in types)
        {
            Assert.True(OptionsTypeInfo.Generated(type, RegistryEntry<object, object>.Json) is not null, $"{type.Name} has no generated JSON contract (BuiltInOptionsJson)");
        }
    }

    [Fact]
    public void The_generated_contracts_write_what_reflection_wrote()
    {
        var reflection = new JsonSerializerOptions(RegistryEntry<object, object>.Json) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        foreach (var entry in BuiltInEntries())
        {
            // the typed record (the interface shows it as JSON only)
            object defaults = entry.GetType().GetProperty("Defaults", entry.OptionsType)!.GetValue(entry)!;
            var written = JsonSerializer.SerializeToNode(defaults, entry.OptionsType, reflection)!;
            Assert.True(JsonNode.DeepEquals(written, entry.Defaults), $"{entry.Name}: {entry.Defaults.ToJsonString()} instead of {written.ToJsonString()}");
        }
        // an enum by its snake_case name, as before
        Assert.Contains("\"impute\":\"mean\"", ColumnEncoders.Registry.Get("number").Defaults.ToJsonString());
    }
}
