using Backprop.Data;
using Backprop.Errors;

namespace Backprop.Tests.Fuzz;

/// <summary>What a fuzz case of a data-file loader must come to: a table of finite features, or a one-line refusal naming the file.</summary>
internal static class LoadOrRefusal
{
    /// <summary>True when <paramref name="load"/> loaded; false when it refused with our exception naming <paramref name="name"/>; any other exception escapes.</summary>
    public static bool Of(Func<TabularData<float>> load, string name)
    {
        try
        {
            var data = load();
            Assert.All(data.Data.X.ToArray(), v => Assert.True(float.IsFinite(v)));
            return true;
        }
        catch (BackpropException e)
        {
            Assert.DoesNotContain('\n', e.Message);
            Assert.StartsWith(name, e.Message);
            return false;
        }
    }
}
