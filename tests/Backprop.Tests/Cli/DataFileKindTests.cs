using Backprop.Cli;
using Backprop.Tests.Data;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

/// <summary>--data names only regular files; column options are usage errors; a first line read as data is said; so is why R² is undefined.</summary>
public sealed class DataFileKindTests : TempDirTest
{
    [Fact]
    public void ADirectoryIsNamedAsOne()
    {
        string dir = Directory.CreateDirectory(Dir.Path("data.d")).FullName;
        CliRun.Of("train", "--data", dir, "--epochs", "1").AssertOneLineError($"{dir}: is a directory, not a data file", BackpropCli.Failure);
    }

    [Fact]
    public async Task AFifoIsRefusedInsteadOfBlocking()
    {
        string? fifo = CsvHardeningTests.MakeFifo(Dir.Path("pipe.csv"));
        if (fifo is null) return;
        var run = Task.Run(() => CliRun.Of("train", "--data", fifo, "--epochs", "1"));
        Assert.Same(run, await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(20))));
        (await run).AssertOneLineError($"{fifo}: is a FIFO (named pipe), not a regular file", BackpropCli.Failure);
    }

    [Fact]
    public void AnUnknownTargetOfABuiltInSetIsAUsageError() =>
        CliRun.Of("train", "--data", "iris", "--target", "nope", "--epochs", "1")
            .AssertOneLineError("iris.data: unknown target column \"nope\"", BackpropCli.UsageError);

    [Fact]
    public void ANumericFirstLineReadAsDataIsSaid()
    {
        string data = Dir.File("numbers.csv", string.Concat(Enumerable.Range(0, 40).Select(i => $"{i % 7},{i % 3},{i % 2}\n")));
        var run = CliRun.Of("train", "--data", data, "--epochs", "1");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("train numbers.csv (no header detected: line 1 is read as data; give --header if it names the columns", run.StdoutLines[0]);
        Assert.StartsWith("train numbers.csv: ", CliRun.Of("train", "--data", data, "--epochs", "1", "--no-header").StdoutLines[0]);
    }

    [Fact]
    public void AConstantRegressionTargetSaysWhyThereIsNoR2()
    {
        string data = Dir.File("flat.csv", "x,y\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{i},5\n")));
        var run = CliRun.Of("train", "--data", data, "--task", "regression", "--epochs", "1", "--validation", "0.2");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("val_r2 is undefined (n/a below): the validation target is constant", run.StdoutLines[1]);
        Assert.Matches(@"^epoch 1/1  loss +\d\.\d{4}  val_loss +\d\.\d{4}  val_r2 +n/a +\d+ samples/s$", run.StdoutLines[2]);
        Assert.StartsWith("test  r2 undefined (the test target is constant)  mse ", run.StdoutLines[^1]);
    }
}
