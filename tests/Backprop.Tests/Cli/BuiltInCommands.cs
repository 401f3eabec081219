namespace Backprop.Tests.Cli;

/// <summary>The documented command lines (docs/guide.md) for each built-in data set: the --data and split options of <c>backprop train</c>.</summary>
internal static class BuiltInCommands
{
    public static string[] Iris => ["--data", "iris"];
    public static string[] Wine => ["--data", "wine"];
    public static string[] Wdbc => ["--data", "breast-cancer"];
    public static string[] AutoMpg(string missing) => ["--data", "auto-mpg", "--missing", missing];
    public static string[] WineQuality => ["--data", "wine-quality-red"];
    public static string[] Optdigits => ["--data", "optdigits"];
    public static string[] Letter => ["--data", "letters", "--test-last", "4000"];
    public static string[] Mnist => ["--data", "mnist", "--test-last", "2000"];

    /// <summary>Runs <c>backprop train</c> with the data set's options and more, and checks that it succeeded.</summary>
    public static CliRun Train(string[] data, params string[] more)
    {
        var run = CliRun.Of(["train", .. data, .. more]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("", run.Stderr);
        return run;
    }
}
