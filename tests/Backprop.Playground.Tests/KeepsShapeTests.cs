using Backprop.Playground.Sessions;
using Xunit;

namespace Backprop.Playground.Tests;

/// <summary>Which settings go on from the running weights (<see cref="Settings.KeepsShape"/>) and which start a new network.</summary>
public class KeepsShapeTests
{
    private const string Base = "data=spirals&hidden=8,8&act=tanh,tanh&seed=1";

    /// <summary>The base settings with <paramref name="change"/>'s keys replaced or added.</summary>
    private static Settings With(string change)
    {
        var values = new Dictionary<string, string>();
        foreach (var pair in (Base + "&" + change).Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')))
            values[pair[0]] = pair[1];
        return Settings.Parse(values);
    }

    [Theory]
    [InlineData("lr=0.1")]
    [InlineData("opt=sgd")]
    [InlineData("batch=32")]
    [InlineData("l2=0.01")]
    [InlineData("speed=3")]
    [InlineData("feat=x1,x2")] // the default inputs named, as a hash or a config call does
    public void TrainingSettingsKeepTheNetwork(string change) => Assert.True(With("").KeepsShape(With(change)));

    [Theory]
    [InlineData("hidden=8&act=tanh")]
    [InlineData("act=relu,relu")]
    [InlineData("seed=2")]
    [InlineData("data=xor")]
    [InlineData("feat=x1,x2,x1sq")]
    public void ShapeSettingsStartAgain(string change) => Assert.False(With("").KeepsShape(With(change)));

    [Fact]
    public void TheSameInputsParsedTwiceAreTheSame() => Assert.True(With("feat=x1,x2,sinx1").KeepsShape(With("feat=x1,x2,sinx1")));

    [Fact]
    public void SameAsComparesTheListsByTheirItems()
    {
        Assert.True(With("feat=x1,x2,sinx1&lr=0.1").SameAs(With("feat=x1,x2,sinx1&lr=0.1")));
        Assert.False(With("lr=0.1").SameAs(With("lr=0.2")));
    }
}
