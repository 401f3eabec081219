namespace Backprop.Tests.Cli;

/// <summary>A test that runs only when the environment variable BACKPROP_FULL_TESTS is 1 (full training runs: tens of seconds each); skipped otherwise.</summary>
public sealed class FullFactAttribute : FactAttribute
{
    public const string Variable = "BACKPROP_FULL_TESTS";

    public FullFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1") Skip = $"full training run; set {Variable}=1 to run it";
    }
}
