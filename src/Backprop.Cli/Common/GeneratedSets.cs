using Backprop.Data;
using Backprop.Nn;

namespace Backprop.Cli.Common;

/// <summary>The generated data sets <c>--data</c> can name.</summary>
internal enum DataChoice { Spirals, Xor, Moons, Circles, Sine }

/// <summary>Settings that train a data set well; used for every option the user leaves out.</summary>
internal sealed record DataDefaults(int[] Layers, Activation Hidden, Loss Loss, double LearningRate, int BatchSize, int Epochs);

/// <summary>Names, generators and default training settings of the generated data sets.</summary>
internal static class DataSets
{
    public static readonly string[] Names = ["spirals", "xor", "moons", "circles", "sine"];

    public static string Name(DataChoice data) => Names[(int)data];

    public static bool TryParse(string text, out DataChoice data)
    {
        int i = Array.IndexOf(Names, text.Trim().ToLowerInvariant());
        data = i >= 0 ? (DataChoice)i : default;
        return i >= 0;
    }

    public static Dataset<float> Generate(DataChoice data, ulong seed) => data switch
    {
        DataChoice.Spirals => Backprop.Data.Generate.Spirals<float>(perClass: 300, classes: 3, seed: seed),
        DataChoice.Xor => Backprop.Data.Generate.Xor<float>(count: 200, seed: seed),
        DataChoice.Moons => Backprop.Data.Generate.Moons<float>(count: 400, seed: seed),
        DataChoice.Circles => Backprop.Data.Generate.Circles<float>(count: 400, seed: seed),
        _ => Backprop.Data.Generate.Sine<float>(count: 1000, seed: seed),
    };

    public static DataDefaults Defaults(DataChoice data) => data switch
    {
        DataChoice.Spirals => new([2, 32, 32, 3], Activation.Relu, new CrossEntropy(), 0.2, 32, 200),
        DataChoice.Xor => new([2, 8, 2], Activation.Tanh, new CrossEntropy(), 0.5, 16, 30),
        DataChoice.Moons => new([2, 16, 16, 2], Activation.Tanh, new CrossEntropy(), 0.2, 16, 100),
        DataChoice.Circles => new([2, 16, 16, 2], Activation.Tanh, new CrossEntropy(), 0.2, 16, 100),
        _ => new([1, 32, 32, 1], Activation.Tanh, new HalfSquaredError(), 0.1, 16, 100),
    };
}
