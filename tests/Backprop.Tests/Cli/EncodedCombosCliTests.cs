using System.Globalization;
using System.Text;
using Backprop.Data;
using Backprop.Training;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

/// <summary><c>--sample-weight</c>, several targets and multilabel on a table whose columns are encoded (a text column): train, predict and evaluate.</summary>
public sealed class EncodedCombosCliTests : TempDirTest
{
    private const string Header = "city,x,w,t1,t2,l1,l2,l3";

    // 60 rows: a text column city (a, b, c), a number x, a weight w, two regression targets and three 0/1 labels.
    private static string[] Rows() => [.. Enumerable.Range(0, 60).Select(i =>
    {
        string city = "abc"[i % 3].ToString();
        double x = (i % 7 - 3) / 2.0, t1 = 2 * x + i % 3, t2 = x - 1;
        return string.Create(CultureInfo.InvariantCulture, $"{city},{x:R},{1 + i % 2},{t1:R},{t2:R},{(x > 0 ? 1 : 0)},{(city == "a" ? "true" : "false")},{i % 2}");
    })];

    private string Table() => Dir.File("data.csv", Header + "\n" + string.Join("\n", Rows()) + "\n");

    // The same rows with the columns in another order: a model reads them by name.
    private string Shuffled()
    {
        int[] order = [4, 7, 2, 1, 0, 3, 6, 5];
        static string Pick(string line, int[] order) { var cells = line.Split(','); return string.Join(",", order.Select(j => cells[j])); }
        return Dir.File("shuffled.csv", Pick(Header, order) + "\n" + string.Join("\n", Rows().Select(r => Pick(r, order))) + "\n");
    }

    private static CliRun Train(string data, string model, params string[] more) =>
        CliRun.Of(["train", "--data", data, "--epochs", "5", "--seed", "1", "--validation", "0", "--out", model, .. more]);

    private static void RoundTrip(string model, string data)
    {
        var predict = CliRun.Of("predict", "--model", model, "--data", data);
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        var evaluate = CliRun.Of("evaluate", "--model", model, "--data", data);
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
    }

    [Fact]
    public void SampleWeightsOnAnEncodedTable()
    {
        string model = Dir.Path("m.safetensors");
        var run = Train(Table(), model, "--target", "t1", "--drop", "t2,l1,l2,l3", "--sample-weight", "w");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("sample weights from column w", run.Stdout);
        var network = Network<float>.Load(model);
        Assert.Equal(["city", "x"], network.Metadata.Schema!.Encoders!.Select(e => e.Column)); // one encoder per feature column left; w is none
        Assert.DoesNotContain(network.Metadata.FeatureNames!, n => n.StartsWith('w'));
        RoundTrip(model, Shuffled());

        var table = DataFile.Load<float>(Table(), new CsvOptions { Target = "t1", Drop = ["t2", "l1", "l2", "l3"] });
        var weighted = SampleWeights.FromColumn(table, "w");
        Assert.Equal(Enumerable.Range(0, 60).Select(i => (float)(1 + i % 2)), weighted.Data.Weights!.ToArray());
        Assert.Equal(weighted.Data.Weights!.ToArray(), weighted.Refit([0, 1, 2, 3, 4, 5]).Data.Weights!.ToArray()); // train refits the encoders: the weights stay
    }

    [Theory]
    [InlineData("heavy", "bad.csv line 5, column \"w\": \"heavy\" is not a number")]
    [InlineData("", "bad.csv line 5, column \"w\": sample weight is missing")]
    public void AMissingOrTextWeightOnAnEncodedTableIsRefusedNamingLineAndColumn(string weight, string message)
    {
        var rows = Rows();
        var cells = rows[3].Split(',');
        cells[2] = weight;
        rows[3] = string.Join(",", cells);
        string data = Dir.File("bad.csv", Header + "\n" + string.Join("\n", rows) + "\n");
        Train(data, Dir.Path("m.safetensors"), "--target", "t1", "--drop", "t2,l1,l2,l3", "--sample-weight", "w")
            .AssertOneLineError(message, Backprop.Cli.BackpropCli.Failure);
    }

    [Fact]
    public void TwoTargetsOnAnEncodedTableAreReadBackByName()
    {
        string model = Dir.Path("m.safetensors");
        var run = Train(Table(), model, "--target", "t1,t2", "--drop", "w,l1,l2,l3");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var schema = Network<float>.Load(model).Metadata.Schema!;
        Assert.Equal(["city", "x"], schema.Encoders!.Select(e => e.Column));
        RoundTrip(model, Shuffled());

        var read = DataFile.Load<float>(Shuffled(), new CsvOptions(), schema); // as evaluate reads it: the targets found by name, as numbers
        var expected = Rows().SelectMany(r => r.Split(',')[3..5].Select(c => float.Parse(c, CultureInfo.InvariantCulture)));
        Assert.Equal(expected, read.Data.Y.ToArray());
        Assert.Equal(DataFile.Load<float>(Table(), new CsvOptions(), schema).Data.X.ToArray(), read.Data.X.ToArray());
        Assert.Equal(4, read.Data.Features); // city a, b, c and x
    }

    [Fact]
    public void MultilabelOnAnEncodedTable()
    {
        string model = Dir.Path("m.safetensors");
        var run = Train(Table(), model, "--task", "multilabel", "--target", "l1,l3", "--drop", "w,t1,t2,l2");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var schema = Network<float>.Load(model).Metadata.Schema!;
        Assert.Equal(["city", "x"], schema.Encoders!.Select(e => e.Column));
        RoundTrip(model, Shuffled());
        var read = DataFile.Load<float>(Shuffled(), new CsvOptions(), schema);
        Assert.Equal(Rows().SelectMany(r => new[] { r.Split(',')[5], r.Split(',')[7] }.Select(c => float.Parse(c, CultureInfo.InvariantCulture))), read.Data.Y.ToArray());
    }

    [Fact]
    public void ABooleanLabelColumnOfAnEncodedTableIsTakenAsATarget()
    {
        var run = Train(Table(), Dir.Path("m.safetensors"), "--task", "multilabel", "--target", "l1,l2", "--drop", "w,t1,t2,l3");
        Assert.True(run.ExitCode == 0, run.Stderr);
    }
}
