using System.Diagnostics;
using System.Globalization;
using Backprop.Cli.Common;
using Backprop.Cli.Train;
using Backprop.Data;
using Backprop.Text;
using Backprop.Training;

namespace Backprop.Cli.CrossValidate;

/// <summary>
/// <c>backprop cv</c>: resolve <c>train</c>'s settings (<see cref="TrainSettings"/>), read every row (<see cref="TrainData.Read"/>), check that the
/// folds fit the classes or groups, and run <see cref="Trainer.CrossValidate{T}"/> with the network, callbacks and options <c>train</c> would
/// use on each fold's rows; a line per fold, then each metric's mean ± standard deviation.
/// </summary>
internal static class CvPipeline
{
    public static int Execute(TrainArguments args, int folds, int repeats, string? group, TextWriter output)
    {
        if (args.Toolbox.LogCsv is not null) throw new UsageException("--log-csv writes one run's epochs; cv trains a network per fold and writes no log");
        var clock = Stopwatch.StartNew();
        var settings = TrainSettings.Resolve(args);
        if (group is not null && args.Data.File is null) throw new UsageException($"--group names a column of a data file; --data {args.Data.Name} is not one");
        if (group is not null && group == args.Target) throw new UsageException($"--group {group} is the target column; give another column");
        var read = group is null ? args : args with { Drop = [.. args.Drop, group] };
        Dataset<float> all; TabularData<float>? table; Backprop.IO.ModelMetadata? metadata;
        try { (all, table, metadata) = TrainData.Read(read, settings); }
        catch (Errors.BackpropException e) when (group is not null && !args.Drop.Contains(group) && e.Message.Contains($"drop column \"{group}\"", StringComparison.Ordinal))
        { throw new UsageException($"--group {group}: no such column in {args.Data.Name}"); } // the group column is read by being left out of the features
        string name = args.Data.Name;
        var whole = new TrainData(name, all, all, null, all, table, metadata, "");
        var loss = settings.LossFor(whole);
        int[]? groups = group is null ? null : CvGroups.Read(read, table!, group);
        CheckFolds(folds, whole, table, groups, group);
        var reg = args.Regularisation;
        bool fullBatch = settings.OptimizerOptions.Create<float>([]).RequiresClosure;
        reg.Check(settings.Hidden.Length, fullBatch ? null : settings.BatchSize);
        var c = CultureInfo.InvariantCulture;
        string division = groups is null ? (all.Classes > 0 ? "stratified" : "shuffled") : $"grouped by {group} ({groups.Distinct().Count()} groups)";
        output.WriteLine(Inert.Text(string.Create(c,
            $"cv {name}: {all.Count} rows, {folds} folds ({division}) x {repeats} repeat{(repeats == 1 ? "" : "s")}; layers {string.Join("-", Nn.Mlp.Sizes(Build(settings, whole, loss, reg).Model))}, " +
            $"activation {settings.Activation}, loss {loss.Name}, {settings.Optimizer} lr {settings.LearningRate}, batch {settings.BatchSize}, {settings.Epochs} epochs{(settings.Patience is { } p ? $" (patience {p})" : "")}, " +
            $"scale {settings.Scaling.Name}, validation {settings.Split.Validation}, seed {settings.Seed}")));
        TrainOptions? foldOptions = null;
        var foldClock = Stopwatch.StartNew();
        var foldTable = table; // each fold's encoders are fitted on its training rows alone
        Func<int[], Dataset<float>>? fitOn = table?.Raw is null ? null : rows => (foldTable = table.Refit(rows)).Data;
        var result = Trainer.CrossValidateFitted(all, fold =>
        {
            var data = new TrainData(name, all, fold.Train, fold.Validation, fold.Test, foldTable, metadata, $"fold {fold.Fold + 1}");
            var toolbox = TrainCallbacks.For(args.Toolbox, settings, data, loss.IsClassification, dropLast: reg.BatchNorm, fullBatch: fullBatch);
            foldOptions = new TrainOptions
            {
                Epochs = settings.Epochs, BatchSize = settings.BatchSize, Seed = settings.Seed, L1 = reg.L1, ClipNorm = reg.ClipNorm, ClipValue = reg.ClipValue,
                DropLast = reg.BatchNorm, Callbacks = [.. toolbox.Callbacks],
            };
            var network = Build(settings, data, loss, reg);
            try { Trainer.Check(network.Model, network.Optimizer, foldOptions); }
            catch (ArgumentException e) { throw new UsageException($"--optimizer {settings.Optimizer}: {ErrorMessages.OneLine(e)}"); }
            foldClock.Restart();
            return network;
        }, new CrossValidationOptions
        {
            Folds = folds, Repeats = repeats, Seed = settings.Seed, Groups = groups, Validation = settings.Split.Validation,
            OnFold = score => output.WriteLine(string.Create(c,
                $"fold {score.Fold + 1}/{folds}{(repeats > 1 ? $" (repeat {score.Repeat + 1}/{repeats})" : "")}  {string.Join("  ", score.Scores.Select(s => $"{s.Name} {Format(s.Value)}"))}  ({score.TrainRows} train / {score.TestRows} test rows, {foldClock.Elapsed.TotalSeconds:F2} s)")),
        }, _ => foldOptions!, fitOn);
        output.WriteLine(string.Create(c, $"mean ± standard deviation (n − 1) over {result.Folds.Count} folds ({folds} x {repeats}):"));
        foreach (var (metric, mean, sd) in result.Summary)
            output.WriteLine(string.Create(c, $"  {metric,-8} {Format(mean)} ± {Format(sd)}"));
        output.WriteLine(string.Create(c, $"elapsed {clock.Elapsed.TotalSeconds:F2} s"));
        return BackpropCli.Success;
    }

