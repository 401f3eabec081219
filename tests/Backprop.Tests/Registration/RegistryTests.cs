using System.Text.Json.Nodes;
using Backprop.Registration;
using Xunit;

namespace Backprop.Tests.Registration;

public sealed class RegistryTests
{
    private sealed record WidgetOptions(double Rate = 0.5, int Count = 3, bool Enabled = true);

    private sealed record Widget(WidgetOptions Options);

    private static Registry<Widget> Make()
    {
        var registry = new Registry<Widget>("widget");
        registry.Add(new RegistryEntry<Widget, WidgetOptions>("spinner", new WidgetOptions(), o => new Widget(o), "Spins.", ["spin"]));
        return registry;
    }

    [Fact]
    public void Creates_from_defaults_overlaid_by_snake_case_options()
    {
        var registry = Make();
        Assert.Equal(new WidgetOptions(), registry.Create("spinner").Options);
        Assert.Equal(new WidgetOptions(Rate: 0.25, Count: 3), registry.Create(" SPIN ", new JsonObject { ["rate"] = 0.25 }).Options);
    }

    [Fact]
    public void Unknown_names_and_options_are_refused_naming_them()
    {
        var registry = Make();
        Assert.Contains("expected one of spinner", Assert.Throws<FormatException>(() => registry.Create("wheel")).Message);
        Assert.Contains("no option 'speed'; it takes rate, count, enabled", Assert.Throws<FormatException>(() => registry.Create("spinner", new JsonObject { ["speed"] = 1 })).Message);
        Assert.Contains("count", Assert.Throws<FormatException>(() => registry.Create("spinner", new JsonObject { ["count"] = "many" })).Message);
    }

    [Fact]
    public void A_taken_alias_is_refused_and_a_taken_name_replaced()
    {
        var registry = Make();
        Assert.Throws<ArgumentException>(() => registry.Add(new RegistryEntry<Widget, WidgetOptions>("wheel", new WidgetOptions(), o => new Widget(o), AliasList: ["spin"])));
        registry.Add(new RegistryEntry<Widget, WidgetOptions>("spinner", new WidgetOptions(Count: 9), o => new Widget(o)));
        Assert.Equal(9, registry.Create("spinner").Options.Count);
        Assert.Single(registry.Entries);
        Assert.Throws<ArgumentException>(() => registry.Add(new RegistryEntry<Widget, WidgetOptions>("has space", new WidgetOptions(), o => new Widget(o))));
    }
}
