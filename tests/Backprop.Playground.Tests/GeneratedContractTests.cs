using System.Text.Json.Serialization;
using Backprop.Playground.Inspect;
using Backprop.Playground.Sessions;

namespace Backprop.Playground.Tests;

/// <summary>The API writes its answers through generated JSON contracts, not reflection, so `backprop playground` runs in the native tool.</summary>
public sealed class GeneratedContractTests
{
    [Fact]
    public void EveryAnswerTypeHasAGeneratedContract()
    {
        foreach (var type in new[] { typeof(Setup), typeof(Frame), typeof(EdgeInspection), typeof(NodeInspection) })
            Assert.True(PlaygroundServer.Json.GetTypeInfo(type).OriginatingResolver is JsonSerializerContext, $"{type.Name} is written by reflection");
    }
}
