using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Backprop.Cli.Common;

namespace Backprop.Cli.Train;

/// <summary>The regularisation options of <c>backprop train</c>: <c>--dropout</c>, <c>--batch-norm</c>, <c>--l1</c>, <c>--clip-norm</c>, <c>--clip-value</c>.</summary>
internal sealed class RegularisationOptionSet
{
    private readonly Option<double[]?> dropout = new("--dropout")
    {
        Description = "Dropout after each hidden activation (training only): one probability in [0, 1) for every hidden layer, or one per hidden layer joined by ','. [default: 0, none]",
        HelpName = "P|P1,P2,...", CustomParser = Probabilities("--dropout"),
    };
    private readonly Option<string?> norm = new("--norm")
    {
        Description = "Normalisation after each hidden Dense layer, before its activation: batch (PyTorch's BatchNorm1d: γ, β, running statistics) "
            + "or layer (LayerNorm: each row over its features, γ and β). [default: none]",
        HelpName = "batch|layer", CustomParser = NormName,
    };
    private readonly Option<bool> batchNorm = new("--batch-norm") { Description = "The same as --norm batch." };
    private readonly Option<bool> residual = new("--residual")
    { Description = "Skip connections y = x + f(x) around each hidden block (Dense, norm, activation, dropout) whose Dense keeps the width, e.g. the second of --hidden 64,64." };
    private readonly Option<double?> l1 = new("--l1")
    { Description = "L1 penalty λ·Σ|w| on the weights (not the biases). [default: 0]", HelpName = "LAMBDA", CustomParser = OptionParsers.NonNegativeNumber("--l1") };
    private readonly Option<double?> clipNorm = new("--clip-norm")
    { Description = "Clip the gradients to at most this global norm every step. [default: none]", HelpName = "N", CustomParser = OptionParsers.PositiveNumber("--clip-norm") };
    private readonly Option<double?> clipValue = new("--clip-value")
    { Description = "Clamp every gradient value to [-V, V] every step. [default: none]", HelpName = "V", CustomParser = OptionParsers.PositiveNumber("--clip-value") };

    /// <summary>The options, in the order <c>--help</c> lists them.</summary>
    public IEnumerable<Option> Options => [dropout, norm, batchNorm, residual, l1, clipNorm, clipValue];

    public Regularisation Read(ParseResult result)
    {
        string? chosen = result.GetValue(norm);
        if (result.GetValue(batchNorm))
            chosen = chosen is null or "batch_norm1d" ? "batch_norm1d" : throw new UsageException($"--batch-norm and --norm {result.GetResult(norm)?.Tokens[0].Value} ask for two normalisations; give one");
        return new(result.GetResult(dropout) is null ? null : result.GetValue(dropout), chosen, result.GetValue(l1) ?? 0, result.GetValue(clipNorm), result.GetValue(clipValue),
            result.GetValue(residual));
    }

    // batch, layer, or the registered name of a layer that takes `features` (a user's normalisation); the registered name.
    private static string? NormName(ArgumentResult result)
    {
        if (OptionParsers.Value(result, "--norm") is not { } text) return null;
        string name = text.Trim().ToLowerInvariant() switch { "batch" => "batch_norm1d", "layer" => "layer_norm", var other => other };
        var entry = Backprop.Nn.Layers.Registry.Find(name);
        if (entry is null || !entry.Defaults.ContainsKey("features"))
            return OptionParsers.Fail<string?>(result, $"--norm takes batch or layer; got {text}");
        return entry.Name;
    }

    // One probability in [0, 1), or several joined by ','.
    private static Func<ArgumentResult, double[]?> Probabilities(string option) => result =>
    {
        if (OptionParsers.Value(result, option) is not { } text) return null;
        var values = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || !(p >= 0 && p < 1))
                return OptionParsers.Fail<double[]?>(result, $"{option} takes probabilities from 0 up to (not including) 1, joined by ','; got {text}");
            values.Add(p);
        }
        return [.. values];
    };
}
