using System.Globalization;
using Backprop.Cli;
using Backprop.Cli.Train;
using Backprop.Training;

namespace Backprop.Tests.Cli;

/// <summary>The terminal view (Spectre.Console) renders its table even when drawn to a plain writer; runs are plain lines unless stdout is a terminal.</summary>
public class LiveProgressTests
{
    [Fact]
    public void TableHasAColumnPerMeasureAndARowPerEpoch()
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var view = new LiveProgress(writer, classification: true, hasValidation: true);
        view.Header("train iris.data");
        view.Run(() =>
        {
            view.Step(new StepReport(1, 3, 3, 0.9));
            view.Epoch(new EpochReport(1, 2, 0.9, 0.5, new Metrics(0.8, 0.6, null, null, null), 1000, TimeSpan.FromSeconds(1)), stopping: false);
            view.Epoch(new EpochReport(2, 2, 0.7, 0.75, new Metrics(0.6, 0.8, null, null, null), 1200, TimeSpan.FromSeconds(2)), stopping: false);
        });
        view.Line("test  acc 0.9333");
        string text = writer.ToString();
        foreach (var heading in new[] { "epoch", "loss", "val loss", "acc", "val acc", "samples/s", "ETA" }) Assert.Contains(heading, text);
        Assert.Contains("2/2", text);
        Assert.Contains("0.7000", text);
        Assert.Contains("0.8000", text);
        Assert.EndsWith("test  acc 0.9333", text.TrimEnd());
    }

    [Fact]
    public void RedirectedOutputGetsPlainLines() =>
        Assert.IsType<PlainProgress>(TrainProgress.For(new StringWriter(), classification: false, hasValidation: true));
}
