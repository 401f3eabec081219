using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

[Collection(LearnerCommandsCollection.Name)]
public class LearnBadInputTests
{
    [Theory]
    [InlineData("""{"layers": [{"w": [[1, 2]], "b": [0, 0], "act": "relu"}, {"w": [[1], [2], [3]], "b": [0], "act": "identity"}], "loss": "mse_half", "x": [[1]], "y": [[1]]}""", "layers[1].w: 3 rows, but layers[0] has 2 outputs")]
    [InlineData("""{"layers": [{"w": [[1, 2]], "b": [0], "act": "relu"}], "loss": "mse_half", "x": [[1]], "y": [[1, 1]]}""", "layers[0].b: 1 values, but layers[0].w has 2 outputs")]
    [InlineData("""{"layers": [{"w": [[1, 2]], "b": [0, 0], "act": "mish"}], "loss": "mse_half", "x": [[1]], "y": [[1, 1]]}""", "layers[0].act: unknown activation 'mish'")]
    [InlineData("""{"layers": [{"w": [[1, 2]], "b": [0, 0], "act": "relu"}], "loss": "hinge", "x": [[1]], "y": [[1, 1]]}""", "loss: unknown loss 'hinge'")]
    [InlineData("""{"layers": [{"w": [[1, 2]], "b": [0, 0], "act": "identity"}], "loss": "softmax_ce", "x": [[1]], "y": [2]}""", "y[0]: class index 2 is out of range for 2 outputs")]
    [InlineData("""{"layers": [{"w": [[1, 2]], "act": "relu"}], "loss": "mse_half", "x": [[1]], "y": [[1, 1]]}""", "layers[0].b: missing field")]
    [InlineData("""{"layers": [{"w": [[1, 2]], "b": [0, 0], "act": "relu"}], "loss": "mse_half", "y": [[1, 1]]}""", "x: missing field")]
    [InlineData("""{"layers": [{"w": [[1, 2]], "b": [0, 0], "act": "relu"}], "loss": "mse_half", "x": [[1]], "y": [[1, 1]""", "malformed JSON at line 1")]
    public void BadSpecsAreOneLineNamingTheFileAndField(string json, string message)
    {
        using var files = new TempDir();
        string path = files.File("bad.json", json);
        foreach (var command in new[] { "explain", "gradcheck" })
        {
            var run = CliRun.Of(command, "--spec", path);
            run.AssertOneLineError($"{path}: {message}");
        }
    }

    [Theory]
    [InlineData("file not found", "explain", "--spec", "no-such-spec.json")]
    [InlineData("--paths: 'w1' is not a parameter; write layerL.w[i,j] or layerL.b[j]", "explain", "--paths", "w1")]
    [InlineData("--paths: layer3.w[0,0]: layer 3 does not exist (layers 1..2)", "explain", "--paths", "layer3.w[0,0]")]
    [InlineData("--paths: 'layer99999999999.b[0]' is not a parameter; write layerL.w[i,j]", "explain", "--paths", "layer99999999999.b[0]")]
    [InlineData("--paths: layer1.w[2,0]: row 2 is out of range; layer1.w is [2, 3]", "explain", "--paths", "layer1.w[2,0]")]
    [InlineData("--paths: layer2.b[5]: unit 5 is out of range; layer2 has 2 outputs", "explain", "--paths", "layer2.b[5]")]
    [InlineData("--format must be one of text, markdown, json; got yaml", "explain", "--format", "yaml")]
    [InlineData("--tolerance must be a number of at least 0; got -1", "gradcheck", "--tolerance", "-1")]
    [InlineData("--layers must be a whole number of at least 1; got 0", "vanishing", "--layers", "0")]
    [InlineData("--width must be a whole number of at least 1; got wide", "vanishing", "--width", "wide")]
    [InlineData("--steps must be a whole number of at least 1; got -3", "vanishing", "--steps", "-3")]
    [InlineData("unknown option '--depth' for 'backprop vanishing'", "vanishing", "--depth", "3")]
    public void BadOptionsAreOneLine(string message, params string[] args) => CliRun.Of(args).AssertOneLineError(message);

    [Fact]
    public void PlotIntoAMissingDirectoryIsOneLineAndRunsNothing()
    {
        using var files = new TempDir();
        string png = Path.Combine(files.Root, "missing", "x.png");
        var run = CliRun.Of("vanishing", "--out", png);
        run.AssertOneLineError($"--out {png}: directory {Path.GetDirectoryName(png)} does not exist");
    }
}
