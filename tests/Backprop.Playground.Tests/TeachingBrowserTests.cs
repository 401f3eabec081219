using System.Text.Json;
using Microsoft.Playwright;

namespace Backprop.Playground.Tests;

/// <summary>
/// The page as a teacher needs it, in headless Chromium: a speed control and Step by epoch, a log-scale loss curve that survives a
/// divergence, every unit, axis and colour labelled, a layout that fits 800 px and a phone, and computed inputs for the 2-D sets.
/// With <c>BACKPROP_SCREENSHOTS=1</c> each state is saved into docs/playground/ for docs/playground.md.
/// </summary>
public sealed class TeachingBrowserTests(PlaygroundFixture playground) : IClassFixture<PlaygroundFixture>
{
    [BrowserFact]
    public async Task TheSpeedControlSetsTheStepsPerFrameAndStepCanTakeAnEpoch()
    {
        await using var browser = await Launch();
        var page = await Open(browser, 1400, 1000, "#data=spirals&hidden=8,8");
        await page.SelectOptionAsync("#speed", "1");
        await page.WaitForFunctionAsync("() => location.hash.includes('speed=1')");
        await page.ClickAsync("#play");
        int[] slow = await StepsPerFrame(page);
        Assert.Equal(1, Median(slow));
        await page.SelectOptionAsync("#speed", "10");
        int[] fast = await StepsPerFrame(page);
        Assert.Equal(10, Median(fast));
        await Shot(page, "speed.png"); // playing at 10 steps a frame
        Assert.True(await page.EvaluateAsync<int>("() => window.playground.frame.step") > 0, "the weights were kept: the speed is not a new run");
        await page.ClickAsync("#play"); // pause
        await page.WaitForFunctionAsync("() => window.playground.frame.playing === false");

        int epoch = await page.EvaluateAsync<int>("() => window.playground.frame.epoch");
        await page.SelectOptionAsync("#step-by", "epoch");
        await page.ClickAsync("#step");
        await page.WaitForFunctionAsync($"() => window.playground.frame.epoch === {epoch + 1}");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.playground.frame.step % window.playground.setup.stepsPerEpoch"));

        // a run that blows up: the loss scale stays within a few decades of the first loss, and the curve marks the divergence
        page = await Open(browser, 1400, 1000, "#data=sine&hidden=32,32,32&act=relu&opt=sgd&lr=10&batch=50");
        await page.ClickAsync("#play");
        await page.WaitForSelectorAsync("#diverged:not([hidden])");
        var scale = await page.EvaluateAsync<JsonElement>("() => window.playground.lossScale");
        Assert.True(scale.GetProperty("hi").GetDouble() <= 4, $"the loss axis reaches 1e{scale.GetProperty("hi")}");
        await Shot(page, "diverged-loss.png", "#out-panel");
    }

    [BrowserFact]
    public async Task UnitsAxesAndColoursAreLabelledForClassesAndValues()
    {
        await using var browser = await Launch();
        var page = await Open(browser, 1400, 1000, "#data=spirals");
        Assert.Equal(["x₁", "x₂"], await Texts(page, ".unit-label.in"));
        Assert.Equal(["0", "1", "2"], await Texts(page, ".unit-label.out"));
        Assert.Equal(3, await page.Locator("#legend .legend-item").CountAsync());
        Assert.Contains("x₁", await page.TextContentAsync("#map-x"));
        Assert.Contains("x₂", await page.TextContentAsync("#map-y"));
        var untitled = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('button, select, input')].filter(e => !e.closest('[hidden]') && !e.title && !e.closest('label[title]')).map(e => e.id || e.outerHTML)");
        Assert.Empty(untitled);
        await Shot(page, "labels-classes.png");

        page = await Open(browser, 1400, 1000, "#data=letters&hidden=16");
        Assert.Equal(26, await page.EvaluateAsync<int>("() => window.playground.setup.classes.length"));
        var colours = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#legend .legend-item i')].map(i => i.style.background)");
        Assert.Equal(26, colours.Distinct().Count());

