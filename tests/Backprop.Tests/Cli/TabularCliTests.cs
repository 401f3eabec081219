using Backprop.Cli;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

/// <summary>Tables with text, dates and empty cells from the command line: they train with no option but --target; train's header and info say
/// what each column was taken as; predict and evaluate report unseen levels; malformed columns get one line each.</summary>
public sealed class TabularCliTests : TempDirTest
{
    private const string Weather =
        "day,city,rain,windy,temp\n" +
        "2021-01-04,Oslo,0.5,true,-3.5\n2021-02-11,Bergen,,false,4.1\n2021-03-19,Oslo,1.2,true,2.2\n2021-04-23,,0,false,9.5\n" +
        "2021-05-30,Bergen,3.5,true,12.3\n2021-06-06,Tromso,0.1,false,15.1\n2021-07-14,Oslo,,true,21.4\n2021-08-21,Bergen,2.2,false,18.2\n" +
        "2021-09-02,Tromso,0.4,true,10.5\n2021-10-10,Oslo,1.1,false,6.6\n2021-11-18,Bergen,4,true,3.3\n2021-12-24,Oslo,0.2,false,-6.1\n";

    [Fact]
    public void ACsvWithTextDatesAndEmptyCellsTrainsWithOnlyTheTarget()
    {
        string model = Dir.Path("m.safetensors");
        var train = CliRun.Of("train", "--data", Dir.File("weather.csv", Weather), "--target", "temp", "--epochs", "3", "--out", model);
        Assert.Equal(0, train.ExitCode);
        Assert.Contains("columns day date, city category, rain number, windy boolean;", train.StdoutLines[0]);
        var info = CliRun.Of("info", "--model", model);
        Assert.Contains("column        city: category, one-hot, 3 level(s)", info.Stdout); // the missing city fell in held-out rows or not: levels are the 3 names
        Assert.Contains("column        day: date, date → year, month, day of week, day of year", info.Stdout);
        var predict = CliRun.Of("predict", "--model", model, "--data", Dir.File("new.csv", "day,city,rain,windy\n2022-01-01,Paris,,true\n2022-06-01,Oslo,1,maybe\n"));
        Assert.Equal(0, predict.ExitCode);
        Assert.Equal(3, predict.StdoutLines.Length);
        Assert.Equal("unseen levels (encoded as all zeros): city 1, windy 1", Assert.Single(predict.StderrLines));
        var export = CliRun.Of("export", "--model", model, "--onnx", Dir.Path("m.onnx"));
        Assert.Contains("inputs 'day' float [N, 4], 'city' string [N, 1], 'rain' float [N, 1], 'windy' string [N, 1])", export.Stdout);
    }

    [Fact]
    public void PredictOnAParquetFileReportsUnseenLevelsToo()
    {
        string model = Dir.Path("m.safetensors");
        Assert.Equal(0, CliRun.Of("train", "--data", Dir.File("weather.csv", Weather), "--target", "temp", "--epochs", "3", "--out", model).ExitCode);
        string parquet = Dir.Path("new.parquet");
        Backprop.Tests.Data.ParquetFiles.Write(parquet, 10, Backprop.Tests.Data.ParquetFiles.Texts("day", ["2022-01-01", "2022-06-01"]),
            Backprop.Tests.Data.ParquetFiles.Texts("city", ["Paris", "Oslo"]), Backprop.Tests.Data.ParquetFiles.Nullable<double>("rain", [null, 1.0]),
            Backprop.Tests.Data.ParquetFiles.Texts("windy", ["true", "maybe"]));
        var predict = CliRun.Of("predict", "--model", model, "--data", parquet);
        Assert.Equal(0, predict.ExitCode);
        Assert.Equal(3, predict.StdoutLines.Length);
        Assert.Equal("unseen levels (encoded as all zeros): city 1, windy 1", Assert.Single(predict.StderrLines));
    }

    [Fact]
    public void PenguinsTrainWithNoOptionsAndEvaluateReportsUnseenLevels()
    {
        string model = Dir.Path("p.safetensors");
        var train = CliRun.Of("train", "--data", "penguins", "--epochs", "20", "--out", model);
        Assert.Equal(0, train.ExitCode);
        Assert.Contains("columns Island category, Beak Length (mm) number", train.StdoutLines[0]);
        Assert.True(train.TestMetric("acc") > 0.8, train.Stdout);
        var evaluate = CliRun.Of("evaluate", "--model", model, "--data", Dir.File("few.csv",
            "Species,Island,Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g),Sex\nAdelie,Atlantis,39,18,181,3750,MALE\nGentoo,Biscoe,,,,,\n"));
        Assert.Equal(0, evaluate.ExitCode);
        Assert.Equal("unseen levels (encoded as all zeros): Island 1", evaluate.StdoutLines[1]);
    }

    [Fact]
    public void MalformedColumnsGetOneLineEach()
    {
        var ids = "name,x,label\n" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"n{i},{i % 5},{(i % 2 == 0 ? "a" : "b")}\n"));
        CliRun.Of("train", "--data", Dir.File("ids.csv", ids), "--target", "label", "--out", Dir.Path("m1.safetensors"))
            .AssertOneLineError("column \"name\" holds text with more than 65536 distinct values in 100000 rows (names or ids?), too many to one-hot encode; drop it (--drop \"name\")", BackpropCli.Failure);
        CliRun.Of("train", "--data", Dir.File("dates.csv", "d,x,label\n2020-01-01,1,a\n2020-01-02,2,b\n01/03/2020,3,a\n2020-01-04,4,b\n"), "--target", "label")
            .AssertOneLineError("column \"d\" has dates in two formats: \"2020-01-01\" (line 2) and \"01/03/2020\" (line 4)", BackpropCli.Failure);
        // the category column has values only in the last rows, which --test-last holds out: it is empty in the training rows
        CliRun.Of("train", "--data", Dir.File("empty.csv", "c,x,label\n,1,a\n,2,b\n,3,a\n,4,b\nred,5,a\nblue,6,b\n"), "--target", "label", "--test-last", "2")
            .AssertOneLineError("empty.csv: column \"c\" is empty in the training rows (every cell is missing); drop it", BackpropCli.Failure);
        CliRun.Of("train", "--data", Dir.File("w.csv", Weather), "--target", "temp", "--missing", "mean", "--impute", "median")
            .AssertOneLineError("--missing mean and --impute both fill missing cells; give one", BackpropCli.UsageError);
        Assert.False(File.Exists(Dir.Path("m1.safetensors")));
    }
}
