using System.Net;

namespace Backprop.Playground.Tests;

/// <summary>The server side of the teaching parts: the speed, Step by epoch, the 2-D sets' computed inputs and the plotted features' rule.</summary>
public sealed class TeachingApiTests(PlaygroundFixture playground) : IClassFixture<PlaygroundFixture>
{
    [Fact]
    public async Task StepByEpochEndsOnAnEpochAndTheSpeedKeepsTheWeights()
    {
        string id = await playground.Create("data=xor&batch=7");
        var (status, json) = await playground.Post($"api/sessions/{id}/step?by=epoch");
        Assert.Equal(HttpStatusCode.OK, status);
        int perEpoch = json.GetProperty("setup").GetProperty("stepsPerEpoch").GetInt32();
        Assert.Equal((1, perEpoch), (json.GetProperty("frame").GetProperty("epoch").GetInt32(), json.GetProperty("frame").GetProperty("step").GetInt32()));
        await playground.Post($"api/sessions/{id}/step");
        (_, json) = await playground.Post($"api/sessions/{id}/step?by=epoch"); // from inside an epoch: to its end
        Assert.Equal((2, 2 * perEpoch), (json.GetProperty("frame").GetProperty("epoch").GetInt32(), json.GetProperty("frame").GetProperty("step").GetInt32()));

        (status, json) = await playground.Post($"api/sessions/{id}/speed?speed=1");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2 * perEpoch, json.GetProperty("frame").GetProperty("step").GetInt32()); // not a new run
        await playground.Post($"api/sessions/{id}/play");
        var frame = await playground.WaitFor(id, f => f.GetProperty("step").GetInt32() >= 2 * perEpoch + 3);
        await playground.Post($"api/sessions/{id}/pause");
        Assert.Equal(2, frame.GetProperty("epoch").GetInt32()); // one step a frame: a few frames are far from the next epoch's end

        (status, json) = await playground.Post($"api/sessions/{id}/speed?speed=fast");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("speed: 'fast' is neither epoch nor a number of steps per frame from 0.05 to 10000", json.GetProperty("error").GetString());
        (status, json) = await playground.Post($"api/sessions/{id}/step?by=week");
        Assert.Equal("by: 'week' is neither batch nor epoch", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ComputedInputsSetTheInputLayerWhileThePointsStayOnThePlane()
    {
        var (status, json) = await playground.Post("api/sessions?data=circles&hidden=none&feat=x2sq,x1sq,sinx1");
        Assert.Equal(HttpStatusCode.OK, status);
        var setup = json.GetProperty("setup");
        Assert.Equal([3, 2], setup.GetProperty("sizes").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(["x₁²", "x₂²", "sin x₁"], setup.GetProperty("features").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["x1sq", "x2sq", "sinx1"], setup.GetProperty("plane").EnumerateArray().Select(e => e.GetString()));
        var xs = setup.GetProperty("train").EnumerateArray().Select(p => p.GetProperty("x").GetDouble()).ToArray();
        Assert.Contains(xs, x => x < 0); // the plane's x₁, not x₁²

        string id = json.GetProperty("id").GetString()!;
        var node = (await playground.Get($"api/sessions/{id}/node?layer=1&unit=0&x=0.25,0.5,0.1")).Json;
        Assert.Equal(3, node.GetProperty("input").GetArrayLength());

        (status, json) = await playground.Post("api/sessions?data=circles&feat=x3");
        Assert.Equal("feat: 'x3' is not an input; expected some of x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2", json.GetProperty("error").GetString());
        (status, json) = await playground.Post("api/sessions?data=iris&feat=x1sq");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("feat: iris is a table", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ATableIsPlottedOnItsMostInformativeFeaturesUnlessNamed()
    {
        var setup = (await playground.Post("api/sessions?data=iris")).Json.GetProperty("setup");
        var names = setup.GetProperty("features").EnumerateArray().Select(e => e.GetString()!).ToArray();
        int px = setup.GetProperty("plotX").GetInt32(), py = setup.GetProperty("plotY").GetInt32();
        Assert.Contains("petal", names[px]); // η²: petal length or width separate the species best
        Assert.DoesNotContain("petal", names[py]); // the other petal feature nearly copies it (r ≈ 0.96), so it adds little
        setup = (await playground.Post("api/sessions?data=iris&px=0&py=1")).Json.GetProperty("setup");
        Assert.Equal((0, 1), (setup.GetProperty("plotX").GetInt32(), setup.GetProperty("plotY").GetInt32()));

        setup = (await playground.Post("api/sessions?data=auto-mpg")).Json.GetProperty("setup");
        var values = setup.GetProperty("train").EnumerateArray().Select(p => p.GetProperty("value").GetDouble()).ToArray();
        Assert.Equal(0, values.Average(), 1e-9); // each point carries its (standardised) target, for its colour
        Assert.True(values.Distinct().Count() > 10);
    }
}
