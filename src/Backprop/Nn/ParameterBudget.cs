using System.Globalization;
using Backprop.Errors;

namespace Backprop.Nn;

/// <summary>
/// The most parameters a network may have, checked before any layer is allocated: 100 million by default (400 MB of float
/// weights, and as much again for each gradient and optimizer buffer), or <c>BACKPROP_MAX_PARAMETERS</c> when set.
/// </summary>
public static class ParameterBudget
{
    /// <summary>The default budget.</summary>
    public const long Default = 100_000_000;

    /// <summary>The environment variable that replaces the default (a whole number of at least 1).</summary>
    public const string Variable = "BACKPROP_MAX_PARAMETERS";

    /// <summary>The budget in force: <see cref="Variable"/> when set, else <see cref="Default"/>.</summary>
    /// <exception cref="BackpropException"><see cref="Variable"/> is set but not a whole number of at least 1 (a setting): the message names it.</exception>
    public static long Limit => Environment.GetEnvironmentVariable(Variable) is not { } value ? Default
        : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 0 ? n
        : throw BackpropException.BadSetting(Kernels.EnvironmentSettings.Problem(name => name == Variable ? value : null)!);

    /// <summary>The weights and biases of Dense layers of <paramref name="sizes"/>: Σ (in + 1)·out, or null beyond <see cref="long.MaxValue"/>.</summary>
    public static long? Count(IReadOnlyList<int> sizes)
    {
        try
        {
            long total = 0;
            for (int i = 0; i + 1 < sizes.Count; i++) total = checked(total + ((long)sizes[i] + 1) * sizes[i + 1]);
            return total;
        }
        catch (OverflowException) { return null; }
    }

    /// <summary>Refuses (a setting, exit code 2) layers of <paramref name="sizes"/> whose parameters exceed <see cref="Limit"/>.</summary>
    /// <exception cref="BackpropException">Over the budget; the message names the sizes, their count and the budget.</exception>
    public static void Check(IReadOnlyList<int> sizes)
    {
        long limit = Limit;
        if (Count(sizes) is { } n && n <= limit) return;
        var c = CultureInfo.InvariantCulture;
        string count = Count(sizes) is { } m ? m.ToString("N0", c) : "more than 9.2e18";
        throw BackpropException.BadSetting($"layers {string.Join("-", sizes)} have {count} parameters, more than the budget of {limit.ToString("N0", c)} ({Variable} sets another).");
    }
}
