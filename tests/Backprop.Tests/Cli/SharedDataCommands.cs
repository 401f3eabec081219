using Backprop.Tests.Data;

namespace Backprop.Tests.Cli;

/// <summary>The documented command lines (docs/guide.md) for each shared data set: the --data and column options of <c>backprop train</c>.</summary>
internal static class SharedDataCommands
{
    public static string[] Iris => ["--data", SharedData.Path("iris/iris.data")];
    public static string[] Wine => ["--data", SharedData.Path("wine/wine.data"), "--target", "0"];
    public static string[] Wdbc => ["--data", SharedData.Path("breast-cancer-wisconsin-diagnostic/wdbc.data"), "--target", "1", "--drop", "0"];
    public static string[] AutoMpg(string missing) =>
        ["--data", SharedData.Path("auto-mpg/auto-mpg.data"), "--separator", "whitespace", "--target", "0", "--drop", "-1", "--missing", missing];
    public static string[] WineQuality => ["--data", SharedData.Path("wine-quality/winequality-red.csv"), "--target", "quality", "--task", "regression"];
    public static string[] Optdigits => ["--data", SharedData.Path("optdigits/optdigits.tra"), "--test", SharedData.Path("optdigits/optdigits.tes")];
    public static string[] Letter => ["--data", SharedData.Path("letter-recognition/letter-recognition.data"), "--target", "0", "--test-last", "4000"];
    public static string[] Mnist => ["--data", "mnist:" + SharedData.Path("mnist"), "--test-last", "2000"];

    /// <summary>Runs <c>backprop train</c> with the data set's options and more, and checks that it succeeded.</summary>
    public static CliRun Train(string[] data, params string[] more)
    {
        var run = CliRun.Of(["train", .. data, .. more]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("", run.Stderr);
        return run;
    }
}
