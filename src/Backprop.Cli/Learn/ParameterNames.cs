using System.Globalization;
using System.Text.RegularExpressions;

namespace Backprop.Cli;

/// <summary>Parameter names as the learner commands write them: layer1.w, layer2.b (layers counted from 1, like explain --paths).</summary>
internal static partial class ParameterNames
{
    /// <summary>The library's "0.w" (module index, parameter) becomes "layer1.w"; other names are kept.</summary>
    public static string Of(string name)
    {
        var match = ModuleIndexed().Match(name);
        return match.Success ? $"layer{int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) + 1}.{match.Groups[2].Value}" : name;
    }

    /// <summary>The layer a weight belongs to: "0.w" → "layer1".</summary>
    public static string Layer(string name)
    {
        string shown = Of(name);
        int dot = shown.LastIndexOf('.');
        return dot > 0 ? shown[..dot] : shown;
    }

    [GeneratedRegex(@"^(\d+)\.(\w+)$")]
    private static partial Regex ModuleIndexed();
}
