namespace Backprop.Playground.Tests;

/// <summary>
/// A test that drives Debian's Chromium (<see cref="Chromium"/>) through Playwright. With <c>CI=true</c> it always runs, so a missing
/// browser fails it; elsewhere, without the browser, it is skipped with the reason.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    /// <summary>
    /// Debian's Chromium (<c>apt-get install chromium</c>): <c>chromium</c> on the PATH, as <c>.ci/run</c> looks for it, else
    /// <c>/usr/bin/chromium</c>. Playwright never downloads a browser here.
    /// </summary>
    public static string Chromium { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "chromium")).FirstOrDefault(File.Exists) ?? "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ci && !File.Exists(Chromium))
            Skip = $"{Chromium} is missing (apt-get install chromium); outside CI (CI=true) the browser test is skipped without it";
    }
}
