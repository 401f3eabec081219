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
