using Backprop.Data;
using Backprop.IO;

namespace Backprop.Cli.Common;

/// <summary>The generated data sets <c>--data</c> can name.</summary>
internal enum GeneratedSet { Spirals, Xor, Moons, Circles, Sine }

/// <summary>Names, generators and column descriptions of the generated data sets.</summary>
internal static class GeneratedSets
{
    public static readonly string[] Names = ["spirals", "xor", "moons", "circles", "sine"];

    public static string Name(GeneratedSet data) => Names[(int)data];

    public static bool TryParse(string text, out GeneratedSet data)
    {
        int i = Array.IndexOf(Names, text.Trim().ToLowerInvariant());
        data = i >= 0 ? (GeneratedSet)i : default;
        return i >= 0;
    }

    public static Dataset<float> Generate(GeneratedSet data, ulong seed) => data switch
    {
        GeneratedSet.Spirals => Backprop.Data.Generate.Spirals<float>(perClass: 300, classes: 3, seed: seed),
        GeneratedSet.Xor => Backprop.Data.Generate.Xor<float>(count: 200, seed: seed),
        GeneratedSet.Moons => Backprop.Data.Generate.Moons<float>(count: 400, seed: seed),
        GeneratedSet.Circles => Backprop.Data.Generate.Circles<float>(count: 400, seed: seed),
        _ => Backprop.Data.Generate.Sine<float>(count: 1000, seed: seed),
    };

    /// <summary>What a model trained on a generated set records: features x (and y), classes 0, 1, ... or the target y.</summary>
    public static ModelMetadata Metadata(Dataset<float> data) => new()
    {
        Task = data.Classes > 0 ? TaskKind.Classification : TaskKind.Regression,
        ClassNames = data.Classes > 0 ? [.. Enumerable.Range(0, data.Classes).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture))] : null,
        FeatureNames = data.Features == 2 ? ["x", "y"] : ["x"], TargetName = data.Classes > 0 ? "class" : "y",
    };
}
