using System.Globalization;

namespace Backprop.Kernels;

/// <summary>
/// The environment variables the library reads, checked: <c>BACKPROP_THREADS</c> (1 to <see cref="MaxThreads"/>),
/// <c>BACKPROP_VECTOR_BITS</c> (512, 256 or 128) and <c>BACKPROP_MAX_PARAMETERS</c> (a whole number of at least 1: the parameter budget). The
/// library's defaults pass over a malformed value; the tool refuses it up front, naming the variable, so that it is never blamed on an option.
/// </summary>
internal static class EnvironmentSettings
{
    /// <summary>The most threads <c>BACKPROP_THREADS</c> may ask for.</summary>
    public const int MaxThreads = 1024;

    /// <summary>The first variable that is set but malformed, as a one-line message; null when all are well formed or unset.</summary>
    public static string? Problem(Func<string, string?> variable)
    {
        string? Check(string name, string expected, Func<long, bool> fits)
        {
            string? value = variable(name);
            if (value is null) return null;
            return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && fits(n) ? null
                : $"the environment variable {name}=\"{Shown(value)}\" is not {expected}; set it so or unset it.";
        }
        return Check("BACKPROP_THREADS", $"a whole number of threads from 1 to {MaxThreads}", n => n is >= 1 and <= MaxThreads)
            ?? Check("BACKPROP_VECTOR_BITS", "512, 256 or 128", n => n is 512 or 256 or 128)
            ?? Check("BACKPROP_MAX_PARAMETERS", "a whole number of parameters of at least 1", n => n >= 1);
    }

    // The value as a message shows it: control characters as \u escapes (it may come from anywhere), cut after 40 characters.
    private static string Shown(string value) =>
        string.Concat(value.Take(40).Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) + (value.Length > 40 ? "…" : "");
}