        page = await Open(browser, 1400, 1000, "#data=iris");
        Assert.Equal(4, await page.EvaluateAsync<int>("() => window.playground.setup.features.length"));
        var plotted = await page.EvaluateAsync<string[]>("() => [window.playground.setup.plotX, window.playground.setup.plotY].map(i => window.playground.setup.features[i])");
        Assert.Contains("petal", plotted[0]); // the feature that alone separates the species best, not feature 0
        Assert.NotEqual([0, 1], await page.EvaluateAsync<int[]>("() => [window.playground.setup.plotX, window.playground.setup.plotY]"));
        Assert.Contains(plotted[0], await page.TextContentAsync("#map-x"));
        Assert.False(await page.Locator("#plot-choice").IsHiddenAsync());

        page = await Open(browser, 1400, 1000, "#data=auto-mpg&hidden=8");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.playground.setup.classes.length"));
        Assert.Equal(1, await page.Locator("#legend .legend-bar").CountAsync());
        double lo = double.Parse((await page.TextContentAsync("[data-end=lo]"))!, System.Globalization.CultureInfo.InvariantCulture);
        double hi = double.Parse((await page.TextContentAsync("[data-end=hi]"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(lo < hi);
        Assert.Equal(["prediction"], await Texts(page, ".unit-label.out"));
        // the points are coloured by their target: the map holds more than one point colour
        int colouredPoints = await page.EvaluateAsync<int>(@"() => {
            const s = window.playground.setup, c = document.getElementById('map'), g = c.getContext('2d'), [x0, x1, y0, y1] = s.box, seen = new Set();
            for (const p of s.train.slice(0, 60)) {
              const d = g.getImageData(Math.round((p.x - x0) / (x1 - x0) * c.width), Math.round(c.height - (p.y - y0) / (y1 - y0) * c.height), 1, 1).data;
              seen.add(`${d[0] >> 4},${d[1] >> 4},${d[2] >> 4}`);
            }
            return seen.size; }");
        Assert.True(colouredPoints > 3, $"{colouredPoints} point colours");
        await Shot(page, "labels-regression.png");
    }

    [BrowserFact]
    public async Task TheLayoutFits800PixelsAndAPhone()
    {
        await using var browser = await Launch();
        var page = await Open(browser, 800, 900, "#data=spirals&hidden=8,8,8,8,8,8");
        var net = (await page.Locator("#net-panel").BoundingBoxAsync())!;
        var output = (await page.Locator("#out-panel").BoundingBoxAsync())!;
        Assert.True(net.X >= 0 && net.X + net.Width <= 800 && net.Y < 900, $"network panel at {net.X},{net.Y} {net.Width} wide");
        Assert.True(output.X >= net.X + net.Width - 1 && output.X + output.Width <= 800 && output.Y < 900, $"output panel at {output.X},{output.Y} {output.Width} wide");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 800 px");
        await Shot(page, "layout-800.png");

        var before = await page.EvaluateAsync<double[]>("() => ['step', 'speed', 'epoch'].map(id => document.getElementById(id).getBoundingClientRect().left)");
        await page.ClickAsync("#play");
        await page.WaitForFunctionAsync("() => window.playground.frame.playing");
        var after = await page.EvaluateAsync<double[]>("() => ['step', 'speed', 'epoch'].map(id => document.getElementById(id).getBoundingClientRect().left)");
        Assert.Equal(before, after); // Pause is as wide as Play
        await page.ClickAsync("#play");

        var wide = await Open(browser, 1400, 1000, "#data=spirals&hidden=8,8,8,8,8,8,8");
        var right = (await wide.Locator("#out-panel").BoundingBoxAsync())!;
        Assert.True(right.X + right.Width <= 1400, "seven hidden layers push the output off the screen");

        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, HasTouch = true, IsMobile = true });
        var phone = await context.NewPageAsync();
        await phone.GotoAsync(playground.Server.Address + "#data=xor&hidden=4");
        await phone.WaitForFunctionAsync("() => window.playground.frame !== null && document.querySelector('[data-node=\"1-0\"]')");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"the page is {await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth")} px wide on a 390 px phone");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.getElementById('map').getBoundingClientRect().width <= window.innerWidth"));
        Assert.True(await phone.EvaluateAsync<double>("() => document.querySelector('[data-node=\"1-0\"]').getBoundingClientRect().width") >= 24);
        Assert.True(await phone.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.querySelector('#edges line.hit')).strokeWidth)") >= 24);
        await phone.TapAsync("#step"); // a step to take apart
        await phone.WaitForFunctionAsync("() => window.playground.frame.step === 1");
        await phone.TapAsync("[data-node='1-0']");
        await phone.WaitForSelectorAsync("#inspect-z");
        await phone.TapAsync("[data-edge='2-0-0']", new() { Force = true }); // the finger lands on whichever edge is on top there
        await phone.WaitForSelectorAsync("#inspect-gradient");
        Assert.StartsWith("layer2.w[", await phone.TextContentAsync("#inspect-body b"));
        await Shot(phone, "phone.png", fullPage: true);
        await context.CloseAsync();
    }

    [BrowserFact]
    public async Task FeatureInputsSetTheInputLayerAndAGoodOneReplacesALayer()
    {
        await using var browser = await Launch();
        var page = await Open(browser, 1400, 1000, "#data=circles&hidden=none");
        Assert.Equal(2, await page.EvaluateAsync<int>("() => window.playground.setup.sizes[0]"));
        await page.CheckAsync("[data-feat=x1sq]");
        await page.WaitForFunctionAsync("() => window.playground.setup.sizes[0] === 3");
        await page.CheckAsync("[data-feat=x2sq]");
        await page.UncheckAsync("[data-feat=x1]");
        await page.UncheckAsync("[data-feat=x2]");
        await page.WaitForFunctionAsync("() => window.playground.setup.sizes.join() === '2,2' && location.hash.includes('feat=x1sq%2Cx2sq')");
        Assert.Equal(["x₁²", "x₂²"], await Texts(page, ".unit-label.in"));
        await page.ClickAsync("#play");
        await page.WaitForFunctionAsync("() => Number(document.getElementById('test-accuracy').dataset.value) >= 0.95"); // no hidden layer
        await page.ClickAsync("#play");
        await Shot(page, "features-circles.png");
    }

    private static async Task<IBrowser> Launch()
    {
        Assert.True(File.Exists(BrowserFactAttribute.Chromium), $"{BrowserFactAttribute.Chromium} is missing: CI=true needs it (apt-get install chromium)");
        var playwright = await Playwright.CreateAsync();
        return await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserFactAttribute.Chromium, Headless = true, Args = ["--no-sandbox"], Timeout = 30_000,
        });
    }

    private async Task<IPage> Open(IBrowser browser, int width, int height, string hash)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        page.PageError += (_, e) => throw new InvalidOperationException(e);
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(playground.Server.Address + hash);
        await page.WaitForFunctionAsync("() => window.playground.frame !== null && window.playground.setup !== null");
        return page;
    }

    // The steps of the next frames while playing (from now on).
    private static async Task<int[]> StepsPerFrame(IPage page)
    {
        await page.EvaluateAsync("() => { window.playground.perFrame = []; }");
        await page.WaitForFunctionAsync("() => window.playground.perFrame.length >= 12");
        return (await page.EvaluateAsync<int[]>("() => window.playground.perFrame.slice(2)"))!; // after the speed took hold
    }

    private static int Median(int[] values) => values.Order().ElementAt(values.Length / 2);

    private static async Task<string[]> Texts(IPage page, string selector) =>
        [.. (await page.Locator(selector).AllTextContentsAsync()).Select(t => t.Trim())];

    // Saved into docs/playground/ only when asked (BACKPROP_SCREENSHOTS=1), so a test run leaves the tree clean.
    private static async Task Shot(IPage page, string name, string? selector = null, bool fullPage = false)
    {
        if (Environment.GetEnvironmentVariable("BACKPROP_SCREENSHOTS") != "1") return;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Backprop.slnx"))) dir = dir.Parent;
        Assert.NotNull(dir);
        string path = Path.Combine(dir.FullName, "docs", "playground", name);
        if (selector is null) await page.ScreenshotAsync(new() { Path = path, FullPage = fullPage });
        else await page.Locator(selector).ScreenshotAsync(new() { Path = path });
    }
}
