using Backprop.Tests.Cli;

namespace Backprop.Tests.Support;

/// <summary>
/// How many cases a fuzz test runs: a few thousand in the default suite, the long count when
/// BACKPROP_FULL_TESTS=1 (the opt-in long switch the README documents).
/// </summary>
public static class FuzzBudget
{
    /// <summary>True when the long runs are switched on.</summary>
    public static bool Long => Environment.GetEnvironmentVariable(FullFactAttribute.Variable) == "1";

    /// <summary><paramref name="quick"/> cases by default, <paramref name="long"/> under the long switch.</summary>
    public static long Cases(long quick, long @long) => Long ? @long : quick;
}
