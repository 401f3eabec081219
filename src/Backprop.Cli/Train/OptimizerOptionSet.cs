using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Backprop.Cli.Common;
using Backprop.Optim;

namespace Backprop.Cli.Train;

/// <summary>
/// <c>--optimizer</c> (the names of <see cref="Optimizers"/>) and the hyper-parameter options, each setting the PyTorch hyper-parameter of
/// its name (<c>--weight-decay</c> sets <c>weight_decay</c>); an option the chosen optimizer does not take is refused.
/// </summary>
internal sealed class OptimizerOptionSet
{
    public Option<string?> Optimizer { get; } = new("--optimizer")
    {
        Description = "Optimizer, with PyTorch's update rule and defaults (momentum and nesterov: SGD with momentum 0.9; lbfgs: full batch, strong-Wolfe line search; default: the data's, in the table above).",
        HelpName = string.Join("|", Optimizers.Names), CustomParser = DataOptionParsers.Choice("--optimizer", [.. Optimizers.Names]),
    };

    public Option<double?>[] HyperParameters { get; } =
    [
        Number("--momentum", "Momentum μ of sgd, momentum and nesterov (default 0.9 for momentum and nesterov, else 0) and of rmsprop (default 0)."),
        Number("--weight-decay", "Weight decay λ: an L2 penalty, decoupled for adamw (default 0.01 for adamw; with the default optimizer, the table above; else 0)."),
        Number("--beta1", "β₁ of adam and adamw, the decay of the gradient's running mean (default 0.9)."),
        Number("--beta2", "β₂ of adam and adamw, the decay of the squared gradient's running mean (default 0.999)."),
        Number("--eps", "ε added to the denominator of adam, adamw and rmsprop (default 1e-8) and adagrad (default 1e-10)."),
        Number("--max-iter", "lbfgs: most iterations per step, i.e. per epoch (default 20)."),
        Number("--history-size", "lbfgs: how many past updates approximate the curvature (default 100)."),
    ];

    /// <summary>The hyper-parameters given, by PyTorch's names.</summary>
    public IReadOnlyDictionary<string, double> Read(ParseResult result) =>
        HyperParameters.Where(o => result.GetValue(o) is not null).ToDictionary(o => PyTorchName(o.Name), o => result.GetValue(o)!.Value);

    /// <summary>
    /// The optimizer <paramref name="name"/> with PyTorch's defaults, the learning rate <paramref name="lr"/> if given and the hyper-parameters
    /// <paramref name="given"/>; a <see cref="UsageException"/> when one does not apply to it or is out of range.
    /// </summary>
    public static OptimizerOptions Resolve(string name, double? lr, IReadOnlyDictionary<string, double> given)
    {
        var options = Optimizers.Defaults(name);
        if (lr is { } rate) options = options.With("lr", rate);
        foreach (var (setting, value) in given)
        {
            if (!options.HyperParameters.Contains(setting))
            {
                var accepted = new OptimizerOptionSet().HyperParameters.Select(o => o.Name).Where(o => options.HyperParameters.Contains(PyTorchName(o))).Prepend("--lr");
                throw new UsageException($"{CliName(setting)} does not apply to --optimizer {name}; it takes {string.Join(", ", accepted)}");
            }
            try { options = options.With(setting, value); }
            catch (ArgumentException e) { throw new UsageException($"--optimizer {name}: {ErrorMessages.OneLine(e)}"); }
        }
        try { options.Validate(); }
        catch (ArgumentException e) { throw new UsageException($"--optimizer {name}: {ErrorMessages.OneLine(e)}"); }
        return options;
    }

    private static string PyTorchName(string option) => option[2..].Replace('-', '_');

    private static string CliName(string setting) => "--" + setting.Replace('_', '-');

    private static Option<double?> Number(string option, string description) => new(option)
    {
        Description = description, HelpName = "X",
        CustomParser = result => OptionParsers.Value(result, option) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v : OptionParsers.Fail<double?>(result, $"{option} must be a number; got {OptionParsers.Shown(result)}"),
    };
}
