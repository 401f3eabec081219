using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Backprop.Nn;
using Backprop.Training;

namespace Backprop.Cli.Train;

/// <summary>The options of <c>backprop train</c>'s training toolbox (schedules, warm-up, monitor, CSV log, initialiser), read back as <see cref="ToolboxArguments"/>.</summary>
internal sealed class ToolboxOptionSet
{
    private readonly Option<string?> schedule = new("--schedule")
    {
        Description = "Learning-rate schedule, PyTorch's lr_scheduler meanings (plateau: Keras' ReduceLROnPlateau); onecycle steps per batch, the others per epoch; none for a constant rate. Default: cosine for data files and built-in sets, none for generated ones.",
        HelpName = string.Join("|", Training.Schedules.Schedules.Registry.Entries.Select(e => e.Name)),
        CustomParser = DataOptionParsers.Choice("--schedule", [.. Training.Schedules.Schedules.Registry.Entries.Select(e => e.Name)]),
    };
    private readonly Option<int?> stepSize = new("--step-size")
    { Description = "step: epochs between decays by --gamma. Default: a third of --epochs.", HelpName = "N", CustomParser = OptionParsers.Integer("--step-size", 1) };
    private readonly Option<double?> gamma = new("--gamma")
    { Description = "step, multistep, exponential: decay factor in (0, 1]. Default: 0.1 (step, multistep), 0.95 (exponential).", HelpName = "FACTOR", CustomParser = Factor("--gamma", true) };
    private readonly Option<int[]?> milestones = new("--milestones")
    { Description = "multistep: epochs at which the rate decays by --gamma, joined by ','. Default: half and three quarters of --epochs.", HelpName = "EPOCHS", CustomParser = Epochs("--milestones") };
    private readonly Option<double?> minLr = new("--min-lr")
    { Description = "cosine: the rate reached at the end (eta_min); plateau: the lowest rate (min_lr). Default: 0.", HelpName = "RATE", CustomParser = OptionParsers.NonNegativeNumber("--min-lr") };
    private readonly Option<double?> maxLr = new("--max-lr")
    { Description = "onecycle: the peak rate (max_lr); it starts at max_lr/25 and ends at max_lr/25e4. Default: --lr.", HelpName = "RATE", CustomParser = OptionParsers.PositiveNumber("--max-lr") };
    private readonly Option<double?> pctStart = new("--pct-start")
    { Description = "onecycle: fraction of the steps spent rising. Default: 0.3.", HelpName = "FRACTION", CustomParser = Factor("--pct-start", false) };
    private readonly Option<double?> baseMomentum = new("--base-momentum")
    { Description = "onecycle: the momentum (SGD's or RMSprop's μ, Adam's β₁) at the rate's peak (base_momentum), in [0, 1). Default: 0.85.", HelpName = "MOMENTUM", CustomParser = Momentum("--base-momentum") };
    private readonly Option<double?> maxMomentum = new("--max-momentum")
    { Description = "onecycle: the momentum at the cycle's start and end (max_momentum), in [0, 1). Default: 0.95.", HelpName = "MOMENTUM", CustomParser = Momentum("--max-momentum") };
    private readonly Option<bool> noCycleMomentum = new("--no-cycle-momentum")
    { Description = "onecycle: leave the optimizer's momentum as it is (PyTorch's cycle_momentum=False); needed with adagrad and lbfgs, which have none. Default: cycled, switching momentum on for sgd and rmsprop as PyTorch does." };
    private readonly Option<double?> factor = new("--factor")
    { Description = "plateau: the rate is multiplied by this on a plateau, in (0, 1). Default: 0.1.", HelpName = "FACTOR", CustomParser = Factor("--factor", false) };
    private readonly Option<int?> schedulePatience = new("--schedule-patience")
    { Description = "plateau: epochs without improvement of --monitor before reducing. Default: 5.", HelpName = "N", CustomParser = OptionParsers.Integer("--schedule-patience", 1) };
    private readonly Option<int?> cooldown = new("--cooldown")
    { Description = "plateau: epochs after a reduction before waiting again. Default: 0.", HelpName = "N", CustomParser = OptionParsers.Integer("--cooldown", 0) };
    private readonly Option<int?> warmup = new("--warmup")
    { Description = "Linear warm-up over the first N epochs from --lr/3 (PyTorch's LinearLR), in front of --schedule (not onecycle). Default: 0.", HelpName = "N", CustomParser = OptionParsers.Integer("--warmup", 0) };
    private readonly Option<Initializer?> init = new("--init")
    { Description = "Weight initialiser (torch_linear = PyTorch's nn.Linear default, sklearn_uniform = scikit-learn's MLP default, their biases included). Default: sklearn_uniform for data files and built-in sets; for generated sets by the activation (he_normal for ReLU-like, glorot_uniform otherwise).", HelpName = Initializers.Registry.Names.Replace(", ", "|", StringComparison.Ordinal), CustomParser = InitParser };
    private readonly Option<MonitoredMetric?> monitor = new("--monitor")
    { Description = "What --patience and --schedule plateau watch (accuracy and R² should rise, the others fall). Default: val_loss, or loss when --validation is 0.", HelpName = MonitoredMetric.Names("|"), CustomParser = MonitorParser };
    private readonly Option<double?> minDelta = new("--min-delta")
    { Description = "The least change of --monitor that counts as an improvement. Default: 0 (early stopping on validation rows), 1e-4 (early stopping on the training loss, and plateau).", HelpName = "DELTA", CustomParser = OptionParsers.NonNegativeNumber("--min-delta") };
    private readonly Option<string?> logCsv = new("--log-csv") { Description = "Write every epoch's metrics and learning rate to this CSV file.", HelpName = "FILE" };

