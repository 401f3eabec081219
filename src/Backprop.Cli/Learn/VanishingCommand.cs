using System.CommandLine;
using Backprop.Diagnostics;

namespace Backprop.Cli.Learn;

/// <summary>
/// <c>backprop vanishing</c>: the same deep MLP with sigmoid, tanh, ReLU and leaky ReLU hidden layers, a table of each layer's
/// mean |dL/dW| over its first SGD steps, the first-to-last ratios, and optionally a plot (--out FILE.png).
/// </summary>
internal static class VanishingCommand
{
    /// <summary>The command's name on the command line.</summary>
    public const string Name = "vanishing";

    /// <summary>What it does, as help shows it.</summary>
    public const string Summary = "Train the same deep MLP on spirals with sigmoid, tanh, relu and leaky_relu hidden layers and show how large "
        + "each layer's weight gradient is: backprop multiplies in one f'(z) per layer, and σ'(z) ≤ 0.25.";

    public static Command Create()
    {
        var layers = new Option<int?>("--layers") { Description = "Hidden layers (default 10).", HelpName = "N", CustomParser = OptionParsers.Integer("--layers", 1) };
        var width = new Option<int?>("--width") { Description = "Units per hidden layer (default 32).", HelpName = "N", CustomParser = OptionParsers.Integer("--width", 1) };
        var steps = new Option<int?>("--steps") { Description = "SGD steps the gradients are averaged over (default 20).", HelpName = "N", CustomParser = OptionParsers.Integer("--steps", 1) };
        var seed = new Option<ulong?>("--seed") { Description = "Seed of the data, weights and batches (default 1).", HelpName = "N", CustomParser = OptionParsers.Seed("--seed") };
        var output = new Option<string?>("--out") { Description = "Also draw the table as a PNG plot (log scale).", HelpName = "FILE.png" };
        var command = new Command(Name, Summary);
        foreach (Option option in new Option[] { layers, width, steps, seed, output }) command.Options.Add(option);
        command.SetAction(result => Execute(result.GetValue(layers) ?? 10, result.GetValue(width) ?? 32, result.GetValue(steps) ?? 20,
            result.GetValue(seed) ?? 1, result.GetValue(output), result.InvocationConfiguration.Output));
        return command;
    }

    public static int Execute(int hidden, int width, int steps, ulong seed, string? plotPath, TextWriter output)
    {
        OutputPaths.Check(("--out", plotPath));
        var results = VanishingGradients.DefaultActivations.Select(a => VanishingGradients.Measure(a, hidden, width, steps, seed: seed)).ToList();
        WriteTable(results, hidden, width, steps, seed, output);
        if (plotPath is not null)
        {
            var png = VanishingPlot.Png(results, hidden, width);
            Backprop.IO.AtomicFile.Write(plotPath, stream => stream.Write(png));
            output.WriteLine($"wrote {plotPath}");
        }
        return BackpropCli.Success;
    }

    private static void WriteTable(IReadOnlyList<LayerGradients> results, int hidden, int width, int steps, ulong seed, TextWriter output)
    {
        var style = TerminalStyle.For(output);
        output.WriteLine($"mean |dL/dW| per layer: {hidden} hidden layers of {width} units, 2 inputs, 3 outputs; averaged over {steps} SGD steps on spirals (seed {seed})");
        output.WriteLine();
        var names = results.Select(r => r.Activation.ToString()).ToList();
        var columns = names.Select(n => Math.Max(8, n.Length)).ToList();
        int count = results[0].MeanAbsGradient.Count;
        var labels = Enumerable.Range(0, count).Select(i => Numbers.Int(i + 1) + (i == 0 ? " (input)" : i == count - 1 ? " (output)" : "")).ToList();
        int first = labels.Max(l => l.Length);
        output.WriteLine(style.Heading("layer".PadRight(first) + string.Concat(names.Select((n, i) => "  " + n.PadLeft(columns[i])))));
        for (int layer = 0; layer < count; layer++)
            output.WriteLine(labels[layer].PadRight(first) + string.Concat(results.Select((r, i) => "  " + Numbers.Scientific(r.MeanAbsGradient[layer]).PadLeft(columns[i]))));
        output.WriteLine();
        output.WriteLine("first layer's gradient / last layer's: " + string.Join(", ", results.Select(r => $"{r.Activation} {Numbers.Scientific(r.FirstToLastRatio)}")));
        output.WriteLine("why: each layer the gradient passes back through multiplies it by W and by f'(z); σ'(z) = σ(z)(1 - σ(z)) ≤ 0.25,");
        output.WriteLine($"so {hidden} sigmoid layers can shrink it by 0.25^{hidden} = {Numbers.Scientific(Math.Pow(0.25, hidden))} from the slopes alone; "
            + "tanh'(z) ≤ 1, and ReLU's slope is 1 wherever a unit is active.");
    }
}
