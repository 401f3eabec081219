using Backprop.Data;
using Backprop.Errors;
using Backprop.Tensors;

namespace Backprop.Playground.Sessions;

/// <summary>One input computed from a point (x₁, x₂) of the plane, as TensorFlow Playground offers them.</summary>
/// <param name="Key">Its name in the settings (<c>feat=x1,x2,x1sq</c>).</param>
/// <param name="Name">Its name on the page.</param>
/// <param name="Value">Its value at (x₁, x₂).</param>
internal sealed record PlaneFeature(string Key, string Name, Func<double, double, double> Value);

/// <summary>
/// The inputs a generated 2-D set can give the network instead of (or beside) x₁ and x₂: a good one replaces a layer (circles are
/// separated by x₁² + x₂² with no hidden layer at all).
/// </summary>
internal static class PlaneFeatures
{
    /// <summary>Every input offered, in the page's order.</summary>
    public static IReadOnlyList<PlaneFeature> All { get; } =
    [
        new("x1", "x₁", (x, _) => x),                // x₁
        new("x2", "x₂", (_, y) => y),                // x₂
        new("x1sq", "x₁²", (x, _) => x * x),         // x₁²
        new("x2sq", "x₂²", (_, y) => y * y),         // x₂²
        new("x1x2", "x₁x₂", (x, y) => x * y),        // x₁·x₂
        new("sinx1", "sin x₁", (x, _) => Math.Sin(x)), // sin x₁
        new("sinx2", "sin x₂", (_, y) => Math.Sin(y)), // sin x₂
    ];

    /// <summary>The default inputs: the plane's own coordinates.</summary>
    public static IReadOnlyList<string> Default { get; } = ["x1", "x2"];

    /// <summary>The keys of <c>feat</c> (comma-separated, each once, at least one), in the order of <see cref="All"/>.</summary>
    /// <exception cref="BackpropException">An unknown or repeated key, or none.</exception>
    public static IReadOnlyList<string> Parse(string text)
    {
        var keys = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(k => k.ToLowerInvariant()).ToArray();
        if (keys.Length == 0) throw BackpropException.BadSetting("feat: no input chosen; give at least one of " + string.Join(", ", All.Select(f => f.Key)));
        foreach (var key in keys)
            if (!All.Any(f => f.Key == key)) throw BackpropException.BadSetting($"feat: '{key}' is not an input; expected some of {string.Join(", ", All.Select(f => f.Key))}");
        if (keys.Distinct().Count() != keys.Length) throw BackpropException.BadSetting("feat: an input is given twice");
        return [.. All.Where(f => keys.Contains(f.Key)).Select(f => f.Key)];
    }

    /// <summary>The inputs named by <paramref name="keys"/>.</summary>
    public static IReadOnlyList<PlaneFeature> Of(IReadOnlyList<string> keys) => [.. All.Where(f => keys.Contains(f.Key))];

    /// <summary>The rows of <paramref name="plane"/> (features x₁, x₂) with <paramref name="inputs"/> as their features, targets kept.</summary>
    public static Dataset<double> Expand(Dataset<double> plane, IReadOnlyList<PlaneFeature> inputs)
    {
        var x = plane.X.Span;
        var expanded = new Tensor<double>(new Shape(plane.Count, inputs.Count));
        var e = expanded.Span;
        for (int r = 0; r < plane.Count; r++)
            for (int i = 0; i < inputs.Count; i++) e[r * inputs.Count + i] = inputs[i].Value(x[2 * r], x[2 * r + 1]);
        return new Dataset<double>(expanded, plane.Y, plane.Classes);
    }
}

/// <summary>A generated 2-D set's <paramref name="Inputs"/> and its rows as points of the plane (features x₁, x₂), in the order of the data's rows.</summary>
internal sealed record PlaneInputs(IReadOnlyList<PlaneFeature> Inputs, Dataset<double> Train, Dataset<double> Test);
