using Microsoft.Playwright;

namespace Backprop.Playground.Tests;

/// <summary>Debian's Chromium, headless, through Playwright; pages that fail the test on a page error; screenshots where they belong.</summary>
internal sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    public List<string> Errors { get; } = [];

    private Browser(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    /// <summary>docs/playground/ with <c>BACKPROP_SCREENSHOTS=1</c> (the repository's, found above the test's directory), else the test output.</summary>
    public static string Shots { get; } = Environment.GetEnvironmentVariable("BACKPROP_SCREENSHOTS") == "1"
        ? Path.Combine(Repository(), "docs", "playground") : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<Browser> Launch()
    {
        Assert.True(File.Exists(BrowserFactAttribute.Chromium), $"{BrowserFactAttribute.Chromium} is missing: CI=true needs it (apt-get install chromium)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserFactAttribute.Chromium, Headless = true, Args = ["--no-sandbox"], Timeout = 30_000,
        });
        return new Browser(playwright, browser);
    }

    public async Task<IPage> Page(int width, int height)
    {
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        page.PageError += (_, e) => Errors.Add(e);
        page.SetDefaultTimeout(30_000);
        return page;
    }

    /// <summary>A screenshot of the element <paramref name="selector"/> (small PNGs for the docs), <paramref name="name"/>.png.</summary>
    public async Task Shot(IPage page, string name, string selector)
    {
        Directory.CreateDirectory(Shots);
        await page.Locator(selector).First.ScreenshotAsync(new() { Path = Path.Combine(Shots, name + ".png") });
    }

    /// <summary>A screenshot of the page's top <paramref name="height"/> pixels (toolbar and banners), <paramref name="name"/>.png.</summary>
    public async Task ShotTop(IPage page, string name, int height)
    {
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name + ".png"), Clip = new() { X = 0, Y = 0, Width = page.ViewportSize!.Width, Height = height } });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        Assert.Empty(Errors);
    }

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Backprop.slnx"))) return dir.FullName;
        throw new InvalidOperationException("BACKPROP_SCREENSHOTS=1: no Backprop.slnx above " + AppContext.BaseDirectory);
    }
}
