using Backprop.Datasets;
using Backprop.Playground.Sessions;
using Xunit;

namespace Backprop.Playground.Tests;

/// <summary>A generated 2-D set's model names its features as the page's inputs do (x₁, x₂ are the keys x1, x2), so a model trained by the
/// CLI and the playground's inputs speak of the same columns.</summary>
public class GeneratedSetNamesTests
{
    [Theory]
    [InlineData(GeneratedSet.Spirals)]
    [InlineData(GeneratedSet.Xor)]
    [InlineData(GeneratedSet.Moons)]
    [InlineData(GeneratedSet.Circles)]
    public void APlaneSetsFeaturesAreThePagesDefaultInputs(GeneratedSet set)
    {
        var names = GeneratedSets.Metadata(GeneratedSets.Generate(set, seed: 1)).FeatureNames!;
        Settings Parse(string? feat) => Settings.Parse(feat is null ? [] : [new("feat", feat)]);
        Assert.True(Parse(null).KeepsShape(Parse(string.Join(",", names))), $"features {string.Join(", ", names)} are not the page's default inputs");
    }
}
