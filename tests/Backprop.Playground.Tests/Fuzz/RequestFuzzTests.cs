using System.Text.Json;
using System.Text.RegularExpressions;
using Backprop.Playground.Sessions;
using CsCheck;

namespace Backprop.Playground.Tests.Fuzz;

/// <summary>
/// Generated hostile requests (<see cref="FuzzedRequest"/>) sent byte for byte to the playground on Kestrel: every one is answered in
/// time, never with a 5xx or a dropped connection; a refusal is JSON with a message; and a request that may change state but does not come
/// from the page (another Host, another Origin or site, the token missing or wrong) changes nothing: no session made, closed, stepped,
/// played or reconfigured. (A path with an encoded NUL is refused by Kestrel itself, with a bare 400, before the playground's code.) A few hundred cases by default, many more with BACKPROP_FULL_TESTS=1.
/// </summary>
public sealed partial class RequestFuzzTests : IAsyncLifetime
{
    private static readonly long Cases = Environment.GetEnvironmentVariable("BACKPROP_FULL_TESTS") == "1" ? 5_000 : 300;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private PlaygroundServer server = null!;
    private Session probe = null!;

    public async Task InitializeAsync()
    {
        server = await PlaygroundServer.StartAsync(new PlaygroundOptions(Port: 0, MaxSessions: 64, MaxSessionsPerClient: 64));
        probe = NewProbe();
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task HostileRequestsAreAnsweredAndChangeNothingUnlessFromThePage()
    {
        int fromThePage = 0, refused = 0;
        await FuzzedRequest.Gen.SampleAsync(async request =>
        {
            var before = State();
            var answer = await RawExchange.Send(server.Address, request.Bytes(server.Address, server.Token, probe.Id), Patience);
            Assert.True(answer.InTime, $"no answer within {Patience.TotalSeconds} s");
            Assert.True(answer.Status != 0, $"the connection closed without an answer: {answer.Headers}");
            Assert.True(answer.Status < 500, $"{answer.Status}: {answer.Body}");
            if (request.RefusedByKestrel) Assert.Equal(400, answer.Status);
            else if (answer.Status >= 400 && request.Method != "HEAD") Assert.True(HasMessage(answer.Body), $"{answer.Status} without a JSON message: '{answer.Body}'");
            if (!request.HostAllowed) Assert.Equal(400, answer.Status);
            if (request.Changes && !request.FromThePage)
            {
                Assert.True(answer.Status is >= 400 and < 500, $"a change not from the page answered {answer.Status}: {answer.Body}");
                Assert.Equal(before, State());
                refused++;
            }
            else if (request.Changes) fromThePage++;
            Tidy(answer);
        }, iter: Cases, threads: 1, print: r => r.ToString());
        Assert.True(refused > 0 && fromThePage > 0, $"{refused} changes refused, {fromThePage} from the page: the generator misses one kind");
    }

    // What a change would alter: the sessions open, and the probe's existence, frames and setups.
    private (int Sessions, bool Closed, long Frame, long Setup) State()
    {
        var (setup, frame) = probe.Latest;
        return (server.Sessions.Count, probe.IsClosed, frame.Version, setup.Version);
    }

    // After a request from the page: a session it made is closed, the probe paused (or made anew when it was closed), so the next case starts still.
    private void Tidy(RawAnswer answer)
    {
        if (answer.Status == 200 && CreatedId().Match(answer.Body) is { Success: true } made && made.Groups[1].Value != probe.Id) server.Sessions.Close(made.Groups[1].Value);
        if (probe.IsClosed) probe = NewProbe();
        else probe.Pause();
    }

    private Session NewProbe() => server.Sessions.Create(Settings.Parse([new("data", "xor"), new("hidden", "4")]), "probe");

    private static bool HasMessage(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String && error.GetString()!.Length > 0;
        }
        catch (JsonException) { return false; }
    }

    [GeneratedRegex("^\\{\"id\":\"([0-9a-f]+)\"")]
    private static partial Regex CreatedId();
}
