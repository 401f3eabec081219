using System.Net;
using Microsoft.Playwright;

namespace Backprop.Playground.Tests;

/// <summary>
/// The page's state said and kept, in headless Chromium (state.js): a finite loss that explodes is flagged; the loss menu offers only the
/// losses that fit the task and a switch to a set of the other kind resets an unfitting loss; an ended session is announced with a button
/// that rebuilds it; the error and diverged banners clear when their cause does.
/// </summary>
public sealed class StateBrowserTests(PlaygroundFixture playground) : IClassFixture<PlaygroundFixture>
{
    private const string Ready = "() => window.playground.frame !== null";

    [BrowserFact]
    public async Task AFiniteLossThatExplodesIsFlaggedUntilReset()
    {
        await using var browser = await Browser.Launch();
        var page = await browser.Page(1400, 1000);
        // A linear model on sine with a learning rate far too large: each batch multiplies the loss by 10 to 1000, long before it overflows.
        await page.GotoAsync(playground.Server.Address + "#data=sine&hidden=none&opt=sgd&lr=2&batch=10");
        await page.WaitForFunctionAsync(Ready);
        await page.ClickAsync("#step");
        await page.WaitForFunctionAsync("() => window.playground.frame.step === 1");
        Assert.True(await page.IsHiddenAsync("#exploding")); // grown, but not yet a million times its first value
        for (int s = 2; s <= 12; s++)
        {
            await page.ClickAsync("#step");
            await page.WaitForFunctionAsync($"() => window.playground.frame.step === {s}");
            if (await Exploded(page)) break;
        }
        Assert.True(await Exploded(page), "the loss never passed a million times its first value");
        Assert.True(await page.EvaluateAsync<bool>("() => Number.isFinite(Number(window.playground.frame.trainLoss)) && !window.playground.frame.diverged"));
        await page.WaitForSelectorAsync("#exploding:not([hidden])");
        Assert.Contains("training is exploding", await page.TextContentAsync("#exploding-text"));
        await page.ClickAsync("#reset");
        await page.WaitForFunctionAsync("() => window.playground.frame.step === 0");
        await page.WaitForSelectorAsync("#exploding", new() { State = WaitForSelectorState.Hidden }); // its cause is gone, and so is the flag
    }

    [BrowserFact]
    public async Task TheLossMenuFitsTheTaskAndASwitchResetsAnUnfittingLoss()
    {
        await using var browser = await Browser.Launch();
        var page = await browser.Page(1400, 1000);
        await page.GotoAsync(playground.Server.Address + "#data=xor");
        await page.WaitForFunctionAsync(Ready);
        Assert.Equal(["", "softmax_ce"], await LossMenu(page));
        await page.SelectOptionAsync("#loss", "softmax_ce");
        await page.WaitForFunctionAsync("() => window.playground.settings.loss === 'softmax_ce' && window.playground.setup.loss === 'softmax_ce'");

        long version = await page.EvaluateAsync<long>("() => window.playground.setup.version");
        await page.SelectOptionAsync("#data", "sine"); // softmax_ce does not fit a regression: the loss goes back to the default
        await page.WaitForFunctionAsync($"() => window.playground.setup.version > {version} && window.playground.setup.classes.length === 0");
        Assert.Equal("", await page.EvaluateAsync<string>("() => window.playground.settings.loss"));
        Assert.True(await page.IsHiddenAsync("#error"), await page.TextContentAsync("#error-text"));
        Assert.Equal(["", "mse", "mse_half"], await LossMenu(page));
        Assert.DoesNotContain("loss=softmax_ce", await page.EvaluateAsync<string>("() => location.hash"));

        await page.SelectOptionAsync("#loss", "mse_half");
        await page.WaitForFunctionAsync("() => window.playground.setup.loss === 'mse_half'");
        version = await page.EvaluateAsync<long>("() => window.playground.setup.version");
        await page.SelectOptionAsync("#data", "moons"); // and back: mse_half does not fit classes
        await page.WaitForFunctionAsync($"() => window.playground.setup.version > {version} && window.playground.setup.classes.length === 2");
        Assert.Equal("", await page.EvaluateAsync<string>("() => window.playground.settings.loss"));
        Assert.True(await page.IsHiddenAsync("#error"), await page.TextContentAsync("#error-text"));
        Assert.Equal(["", "softmax_ce"], await LossMenu(page));
    }

