using System.Globalization;
using System.Net;
using Backprop.Cli.Playground;
using Backprop.Playground;

namespace Backprop.Tests.Cli;

/// <summary><c>backprop playground</c>: prints the address it serves, serves the page there, and refuses a bad host or a taken port in one line.</summary>
public class PlaygroundCommandTests
{
    [Fact]
    public async Task ItPrintsTheAddressAndServesThePageUntilStopped()
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        using var stop = new CancellationTokenSource();
        var serving = PlaygroundCommand.Execute(new PlaygroundOptions(Port: 0), output, stop.Token);
        for (int i = 0; i < 200 && !output.ToString().Contains("http://", StringComparison.Ordinal) && !serving.IsCompleted; i++) await Task.Delay(50);
        var line = output.ToString().Trim();
        Assert.Matches(@"^The playground is at http://127\.0\.0\.1:\d+/ \(Ctrl\+C stops it\)\.$", line);
        var address = line.Split(' ')[4];
        using var http = new HttpClient();
        using (var page = await http.GetAsync(address))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Backprop playground", await page.Content.ReadAsStringAsync());
        }
        await stop.CancelAsync();
        Assert.Equal(0, await serving);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(address));
    }

    [Fact]
    public void AHostThatIsNoAddressIsAUsageError() =>
        CliRun.Of("playground", "--host", "example.org", "--port", "0")
            .AssertOneLineError("--host: 'example.org' is not an IP address (such as 127.0.0.1 or 0.0.0.0) or localhost.", 2);

    [Fact]
    public async Task APortInUseIsAUsageErrorNamingIt()
    {
        await using var first = await PlaygroundServer.StartAsync(new PlaygroundOptions(Port: 0));
        int port = first.Address.Port;
        CliRun.Of("playground", "--port", port.ToString(CultureInfo.InvariantCulture)).AssertOneLineError($"--port {port}: cannot listen on 127.0.0.1", 2);
    }

    [Fact]
    public async Task LocalhostOnAFreePortListensOnTheLoopbackAddress()
    {
        await using var server = await PlaygroundServer.StartAsync(new PlaygroundOptions(Host: "localhost", Port: 0));
        Assert.Equal("127.0.0.1", server.Address.Host);
        Assert.NotEqual(0, server.Address.Port);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(server.Address)).StatusCode);
    }

    [Fact]
    public void OnEveryAddressItPrintsTheLoopbackAddressToOpenAndWarnsThatThePageIsOpenToTheNetwork() // not bound here: the tests listen on loopback only
    {
        var lines = PlaygroundCommand.Banner(new Uri("http://0.0.0.0:5123/"), new Uri("http://127.0.0.1:5123/"), openToNetwork: true, "0.0.0.0").ToArray();
        Assert.Equal("The playground listens on http://0.0.0.0:5123/; open http://127.0.0.1:5123/ on this machine (Ctrl+C stops it).", lines[0]);
        Assert.StartsWith("warning: --host 0.0.0.0 opens the playground to the network: anyone who can reach this machine on port 5123", lines[1]);
        Assert.Single(PlaygroundCommand.Banner(new Uri("http://127.0.0.1:5123/"), new Uri("http://127.0.0.1:5123/"), openToNetwork: false, "127.0.0.1"));
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1", "is an IPv4 address written as IPv6; give it as 127.0.0.1")]
    [InlineData("255.255.255.255", "is a multicast or broadcast address")]
    [InlineData("239.1.2.3", "is a multicast or broadcast address")]
    [InlineData("fe80::1%1", "is not an IP address")]
    public void AnAddressKestrelCannotServeIsAUsageError(string host, string message) =>
        CliRun.Of("playground", "--host", host, "--port", "0").AssertOneLineError($"--host: '{host}' {message}", 2);

    [Fact]
    public async Task TheServerSaysWhetherItIsOpenToTheNetwork()
    {
        await using var server = await PlaygroundServer.StartAsync(new PlaygroundOptions(Port: 0));
        Assert.False(server.OpenToNetwork);
    }
}
