using System.Text;
using Backprop.Data;
using Backprop.Onnx;
using Backprop.Training;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Backprop.Tests.Onnx;

/// <summary>A model with column encoders exports one input per original column, the encoders in the graph, and ONNX Runtime gives predict's
/// probabilities on rows with missing cells and unseen levels.</summary>
public class OnnxEncodedColumnsTests
{
    private static string Table()
    {
        var csv = new StringBuilder("city,size,day,open,label\n");
        string[] cities = ["Oslo", "Bergen", "Tromso", ""];
        for (int i = 0; i < 80; i++)
        {
            string size = i % 9 == 4 ? "" : (1 + i % 7 * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string day = i % 11 == 6 ? "" : new DateTime(2018, 1, 1).AddDays(i * 13).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            csv.Append($"{cities[i % 4]},{size},{day},{(i % 3 == 0 ? "true" : "no")},{((i % 4 + i % 7) % 2 == 0 ? "a" : "b")}\n");
        }
        return csv.ToString();
    }

    private static Stream Text(string csv) => new MemoryStream(Encoding.UTF8.GetBytes(csv));

    [Fact]
    public void TheGraphTakesTheRawColumnsAndAgreesWithPredict()
    {
        var data = Csv.Load<float>(Text(Table()), "t.csv", new CsvOptions { Target = "label", MissingIndicator = true, MinFrequency = 21 });
        Assert.Contains("city=(other)", data.FeatureNames); // Tromso (20 rows) is pooled
        var network = Network<float>.For(data, hidden: [8], seed: 3);
        network.Fit(data.Data, new TrainOptions { Epochs = 30, Seed = 3 });
        const string rows = "city,size,day,open\nParis,,2019-03-04,maybe\n,2.5,,TRUE\nOslo,1,2020-12-31,no\nTromso,3,2018-06-01,Yes\n";
        var unseen = new Dictionary<string, int>();
        var (x, _) = Csv.LoadFeatures<float>(Text(rows), "new.csv", data.Schema, new CsvOptions(), unseen);
        Assert.Equal(new Dictionary<string, int> { ["city"] = 1, ["open"] = 1 }, unseen);
        var expected = network.Predict(x).ToArray();

        using var session = new InferenceSession(OnnxExport.ToBytes(network));
        Assert.Equal(["city", "size", "day", "open"], session.InputNames);
        float nan = float.NaN;
        using var city = OrtValue.CreateFromStringTensor(new DenseTensor<string>(new[] { "Paris", "", "Oslo", "Tromso" }, [4, 1]));
        using var size = OrtValue.CreateTensorValueFromMemory(new[] { nan, 2.5f, 1f, 3f }, [4, 1]);
        // a date's parts: year, month, day of week (0 = Monday), day of year; NaN when missing
        using var day = OrtValue.CreateTensorValueFromMemory(new[] { 2019f, 3, 0, 63, nan, nan, nan, nan, 2020, 12, 3, 366, 2018, 6, 4, 152 }, [4, 4]);
        using var open = OrtValue.CreateFromStringTensor(new DenseTensor<string>(new[] { "maybe", "TRUE", "no", "Yes" }, [4, 1]));
        using var options = new RunOptions();
        using var results = session.Run(options, ["city", "size", "day", "open"], [city, size, day, open], session.OutputNames);
        var actual = results[0].GetTensorDataAsSpan<float>().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < actual.Length; i++) Assert.True(Math.Abs(actual[i] - expected[i]) <= 2e-5, $"output {i}: ONNX Runtime {actual[i]}, predict {expected[i]}");
    }
}