    [BrowserFact]
    public async Task AnEndedSessionIsAnnouncedAndItsButtonRebuildsAWorkingOne()
    {
        await using var browser = await Browser.Launch();
        var page = await browser.Page(1400, 1000);
        await page.GotoAsync(playground.Server.Address + "#data=xor&lr=0.3");
        await page.WaitForFunctionAsync(Ready);
        string ended = await page.EvaluateAsync<string>("() => window.playground.id");
        Assert.True(await page.IsHiddenAsync("#expired"));

        using (var close = new HttpRequestMessage(HttpMethod.Delete, $"api/sessions/{ended}")) // as the page closes it: its token and Origin
        {
            close.Headers.Add("Origin", playground.Server.Address.GetLeftPart(UriPartial.Authority));
            using var closed = await playground.Http.SendAsync(close);
            Assert.True(closed.IsSuccessStatusCode, $"{closed.StatusCode}: {await closed.Content.ReadAsStringAsync()}");
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await playground.Get($"api/sessions/{ended}/frame")).Status);

        await page.ClickAsync("#step"); // the stream may say so first; a command to the ended session says so in any case
        await page.WaitForSelectorAsync("#expired:not([hidden])");
        Assert.Contains("session has ended", await page.TextContentAsync("#expired-text"));
        Assert.True(await page.IsHiddenAsync("#error")); // announced as ended, not as a failure

        await page.ClickAsync("#rebuild");
        await page.WaitForFunctionAsync($"() => window.playground.id !== null && window.playground.id !== '{ended}' && window.playground.frame !== null");
        Assert.True(await page.IsHiddenAsync("#expired"));
        Assert.Equal("0.3", await page.EvaluateAsync<string>("() => window.playground.settings.lr")); // built from the page's settings
        await page.ClickAsync("#step");
        await page.WaitForFunctionAsync("() => window.playground.frame.step === 1");
        string id = await page.EvaluateAsync<string>("() => window.playground.id");
        var (status, frame) = await playground.Get($"api/sessions/{id}/frame");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, frame.GetProperty("step").GetInt32()); // the new session is the one the page drives
        Assert.True(await page.IsHiddenAsync("#expired"));
    }

    [BrowserFact]
    public async Task TheDivergedAndErrorBannersClearWhenTheirCauseDoes()
    {
        await using var browser = await Browser.Launch();
        var page = await browser.Page(1400, 1000);
        await page.GotoAsync(playground.Server.Address + "#data=sine&hidden=32,32,32&act=relu&opt=sgd&lr=10&batch=50");
        await page.WaitForFunctionAsync(Ready);
        await page.ClickAsync("#play");
        await page.WaitForSelectorAsync("#diverged:not([hidden])");
        await page.ClickAsync("#reset"); // the same settings from the first weights: no longer diverged, no banner
        await page.WaitForFunctionAsync("() => window.playground.frame.step === 0 && !window.playground.frame.diverged");
        await page.WaitForSelectorAsync("#diverged", new() { State = WaitForSelectorState.Hidden });

        await page.ClickAsync("#play");
        await page.WaitForSelectorAsync("#diverged:not([hidden])");
        await page.FillAsync("#lr", "0.01"); // a new setting clears it too
        await page.DispatchEventAsync("#lr", "change");
        await page.WaitForFunctionAsync("() => window.playground.settings.lr === '0.01' && !window.playground.frame.diverged");
        await page.WaitForSelectorAsync("#diverged", new() { State = WaitForSelectorState.Hidden });

        await page.FillAsync("#lr", "100"); // out of range, refused: the error banner says why and the setting stays as it was
        await page.DispatchEventAsync("#lr", "change");
        await page.WaitForSelectorAsync("#error:not([hidden])");
        Assert.Contains("lr: '100' is not a number", await page.TextContentAsync("#error-text"));
        Assert.Equal("0.01", await page.EvaluateAsync<string>("() => window.playground.settings.lr"));
        await page.FillAsync("#lr", "0.05"); // a setting the server takes: the refusal no longer applies
        await page.DispatchEventAsync("#lr", "change");
        await page.WaitForFunctionAsync("() => window.playground.settings.lr === '0.05'");
        await page.WaitForSelectorAsync("#error", new() { State = WaitForSelectorState.Hidden });
    }

    private static Task<bool> Exploded(IPage page) => page.EvaluateAsync<bool>(
        "() => { const f = window.playground.frame; return Number(f.trainLoss) > 1e6 * Number(f.history[0].train); }");

    private static async Task<string[]> LossMenu(IPage page) =>
        await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#loss option')].map(o => o.value)");
}
