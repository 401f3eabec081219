using Backprop.Text;
using System.Globalization;
using Backprop.Cli.Common;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Cli.Predict;

/// <summary>
/// Predictions as CSV: <c>line,predicted,p_CLASS...</c> (the class name and each class's probability) for classification,
/// <c>line,predicted</c> (the value) for regression, <c>line,predicted_a,predicted_b</c> for several targets, <c>line,p_a,p_b</c> (each label's probability) for multilabel. <c>line</c> is the input row's 1-based line in its file.
/// </summary>
internal static class PredictionCsv
{
    public static void Write(TextWriter writer, Network<float> network, Tensor<float> predictions, IReadOnlyList<int> lines)
    {
        var c = CultureInfo.InvariantCulture;
        int n = predictions.Shape[0], width = predictions.Length / Math.Max(n, 1);
        float[] values = predictions.ToArray();
        writer.NewLine = "\n";
        if (!network.Loss.IsClassification)
        {
            var targets = network.Metadata.Schema?.TargetNames is { } named && named.Count == width ? named : [.. Enumerable.Range(0, width).Select(j => j.ToString(c))];
            writer.WriteLine(width == 1 ? "line,predicted" : "line," + string.Join(",", targets.Select(t => Quote("predicted_" + t))));
            for (int i = 0; i < n; i++)
                writer.WriteLine(lines[i].ToString(c) + "," + string.Join(",", Enumerable.Range(0, width).Select(j => values[i * width + j].ToString("G7", c))));
            return;
        }
        if (network.Loss.Task == Nn.TaskKind.Binary && width > 1) // multilabel: each label's probability
        {
            var labels = network.Metadata.Schema?.TargetNames is { } named && named.Count == width ? named : [.. Enumerable.Range(0, width).Select(j => j.ToString(c))];
            writer.WriteLine("line," + string.Join(",", labels.Select(name => Quote("p_" + name))));
            for (int i = 0; i < n; i++)
                writer.WriteLine(lines[i].ToString(c) + "," + string.Join(",", Enumerable.Range(0, width).Select(j => values[i * width + j].ToString("F6", c))));
            return;
        }
        var names = network.ClassNames ?? [.. Enumerable.Range(0, Math.Max(width, 2)).Select(k => k.ToString(c))];
        writer.WriteLine("line,predicted," + string.Join(",", names.Select(name => Quote("p_" + name))));
        var classes = Metrics.Classes(predictions, width);
        for (int i = 0; i < n; i++)
        {
            // One sigmoid output is the probability of class 1.
            float[] probabilities = width == 1 ? [1 - values[i], values[i]] : values[(i * width)..((i + 1) * width)];
            writer.WriteLine($"{lines[i].ToString(c)},{Quote(names[classes[i]])},{string.Join(",", probabilities.Select(p => p.ToString("F6", c)))}");
        }
    }

    /// <summary>A CSV field of text from data (<see cref="Inert.CsvCell"/>): a formula's first character neutralised, quoted when needed.</summary>
    public static string Quote(string field) => Inert.CsvCell(field);
}
