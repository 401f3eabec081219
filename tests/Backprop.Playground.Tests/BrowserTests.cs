using System.Text;
using Backprop.Diagnostics;
using Microsoft.Playwright;

namespace Backprop.Playground.Tests;

/// <summary>
/// The page end to end in headless Chromium: train XOR to a test accuracy of 1, pause, click an edge and check the gradient it shows is
/// the library's for that weight on that batch, inspect a node, upload a CSV, watch a run diverge; screenshots go to the test output.
/// </summary>
public sealed class BrowserTests(PlaygroundFixture playground) : IClassFixture<PlaygroundFixture>
{
    private static readonly string Shots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [BrowserFact]
    public async Task TrainXorInspectAnEdgeAndUploadACsv()
    {
        Assert.True(File.Exists(BrowserFactAttribute.Chromium), $"{BrowserFactAttribute.Chromium} is missing: CI=true needs it (apt-get install chromium)");
        Directory.CreateDirectory(Shots);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserFactAttribute.Chromium, Headless = true, Args = ["--no-sandbox"], Timeout = 30_000,
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 } });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.SetDefaultTimeout(30_000);

        await page.GotoAsync(playground.Server.Address.ToString());
        await page.WaitForFunctionAsync("() => window.playground.frame !== null");
        await page.SelectOptionAsync("#data", "xor");
        await page.WaitForFunctionAsync("() => window.playground.setup.train.length === 140 && location.hash === '#data=xor'");
        await page.ClickAsync("#play");
        await page.WaitForFunctionAsync("() => document.getElementById('test-accuracy').dataset.value === '1'");
        Assert.Equal("1.000", await page.TextContentAsync("#test-accuracy"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "playground-xor.png") });

        await page.ClickAsync("#play"); // pause
        await page.WaitForFunctionAsync("() => window.playground.frame.playing === false");
        await page.ClickAsync("[data-edge='1-0-0']");
        await page.WaitForSelectorAsync("#inspect-gradient");
        string parameter = (await page.TextContentAsync("#inspect-body b"))!;
        double shown = double.Parse((await page.GetAttributeAsync("#inspect-gradient", "data-value"))!, System.Globalization.CultureInfo.InvariantCulture);
        string id = await page.EvaluateAsync<string>("() => window.playground.id");
        var step = StepExplanation.Run(NetworkSpec.Parse(await playground.Http.GetStringAsync($"api/sessions/{id}/spec")));
        var library = ChainPaths.Find(step, parameter);
        Assert.Equal("layer1.w[0,0]", parameter);
        Assert.Equal(library.Autodiff, shown, 1e-12);
        Assert.Equal(step.Layers[0].DW[0, 0], shown, 1e-12);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "playground-inspect-edge.png"), FullPage = true });

        await page.ClickAsync("[data-node='1-0']");
        await page.WaitForSelectorAsync("#inspect-derivative");
        await page.CheckAsync("#vanishing");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "playground-inspect-node.png"), FullPage = true });

        await page.FillAsync("#target", "kind");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "points.csv", MimeType = "text/csv", Buffer = Points() });
        await page.WaitForFunctionAsync("() => window.playground.setup.features.join() === 'width,height' && location.hash.includes('data=upload')");
        await page.ClickAsync("#play");
        await page.WaitForFunctionAsync("() => window.playground.frame.epoch >= 20");
        await page.ClickAsync("#play");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "playground-upload.png") });

        await page.CloseAsync();
        page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 800 } });
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(playground.Server.Address + "#data=sine&hidden=32,32,32&act=relu&opt=sgd&lr=10&batch=50"); // a shared link
        await page.WaitForFunctionAsync("() => window.playground.setup?.classes.length === 0");
        await page.ClickAsync("#play");
        await page.WaitForSelectorAsync("#diverged:not([hidden])");
        Assert.Contains("Training diverged and is paused: at step", await page.TextContentAsync("#diverged-text"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "playground-diverged.png") });
        await page.ClickAsync("#lower-lr");
        await page.WaitForFunctionAsync("() => window.playground.settings.lr === '1' && !window.playground.frame.diverged");
        Assert.Empty(errors);
    }

    // Two features and a named class: the classes sit apart along width.
    private static byte[] Points()
    {
        var csv = new StringBuilder("width,height,kind\n");
        var rng = new Random(7);
        for (int i = 0; i < 200; i++)
        {
            bool large = i % 2 == 1;
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{(large ? 3 : 1) + rng.NextDouble():0.000},{rng.NextDouble() * 2:0.000},{(large ? "large" : "small")}\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
