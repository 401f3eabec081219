using System.Net;
using System.Text;
using System.Text.Json;
using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Errors;
using Backprop.Playground.Sessions;

namespace Backprop.Playground.Tests;

/// <summary>The session API over real HTTP against Kestrel: training, the stream, inspection against the library, and refusals.</summary>
public sealed class ApiTests(PlaygroundFixture playground, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<PlaygroundFixture>
{
    [Fact]
    public async Task ThePageAndItsScriptsAreServedFromTheAssemblyWithNothingFromElsewhere()
    {
        foreach (var (path, type) in new[] { ("", "text/html"), ("app.js", "text/javascript"), ("network.js", "text/javascript"), ("style.css", "text/css") })
        {
            using var response = await playground.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith(type, response.Content.Headers.ContentType!.ToString());
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("https://", text); // no CDN: works offline
        }
        Assert.Contains("Backprop playground", await playground.Http.GetStringAsync(""));
    }

    [Fact]
    public async Task TheSettingsOfTheAddressBuildTheNetworkTheyDescribe()
    {
        var (status, json) = await playground.Post("api/sessions?data=moons&hidden=5,3&act=relu,sigmoid&opt=sgd&lr=0.1&batch=7&test=0.25");
        Assert.Equal(HttpStatusCode.OK, status);
        var setup = json.GetProperty("setup");
        Assert.Equal([2, 5, 3, 2], setup.GetProperty("sizes").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(["relu", "sigmoid", "identity"], setup.GetProperty("activations").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(100, setup.GetProperty("test").GetArrayLength()); // a quarter of moons' 400 points
        Assert.Equal(43, setup.GetProperty("stepsPerEpoch").GetInt32()); // 300 rows in batches of 7: 42 full and one of 6
    }

    [Theory]
    [InlineData("iris", 4, 3, "features standardised on the training rows")]
    [InlineData("auto-mpg", 7, 1, "features standardised on the training rows; the target too")]
    public async Task ABuiltInTableTrainsOnEveryFeatureStandardised(string name, int features, int outputs, string note)
    {
        var (status, json) = await playground.Post($"api/sessions?data={name}&hidden=5");
        Assert.Equal(HttpStatusCode.OK, status);
        var setup = json.GetProperty("setup");
        Assert.Equal([features, 5, outputs], setup.GetProperty("sizes").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(note, setup.GetProperty("note").GetString());
        var train = setup.GetProperty("train").EnumerateArray().Select(p => p.GetProperty("x").GetDouble()).ToArray();
        Assert.Equal(0, train.Average(), 1e-9); // the plotted feature, standardised on the training rows
    }

    [Fact]
    public async Task PlayingLearnsXorAndStreamsFramesUntilPaused()
    {
        string id = await playground.Create("data=xor");
        var events = StreamFrames(id, TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await playground.Post($"api/sessions/{id}/play")).Status);
        int frames = await events;
        var frame = await playground.WaitFor(id, f => f.GetProperty("testAccuracy").GetDouble() == 1.0);
        Assert.True(frame.GetProperty("playing").GetBoolean());
        Assert.True(frames >= 2, $"{frames} frames in 2 s");
        output.WriteLine($"playground: {frames / 2.0:0.#} frames a second for 2-8-8-2 on XOR");
        var (_, paused) = await playground.Post($"api/sessions/{id}/pause");
        int step = paused.GetProperty("frame").GetProperty("step").GetInt32();
        await Task.Delay(300);
        Assert.Equal(step, (await playground.Get($"api/sessions/{id}/frame")).Json.GetProperty("step").GetInt32());
    }

    [Fact]
    public async Task AnEdgesGradientAndPathsAreTheLibrarysForTheLastBatch()
    {
        string id = await playground.Create("data=spirals&hidden=8,8&batch=10&seed=3");
        for (int i = 0; i < 5; i++) await playground.Post($"api/sessions/{id}/step");
        var (status, edge) = await playground.Get($"api/sessions/{id}/edge?layer=1&from=1&to=4");
        Assert.Equal(HttpStatusCode.OK, status);
        var spec = NetworkSpec.Parse(await playground.Http.GetStringAsync($"api/sessions/{id}/spec"));
        var step = StepExplanation.Run(spec);
        double library = step.Layers[0].DW[1, 4];
        Assert.Equal("layer1.w[1,4]", edge.GetProperty("parameter").GetString());
        Assert.Equal(library, edge.GetProperty("gradient").GetDouble(), 1e-12);
        Assert.Equal(library, edge.GetProperty("autodiff").GetDouble(), 1e-15);
        Assert.Equal(library, edge.GetProperty("sum").GetDouble(), 1e-12);
        Assert.Equal(10 * 8 * 3, edge.GetProperty("pathCount").GetInt32()); // per example: 8 units of layer 2, then 3 outputs
        Assert.Equal(spec.Layers[0].W[1, 4], edge.GetProperty("before").GetDouble());
        Assert.NotEqual(edge.GetProperty("before").GetDouble(), edge.GetProperty("value").GetDouble()); // the step moved it
        var bias = (await playground.Get($"api/sessions/{id}/edge?layer=3&from=b&to=2")).Json;
        Assert.Equal(step.Layers[2].DB[2], bias.GetProperty("gradient").GetDouble(), 1e-12);
    }

    [Fact]
    public async Task ANodeShowsItsPreActivationActivationAndLocalDerivative()
    {
        string id = await playground.Create("data=circles&hidden=4&act=sigmoid");
        await playground.Post($"api/sessions/{id}/step");
        var (status, node) = await playground.Get($"api/sessions/{id}/node?layer=1&unit=2&x=0.3,-0.5");
        Assert.Equal(HttpStatusCode.OK, status);
        async Task<double> Now(string from) => (await playground.Get($"api/sessions/{id}/edge?layer=1&from={from}&to=2")).Json.GetProperty("value").GetDouble();
        double z = 0.3 * await Now("0") + -0.5 * await Now("1") + await Now("b"), a = 1 / (1 + Math.Exp(-z));
        Assert.Equal(z, node.GetProperty("z").GetDouble(), 1e-12);
        Assert.Equal(a, node.GetProperty("a").GetDouble(), 1e-12);
        Assert.Equal(a * (1 - a), node.GetProperty("derivative").GetDouble(), 1e-12);
    }

    [Fact]
    public async Task AnUploadIsReadByTheLibrarysCsvCodeAndTrainsOnItsColumns()
    {
        string id = await playground.Create();
        var csv = new StringBuilder("width,height,noise,kind\n");
        var rng = new Random(5);
        for (int i = 0; i < 120; i++) csv.Append($"{i % 2 + rng.NextDouble() * 0.3},{rng.NextDouble()},{rng.NextDouble()},{(i % 2 == 0 ? "small" : "large")}\n");
        var (status, json) = await playground.Post($"api/sessions/{id}/upload?target=kind&px=0&py=2", new StringContent(csv.ToString()));
        Assert.True(status == HttpStatusCode.OK, json.ToString());
        var setup = json.GetProperty("setup");
        Assert.Equal(["width", "height", "noise"], setup.GetProperty("features").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["large", "small"], setup.GetProperty("classes").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.Equal([3, 8, 8, 2], setup.GetProperty("sizes").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(2, setup.GetProperty("plotY").GetInt32());
        // a new configuration reads the same upload again
        Assert.Equal(HttpStatusCode.OK, (await playground.Post($"api/sessions/{id}/config?data=upload&target=kind&hidden=3")).Status);
        var (same, refusal) = await playground.Post($"api/sessions/{id}/config?data=upload&target=kind&px=1&py=1");
        Assert.Equal(HttpStatusCode.BadRequest, same);
        Assert.Equal("px, py: both are feature 1; choose two different features to plot.", refusal.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AnUploadWithATextColumnAndEmptyCellsIsEncodedAsTheCliEncodesIt()
    {
        string id = await playground.Create();
        var csv = new StringBuilder("width,colour,kind\n");
        for (int i = 0; i < 60; i++) csv.Append($"{(i % 7 == 3 ? "" : (i % 2 + 0.1 * (i % 5)).ToString(System.Globalization.CultureInfo.InvariantCulture))},{(i % 3) switch { 0 => "red", 1 => "blue", _ => "" }},{(i % 2 == 0 ? "small" : "large")}\n");
        var (status, json) = await playground.Post($"api/sessions/{id}/upload?target=kind&px=0&py=1", new StringContent(csv.ToString()));
        Assert.True(status == HttpStatusCode.OK, json.ToString());
        var setup = json.GetProperty("setup");
        Assert.Equal(["width", "colour=blue", "colour=red", "colour=(missing)"], setup.GetProperty("features").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("width number, colour category", json.ToString());
    }

    [Fact]
    public async Task ALargeUploadTrainsOnEveryRowButDrawsAndEvaluatesASampleOfAtMostTheCap()
    {
        string id = await playground.Create();
        var csv = new StringBuilder("a,b,label\n");
        var rng = new Random(7);
        for (int i = 0; i < 10_000; i++) csv.Append($"{rng.NextDouble():0.###},{rng.NextDouble():0.###},{i % 3}\n");
        var (status, json) = await playground.Post($"api/sessions/{id}/upload?target=label&test=0.3&batch=100", new StringContent(csv.ToString()));
        Assert.True(status == HttpStatusCode.OK, json.ToString());
        var setup = json.GetProperty("setup");
        Assert.Equal(2000, setup.GetProperty("train").GetArrayLength());
        Assert.Equal(2000, setup.GetProperty("test").GetArrayLength());
        Assert.Equal(7000, setup.GetProperty("trainRows").GetInt32());
        Assert.Equal(3000, setup.GetProperty("testRows").GetInt32());
        Assert.Equal(70, setup.GetProperty("stepsPerEpoch").GetInt32()); // training still takes every row
        Assert.Contains("trained on all 7000 training rows; drawn and evaluated on a fixed sample of 2000", setup.GetProperty("note").GetString());
    }

    [Fact]
    public async Task AOneFeatureClassificationDrawsADecisionStripWithPointsColouredByClass()
    {
        string id = await playground.Create();
        var csv = new StringBuilder("x,kind\n");
        for (int i = 0; i < 60; i++) csv.Append($"{i * 0.1:0.0},{(i < 30 ? "low" : "high")}\n");
        var (status, json) = await playground.Post($"api/sessions/{id}/upload?target=kind", new StringContent(csv.ToString()));
        Assert.True(status == HttpStatusCode.OK, json.ToString());
        var (setup, frame) = (json.GetProperty("setup"), json.GetProperty("frame"));
        Assert.Equal(-1, setup.GetProperty("plotY").GetInt32());
        Assert.Equal(JsonValueKind.Null, frame.GetProperty("curve").ValueKind);
        var map = frame.GetProperty("map");
        int size = map.GetProperty("size").GetInt32();
        var cells = Convert.FromBase64String(map.GetProperty("cells").GetString()!);
        Assert.Equal(2 * size * size, cells.Length); // a class and its probability per cell
        for (int c = 0; c < size; c++) Assert.Equal(cells[2 * c], cells[2 * ((size - 1) * size + c)]); // the same down each column
        var points = setup.GetProperty("train").EnumerateArray().ToArray();
        Assert.All(points, p => Assert.Equal(p.GetProperty("label").GetInt32(), p.GetProperty("y").GetDouble()));
        Assert.Equal([0, 1], points.Select(p => p.GetProperty("label").GetInt32()).Distinct().Order());
    }

    [Fact]
    public async Task ABadUploadGetsTheCsvReadersOwnMessage()
    {
        string id = await playground.Create();
        const string ragged = "a,b,c\n1,2,0\n3,4\n5,6,1\n";
        string expected;
        try { using var stream = new MemoryStream(Encoding.UTF8.GetBytes(ragged)); Csv.Load<double>(stream, "bad.csv"); throw new InvalidOperationException("the library accepted it"); }
        catch (BackpropException e) { expected = e.Message; }
        using var body = new StringContent(ragged);
        body.Headers.Add("X-File-Name", "bad.csv");
        var (status, json) = await playground.Post($"api/sessions/{id}/upload", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(expected, json.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("POST", "api/sessions?colour=red", "unknown setting 'colour'")]
    [InlineData("POST", "api/sessions?lr=fast", "lr: 'fast' is not a number")]
    [InlineData("POST", "api/sessions?lr=1&lr=2", "lr is given 2 times")]
    [InlineData("POST", "api/sessions?hidden=65", "hidden: '65' is not a whole number from 1 to 64")]
    [InlineData("POST", "api/sessions?hidden=2,2,2,2,2,2,2,2", "at most 7")]
    [InlineData("POST", "api/sessions?act=softmax", "not offered for a hidden layer")]
    [InlineData("POST", "api/sessions?act=leaky_relu:abc", "act: Activation 'leaky_relu:abc': ALPHA must be a finite number")]
    [InlineData("POST", "api/sessions?act=tanh,relu,tanh", "3 activations for 2 hidden layers")]
    [InlineData("POST", "api/sessions?data=sine&loss=softmax_ce", "softmax_ce is for classes")]
    [InlineData("POST", "api/sessions?opt=lbfgs", "opt: 'lbfgs' is not an optimizer here")]
    [InlineData("POST", "api/sessions?data=upload", "has no uploaded CSV")]
    [InlineData("POST", "api/sessions/nope/play", "no session 'nope'")]
    [InlineData("GET", "api/sessions/nope/events", "no session 'nope'")]
    [InlineData("GET", "SESSION/edge?layer=4&from=0&to=0", "layer 4 does not exist")]
    [InlineData("GET", "SESSION/edge?layer=1&from=2&to=0", "unit 2 is not an input of layer 1")]
    [InlineData("GET", "SESSION/edge?layer=1&from=x&to=0", "from: 'x' is not a whole number")]
    [InlineData("GET", "SESSION/edge?layer=1&from=0&to=0", "no step has been taken yet")]
    [InlineData("GET", "SESSION/node?layer=1&unit=0&x=1", "the point has 1 values; the network takes 2 features")]
    [InlineData("GET", "SESSION/node?layer=1&unit=0&x=1,NaN", "'NaN' is not a finite number")]
    [InlineData("GET", "SESSION/spec", "no step has been taken yet")]
    [InlineData("POST", "SESSION/config?batch=0", "batch: '0' is not a whole number from 1 to 1024")]
    [InlineData("POST", "SESSION/upload", "the upload is empty")]
    public async Task ABadRequestGetsA400ThatSaysWhatIsWrong(string method, string path, string message)
    {
        if (path.StartsWith("SESSION/", StringComparison.Ordinal)) path = $"api/sessions/{await playground.Create()}/{path["SESSION/".Length..]}";
        var (status, json) = await playground.Send(new HttpMethod(method), path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AnUploadOverOneMegabyteIsRefusedBeforeItIsRead()
    {
        string id = await playground.Create();
        var big = new ByteArrayContent(new byte[PlaygroundData.MaxUploadBytes + 1]);
        var (status, json) = await playground.Post($"api/sessions/{id}/upload", big);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("at most 1048576 (1 MB)", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AChunkedUploadOverOneMegabyteIsRefusedToo()
    {
        string id = await playground.Create();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/sessions/{id}/upload")
        {
            Content = new StreamContent(new MemoryStream(new byte[PlaygroundData.MaxUploadBytes + 100_000])),
        };
        request.Headers.TransferEncodingChunked = true; // no Content-Length: the size is only known by reading
        using var response = await playground.Http.SendAsync(request);
        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 1048576 (1 MB)", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheEventStreamEndsWhenItsSessionIsClosed()
    {
        string id = await playground.Create();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var stream = await playground.Http.GetStreamAsync($"api/sessions/{id}/events", cancel.Token);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancel.Token) is { } line && line != "event: frame") { }
        Assert.Equal(HttpStatusCode.OK, (await playground.Send(HttpMethod.Delete, $"api/sessions/{id}")).Status);
        await reader.ReadToEndAsync(cancel.Token); // completes: the server ended the stream (else cancelled after 20 s, failing)
    }

    [Fact]
    public async Task AChangeWithoutThePagesHeaderIsRefusedSoNoOtherSiteCanDriveASession()
    {
        string id = await playground.Create();
        int open = playground.Server.Sessions.Count;
        using var plain = new HttpClient { BaseAddress = playground.Server.Address }; // as a cross-site form or no-cors fetch sends it
        foreach (var path in new[] { "api/sessions", $"api/sessions/{id}/play" })
        {
            using var response = await plain.PostAsync(path, null);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("needs the page's token in the header X-Playground-Token", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(open, playground.Server.Sessions.Count);
        Assert.False((await playground.Get($"api/sessions/{id}/frame")).Json.GetProperty("playing").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync($"api/sessions/{id}/frame")).StatusCode); // reading needs no header
    }

    [Fact]
    public async Task ADivergingRunPausesAndSaysWhereAndPlayIsRefusedUntilReset()
    {
        var (_, created) = await playground.Post("api/sessions?data=sine&hidden=32,32,32&act=relu&opt=sgd&lr=10&batch=50");
        string id = created.GetProperty("id").GetString()!;
        int stepsPerEpoch = created.GetProperty("setup").GetProperty("stepsPerEpoch").GetInt32();
        await playground.Post($"api/sessions/{id}/play");
        var frame = await playground.WaitFor(id, f => f.GetProperty("diverged").ValueKind == JsonValueKind.String, 20);
        string diverged = frame.GetProperty("diverged").GetString()!;
        var where = System.Text.RegularExpressions.Regex.Match(diverged, @"^step (\d+) \(epoch (\d+)\): .*layer\d\.");
        Assert.True(where.Success, diverged);
        Assert.Equal((int.Parse(where.Groups[1].Value) - 1) / stepsPerEpoch + 1, int.Parse(where.Groups[2].Value)); // the step's own epoch
        Assert.False(frame.GetProperty("playing").GetBoolean());
        foreach (var command in new[] { "play", "step" })
        {
            var (status, json) = await playground.Post($"api/sessions/{id}/{command}");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("lower the learning rate", json.GetProperty("error").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await playground.Post($"api/sessions/{id}/config?data=sine&hidden=32,32,32&act=relu&opt=sgd&lr=0.01&batch=50")).Status);
        Assert.Equal(JsonValueKind.Null, (await playground.Get($"api/sessions/{id}/frame")).Json.GetProperty("diverged").ValueKind);
    }

    // Counts the frame events of the session's stream for a while.
    private async Task<int> StreamFrames(string id, TimeSpan duration)
    {
        using var cancel = new CancellationTokenSource(duration);
        int frames = 0;
        try
        {
            using var stream = await playground.Http.GetStreamAsync($"api/sessions/{id}/events", cancel.Token);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(cancel.Token) is { } line)
                if (line == "event: frame") frames++;
        }
        catch (OperationCanceledException) { }
        return frames;
    }
}
