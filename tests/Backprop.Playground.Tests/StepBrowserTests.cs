using System.Globalization;
using System.Text.Json;
using Backprop.Cli;
using Microsoft.Playwright;

namespace Backprop.Playground.Tests;

/// <summary>
/// The whole step and the page's state in headless Chromium: the edge view's new weight is the weight the step left (SGD and Adam) and
/// <c>backprop explain --spec</c> on the downloaded spec prints it; a hash edit is applied; a learning-rate change keeps the epoch count;
/// the session limit shows its message; compare mode draws two curves. With <c>BACKPROP_SCREENSHOTS=1</c> the screenshots are written
/// to docs/playground/ (else to the test output).
/// </summary>
public sealed class StepBrowserTests(PlaygroundFixture playground) : IClassFixture<PlaygroundFixture>
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    [BrowserTheory]
    [InlineData("sgd", 2)]
    [InlineData("momentum", 3)]
    [InlineData("adam", 4)]
    public async Task TheEdgeViewsNewWeightIsTheStepsAndExplainPrintsIt(string optimizer, int steps)
    {
        await using var browser = await Browser.Launch();
        var page = await browser.Page(1400, 1000);
        await page.GotoAsync(playground.Server.Address + $"#data=xor&opt={optimizer}&lr=0.1&batch=8");
        await page.WaitForFunctionAsync("() => window.playground.frame !== null");
        for (int s = 1; s <= steps; s++)
        {
            await page.ClickAsync("#step");
            await page.WaitForFunctionAsync($"() => window.playground.frame.step === {s}");
        }
        await page.DispatchEventAsync("[data-edge='1-0-1']", "click");
        await page.WaitForSelectorAsync("#inspect-after");
        double shown = Number(await page.GetAttributeAsync("#inspect-after", "data-value"));
        Assert.Contains(optimizer, await page.TextContentAsync("#inspect-body h3"));
        string id = await page.EvaluateAsync<string>("() => window.playground.id");
        var (_, edge) = await playground.Get($"api/sessions/{id}/edge?layer=1&from=0&to=1");
        double now = edge.GetProperty("value").GetDouble(), before = edge.GetProperty("before").GetDouble();
        Assert.NotEqual(before, now);
        Assert.Equal(now, shown); // the optimizer's update, written out, ends in the weight the step left: exactly
        await browser.Shot(page, $"step-update-{optimizer}", "#inspect");

        string spec = Path.Combine(Path.GetTempPath(), $"step-{optimizer}-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(spec, await playground.Http.GetStringAsync($"api/sessions/{id}/spec"));
        try
        {
            Assert.Contains($"\"name\": \"{optimizer}\"", await File.ReadAllTextAsync(spec));
            var text = Explain("explain", "--spec", spec, "--paths", "layer1.w[0,1]");
            var last = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
            Assert.StartsWith("  θ", last);
            Assert.EndsWith("= " + now.ToString("G6", C), last.TrimEnd());
            var json = JsonDocument.Parse(Explain("explain", "--spec", spec, "--format", "json")).RootElement;
            double updated = json.GetProperty("updated")[0].GetProperty("w")[0][1].GetDouble();
            Assert.Equal(now, updated, 1e-12);
        }
        finally { File.Delete(spec); }
    }

    [BrowserFact]
    public async Task AHashEditIsAppliedAndABadValueIsDroppedWithANote()
    {
        await using var browser = await Browser.Launch();
        var page = await browser.Page(1400, 1000);
        await page.GotoAsync(playground.Server.Address + "#data=xor&noise=2"); // noise 2 is out of range: dropped, the rest kept
        await page.WaitForFunctionAsync("() => window.playground.setup?.train.length === 140");
        Assert.Contains("noise=2", await page.TextContentAsync("#note-text"));
        Assert.Equal("#data=xor", await page.EvaluateAsync<string>("() => location.hash"));
        long version = await page.EvaluateAsync<long>("() => window.playground.setup.version");
        await page.EvaluateAsync("() => { location.hash = '#data=moons&lr=0.5&batch=abc'; }");
        await page.WaitForFunctionAsync($"() => window.playground.setup.version > {version} && window.playground.settings.data === 'moons'");
        Assert.Equal("0.5", await page.EvaluateAsync<string>("() => window.playground.settings.lr"));
        Assert.Equal("0.5", await page.InputValueAsync("#lr"));
        Assert.Contains("batch=abc", await page.TextContentAsync("#note-text"));
        Assert.Equal("#data=moons&lr=0.5", await page.EvaluateAsync<string>("() => location.hash"));
        await browser.ShotTop(page, "state-hash-applied", 260);
    }

    [BrowserFact]
    public async Task ALearningRateChangeKeepsTheWeightsAndTheEpochCount()
    {
        await using var browser = await Browser.Launch();
        var page = await browser.Page(1400, 1000);
        await page.GotoAsync(playground.Server.Address + "#data=xor&lr=0.01");
        await page.WaitForFunctionAsync("() => window.playground.frame !== null");
        await page.ClickAsync("#play");
        await page.WaitForFunctionAsync("() => window.playground.frame.epoch >= 3");
        await page.ClickAsync("#play");
        await page.WaitForFunctionAsync("() => window.playground.frame.playing === false");
        var (epoch, step) = (await page.EvaluateAsync<int>("() => window.playground.frame.epoch"), await page.EvaluateAsync<int>("() => window.playground.frame.step"));
        string id = await page.EvaluateAsync<string>("() => window.playground.id");
        double weight = (await playground.Get($"api/sessions/{id}/edge?layer=1&from=0&to=0")).Json.GetProperty("value").GetDouble();
        await page.FillAsync("#lr", "0.1");
        await page.DispatchEventAsync("#lr", "change");
        await page.WaitForFunctionAsync("() => window.playground.settings.lr === '0.1' && location.hash.includes('lr=0.1')");
        Assert.Equal(epoch, await page.EvaluateAsync<int>("() => window.playground.frame.epoch"));
        Assert.Equal(step, await page.EvaluateAsync<int>("() => window.playground.frame.step"));
        await page.ClickAsync("#step");
        await page.WaitForFunctionAsync($"() => window.playground.frame.step === {step + 1}");
        var (specStatus, specJson) = await playground.Get($"api/sessions/{id}/spec");
        Assert.True(specStatus == System.Net.HttpStatusCode.OK, specJson.ToString());
        var spec = Diagnostics.NetworkSpec.Parse(specJson.GetRawText());
        Assert.Equal(weight, spec.Layers[0].W[0, 0]); // the step went on from the trained weight
        Assert.Equal(0.1, spec.LearningRate);
        Assert.Equal(step, spec.Optimizer!.State!.Steps); // and Adam's state carried over
        await browser.ShotTop(page, "state-learning-rate-kept", 200);
    }

    [BrowserFact]
    public async Task ASessionBeyondTheLimitShowsTheMessage()
    {
        await using var server = await PlaygroundServer.StartAsync(new PlaygroundOptions(Port: 0, MaxSessions: 1));
        await using var browser = await Browser.Launch();
        var first = await browser.Page(1000, 700);
        await first.GotoAsync(server.Address.ToString());
        await first.WaitForFunctionAsync("() => window.playground.frame !== null");
        var second = await browser.Page(1000, 700);
        await second.GotoAsync(server.Address.ToString());
        await second.WaitForSelectorAsync("#full:not([hidden])");
        Assert.Contains("all 1 playground sessions are in use", await second.TextContentAsync("#full-text"));
        Assert.True(await second.EvaluateAsync<bool>("() => document.querySelector('main').hidden && window.playground.id === null"));
        await browser.ShotTop(second, "state-session-limit", 220);
        await first.CloseAsync(); // its session is deleted on pagehide: trying again now succeeds
        await second.WaitForTimeoutAsync(300);
        await second.ClickAsync("#full-retry");
        await second.WaitForFunctionAsync("() => window.playground.frame !== null && !document.querySelector('main').hidden");
    }

    [BrowserFact]
    public async Task TheSpecLinkSaysWhyBeforeAnyStep()
    {
        await using var browser = await Browser.Launch();
        var page = await browser.Page(1000, 700);
        await page.GotoAsync(playground.Server.Address + "#data=xor");
        await page.WaitForFunctionAsync("() => window.playground.frame !== null");
        await page.ClickAsync("#spec-link");
        await page.WaitForSelectorAsync("#spec-note:not([hidden])");
        Assert.Contains("no step has been taken yet", await page.TextContentAsync("#spec-note"));
    }

    [BrowserFact]
    public async Task CompareModeShowsTwoCurvesAndTwoMaps()
    {
        await using var browser = await Browser.Launch();
        var page = await browser.Page(1400, 1100);
        await page.GotoAsync(playground.Server.Address + "#data=xor&opt=adam");
        await page.WaitForFunctionAsync("() => window.playground.frame !== null");
        await page.ClickAsync("#compare-open");
        await page.SelectOptionAsync("#compare-key", "opt");
        await page.FillAsync("#compare-value", "sgd");
        await page.ClickAsync("#compare-start");
        await page.WaitForFunctionAsync("() => window.playground.compare.id !== null");
        string a = await page.EvaluateAsync<string>("() => window.playground.id"), b = await page.EvaluateAsync<string>("() => window.playground.compare.id");
        await page.ClickAsync("#compare-play");
        await page.WaitForFunctionAsync("() => window.playground.compare.curves === 2 && window.playground.frame.epoch >= 5");
        Assert.True(await page.EvaluateAsync<bool>("() => window.playground.compare.scale.hi > window.playground.compare.scale.lo"),
            "the compare curves are drawn on the shared loss plot's log scale, with its ticks");
        await page.ClickAsync("#compare-play");
        await page.WaitForFunctionAsync("() => !window.playground.frame.playing");
        Assert.NotEqual(a, b);
        var (_, frameB) = await playground.Get($"api/sessions/{b}/frame");
        Assert.True(frameB.GetProperty("step").GetInt32() > 0);
        await browser.Shot(page, "compare-sgd-adam", "#compare");
    }

    private static double Number(string? text) => double.Parse(text!, C);

    private static string Explain(params string[] args)
    {
        var stdout = new StringWriter(C);
        var stderr = new StringWriter(C);
        int code = BackpropCli.Run(args, stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        return stdout.ToString();
    }
}
