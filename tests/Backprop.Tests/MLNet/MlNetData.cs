using Backprop.Tests.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.Tests.MLNet;

/// <summary>Small data sets for the ML.NET trainer tests: iris from the repository's file, and seeded blobs and lines made in memory.</summary>
internal static class MlNetData
{
    /// <summary>One row of a generated set.</summary>
    public sealed class Row
    {
        [VectorType(2)] public float[] Features = [];
        public bool Flag;
        public float Value;
    }

    /// <summary>The columns of iris.data.</summary>
    public sealed class Iris
    {
        [LoadColumn(0)] public float SepalLength;
        [LoadColumn(1)] public float SepalWidth;
        [LoadColumn(2)] public float PetalLength;
        [LoadColumn(3)] public float PetalWidth;
        [LoadColumn(4)] public string Species = "";
    }

    /// <summary>Iris through LoadFromTextFile, with the four measurements concatenated, min-max normalised, and the species as a key.</summary>
    public static (IDataView Data, IEstimator<ITransformer> Prepare) IrisPipeline(MLContext ml)
    {
        var data = ml.Data.LoadFromTextFile<Iris>(RepoData.Path("iris/iris.data"), separatorChar: ',');
        var prepare = ml.Transforms.Concatenate("Features", nameof(Iris.SepalLength), nameof(Iris.SepalWidth), nameof(Iris.PetalLength), nameof(Iris.PetalWidth))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", nameof(Iris.Species)));
        return (data, prepare);
    }

    /// <summary>
    /// <paramref name="n"/> rows: two Gaussian blobs (Flag true around (1, 1), false around (−1, −1)) and Value = 40 + 3·x₀ − 2·x₁ + noise,
    /// a label in the tens that only a target scaler makes easy.
    /// </summary>
    public static IEnumerable<Row> Rows(int n, int seed, Action? onRow = null)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        for (int i = 0; i < n; i++)
        {
            bool flag = i % 2 == 0;
            float x0 = (float)((flag ? 1 : -1) + 0.7 * Normal()), x1 = (float)((flag ? 1 : -1) + 0.7 * Normal());
            onRow?.Invoke();
            yield return new Row { Features = [x0, x1], Flag = flag, Value = (float)(40 + 3 * x0 - 2 * x1 + 0.1 * Normal()) };
        }
    }
}
