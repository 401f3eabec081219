using Backprop.Data;
using Backprop.IO;
using Backprop.Nn;

namespace Backprop.Datasets;

/// <summary>The generated data sets: the CLI's <c>--data</c> and the playground name them.</summary>
public enum GeneratedSet
{
    /// <summary>Three interleaved spiral arms, 900 points.</summary>
    Spirals,
    /// <summary>Four clusters at the unit square's corners, class x₀ XOR x₁, 200 points.</summary>
    Xor,
    /// <summary>Two interleaving half circles, 400 points.</summary>
    Moons,
    /// <summary>A small circle inside a large one, 400 points.</summary>
    Circles,
    /// <summary>1-D regression y = sin(x) + noise, 1000 points.</summary>
    Sine,
}

/// <summary>Names, generators and column descriptions of the generated data sets.</summary>
public static class GeneratedSets
{
    /// <summary>Each set's name, in the order of <see cref="GeneratedSet"/>.</summary>
    public static readonly string[] Names = ["spirals", "xor", "moons", "circles", "sine"];

    /// <summary>The set's name: <c>spirals</c>, <c>xor</c>, ...</summary>
    public static string Name(GeneratedSet data) => Names[(int)data];

    /// <summary>The set called <paramref name="text"/> (case and surrounding spaces ignored), or false.</summary>
    public static bool TryParse(string text, out GeneratedSet data)
    {
        int i = Array.IndexOf(Names, text.Trim().ToLowerInvariant());
        data = i >= 0 ? (GeneratedSet)i : default;
        return i >= 0;
    }

    /// <summary>
    /// The set drawn from <paramref name="seed"/>; <paramref name="noise"/> is the standard deviation of the noise added to each
    /// coordinate (or to y for sine), null for the set's own default (0.05 for circles, 0.1 for the others).
    /// </summary>
    public static Dataset<float> Generate(GeneratedSet data, ulong seed, double? noise = null) => data switch
    {
        GeneratedSet.Spirals => Backprop.Data.Generate.Spirals<float>(perClass: 300, classes: 3, noise: noise ?? 0.1, seed: seed),
        GeneratedSet.Xor => Backprop.Data.Generate.Xor<float>(count: 200, noise: noise ?? 0.1, seed: seed),
        GeneratedSet.Moons => Backprop.Data.Generate.Moons<float>(count: 400, noise: noise ?? 0.1, seed: seed),
        GeneratedSet.Circles => Backprop.Data.Generate.Circles<float>(count: 400, noise: noise ?? 0.05, seed: seed),
        _ => Backprop.Data.Generate.Sine<float>(count: 1000, noise: noise ?? 0.1, seed: seed),
    };

    /// <summary>What a model trained on a generated set records: features x1 and x2 (x alone for sine), classes 0, 1, ... or the target y.</summary>
    public static ModelMetadata Metadata(Dataset<float> data) => new()
    {
        Task = data.Classes > 0 ? TaskKind.Classification : TaskKind.Regression,
        ClassNames = data.Classes > 0 ? [.. Enumerable.Range(0, data.Classes).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture))] : null,
        FeatureNames = data.Features == 2 ? ["x1", "x2"] : ["x"], TargetName = data.Classes > 0 ? "class" : "y",
    };
}
