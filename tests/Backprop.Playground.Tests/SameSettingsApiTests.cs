using System.Net;

namespace Backprop.Playground.Tests;

/// <summary>Settings sent again unchanged (a second change event, a hash written back) leave the run and its last step alone.</summary>
public sealed class SameSettingsApiTests(PlaygroundFixture playground) : IClassFixture<PlaygroundFixture>
{
    [Fact]
    public async Task TheSameSettingsAgainKeepTheLastStepInspectable()
    {
        string id = await playground.Create("data=xor&lr=0.1");
        await playground.Post($"api/sessions/{id}/step");
        Assert.Equal(HttpStatusCode.OK, (await playground.Post($"api/sessions/{id}/config?data=xor&lr=0.1")).Status);
        Assert.Equal(HttpStatusCode.OK, (await playground.Get($"api/sessions/{id}/spec")).Status);
        await playground.Post($"api/sessions/{id}/config?data=xor&lr=0.2"); // a real change: the next step is the one to inspect
        Assert.Equal(HttpStatusCode.BadRequest, (await playground.Get($"api/sessions/{id}/spec")).Status);
    }
}