    private static Network<float> Build(TrainSettings settings, TrainData data, Nn.Loss loss, Regularisation reg) =>
        Network<float>.For(data.Train, settings.Hidden, settings.Activation, loss, settings.Scaling, settings.OptimizerOptions, settings.Seed,
            data.Table is { } t ? Backprop.IO.ModelMetadata.From(t.Schema) : data.Metadata, settings.Init, reg.Dropout, norm: reg.Norm, residual: reg.Residual);

    private static string Format(double value) => double.IsNaN(value) ? "n/a" : value.ToString(Math.Abs(value) >= 1e4 ? "G5" : "F4", CultureInfo.InvariantCulture);

    // K must leave every fold rows of every class (ungrouped) or a group of its own (grouped); said with the class's name.
    private static void CheckFolds(int folds, TrainData whole, TabularData<float>? table, int[]? groups, string? group)
    {
        var all = whole.All;
        if (groups is not null)
        {
            int distinct = groups.Distinct().Count();
            if (folds > distinct) throw new UsageException($"--folds {folds} is more than the {distinct} groups of --group {group}; give --folds {distinct} or fewer");
            return;
        }
        if (all.Classes == 0)
        {
            if (folds > all.Count) throw new UsageException($"--folds {folds} is more than the {all.Count} rows of {whole.Name}");
            return;
        }
        var counts = new int[all.Classes];
        foreach (float label in all.Y.Span) counts[(int)label]++;
        var (smallest, rows) = counts.Select((n, k) => (k, n)).Where(t => t.n > 0).MinBy(t => t.n);
        string className = (table?.ClassNames ?? whole.Metadata?.ClassNames) is { } names && smallest < names.Count ? names[smallest] : smallest.ToString(CultureInfo.InvariantCulture);
        if (folds > rows)
            throw new UsageException($"--folds {folds} is more than the {rows} rows of class \"{className}\" in {whole.Name}: a stratified fold needs a row of each class; give --folds {rows} or fewer");
    }
}
