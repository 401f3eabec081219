using System.Diagnostics;
using Backprop.Kernels;
using Backprop.Nn;

namespace Backprop.Tests.Cli;

/// <summary>A malformed BACKPROP_* variable is refused up front in one line naming it (exit 2), never passed over or blamed on an option.</summary>
public sealed class EnvironmentCliTests
{
    [Theory]
    [InlineData("BACKPROP_THREADS", "100000", "a whole number of threads from 1 to 1024")]
    [InlineData("BACKPROP_THREADS", "abc", "a whole number of threads from 1 to 1024")]
    [InlineData("BACKPROP_THREADS", "0", "a whole number of threads from 1 to 1024")]
    [InlineData("BACKPROP_VECTOR_BITS", "300", "512, 256 or 128")]
    [InlineData("BACKPROP_MAX_PARAMETERS", "-5", "a whole number of parameters of at least 1")]
    [InlineData("BACKPROP_MAX_PARAMETERS", "1e9", "a whole number of parameters of at least 1")]
    public void AMalformedVariableIsNamed(string name, string value, string expected) =>
        Assert.Equal($"the environment variable {name}=\"{value}\" is not {expected}; set it so or unset it.",
            EnvironmentSettings.Problem(n => n == name ? value : null));

    [Fact]
    public void WellFormedOrUnsetVariablesPass()
    {
        Assert.Null(EnvironmentSettings.Problem(_ => null));
        Assert.Null(EnvironmentSettings.Problem(n => n switch { "BACKPROP_THREADS" => "2", "BACKPROP_VECTOR_BITS" => "256", _ => "1000" }));
    }

    [Fact]
    public void TheToolRefusesItBeforeAnyCommandRuns()
    {
        var start = new ProcessStartInfo(DotNet(), [Path.Combine(AppContext.BaseDirectory, "Backprop.Cli.dll"), "train", "--data", "xor", "--epochs", "1"])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["BACKPROP_THREADS"] = "100000";
        using var child = Process.Start(start)!;
        string stdout = child.StandardOutput.ReadToEnd(), stderr = child.StandardError.ReadToEnd();
        child.WaitForExit();
        Assert.Equal(2, child.ExitCode);
        Assert.Equal("", stdout);
        Assert.Equal("error: the environment variable BACKPROP_THREADS=\"100000\" is not a whole number of threads from 1 to 1024; set it so or unset it.", stderr.Trim());
    }

    private static string DotNet() => Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
}