    public static ToolboxOptionSet AddTo(Command command)
    {
        var o = new ToolboxOptionSet();
        foreach (Option option in new Option[] { o.init, o.schedule, o.warmup, o.stepSize, o.gamma, o.milestones, o.minLr, o.maxLr, o.pctStart, o.baseMomentum, o.maxMomentum, o.noCycleMomentum, o.factor,
                     o.schedulePatience, o.cooldown, o.monitor, o.minDelta, o.logCsv })
            command.Options.Add(option);
        return o;
    }

    public ToolboxArguments Read(ParseResult result) => new()
    {
        Schedule = result.GetValue(schedule), StepSize = result.GetValue(stepSize), Gamma = result.GetValue(gamma),
        Milestones = result.GetResult(milestones) is null ? null : result.GetValue(milestones), MinLr = result.GetValue(minLr), MaxLr = result.GetValue(maxLr),
        PctStart = result.GetValue(pctStart), BaseMomentum = result.GetValue(baseMomentum), MaxMomentum = result.GetValue(maxMomentum),
        NoCycleMomentum = result.GetValue(noCycleMomentum), Factor = result.GetValue(factor), SchedulePatience = result.GetValue(schedulePatience),
        Cooldown = result.GetValue(cooldown), Warmup = result.GetValue(warmup) is > 0 and var w ? w : null, Init = result.GetValue(init),
        Monitor = result.GetValue(monitor), MinDelta = result.GetValue(minDelta), LogCsv = result.GetValue(logCsv),
    };

    // A number in (0, 1], or (0, 1) when the end is open.
    private static Func<ArgumentResult, double?> Factor(string option, bool oneAllowed) => result =>
        OptionParsers.Value(result, option) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && (oneAllowed ? v <= 1 : v < 1)
            ? v : OptionParsers.Fail<double?>(result, $"{option} must be a number in (0, 1{(oneAllowed ? "]" : ")")}; got {OptionParsers.Shown(result)}");

    // A number in [0, 1).
    private static Func<ArgumentResult, double?> Momentum(string option) => result =>
        OptionParsers.Value(result, option) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && v < 1
            ? v : OptionParsers.Fail<double?>(result, $"{option} must be a number in [0, 1); got {OptionParsers.Shown(result)}");

    private static Func<ArgumentResult, int[]?> Epochs(string option) => result =>
    {
        if (OptionParsers.Value(result, option) is not { } text) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var epochs = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out epochs[i]) || epochs[i] < 1 || (i > 0 && epochs[i] <= epochs[i - 1]))
                return OptionParsers.Fail<int[]?>(result, $"{option}: '{parts[i]}' in {text} is not an epoch after the one before; expected increasing whole numbers of at least 1 joined by ',', e.g. 30,60");
        return epochs;
    };

    private static Initializer? InitParser(ArgumentResult result)
    {
        if (OptionParsers.Value(result, "--init") is not { } text) return null;
        try { return Initializers.Parse(text); }
        catch (FormatException) { return OptionParsers.Fail<Initializer?>(result, $"--init must be one of {Initializers.Registry.Names}; got {text}"); }
    }

    private static MonitoredMetric? MonitorParser(ArgumentResult result)
    {
        if (OptionParsers.Value(result, "--monitor") is not { } text) return null;
        try { return MonitoredMetric.Parse(text); }
        catch (FormatException) { return OptionParsers.Fail<MonitoredMetric?>(result, $"--monitor must be one of {MonitoredMetric.Names()}; got {text}"); }
    }
}
