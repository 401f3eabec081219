using Backprop.Data;
using Backprop.Datasets;
using Backprop.Errors;
using Backprop.Tensors;

namespace Backprop.Playground.Sessions;

/// <summary>
/// A session's rows, split into training and test rows, in double: a generated set as drawn, or an uploaded CSV read by the CLI's
/// CSV code with its features standardised on the training rows (and a regression target too, said in <see cref="Note"/>).
/// </summary>
/// <param name="Train">The rows the network trains on.</param>
/// <param name="Test">The rows of the test curve and accuracy.</param>
/// <param name="FeatureNames">Every feature's name.</param>
/// <param name="ClassNames">Each class's name; empty for regression.</param>
/// <param name="PlotX">The feature drawn across.</param>
/// <param name="PlotY">The feature drawn up, or -1 with a single feature (the target is drawn up).</param>
/// <param name="Note">What was done to the data that the page should say, or empty.</param>
public sealed record PlaygroundData(Dataset<double> Train, Dataset<double> Test, IReadOnlyList<string> FeatureNames, IReadOnlyList<string> ClassNames,
    int PlotX, int PlotY, string Note)
{
    /// <summary>The largest CSV accepted: 1 MB.</summary>
    public const int MaxUploadBytes = 1 << 20;

    /// <summary>Number of classes, 0 for regression.</summary>
    public int Classes => Train.Classes;

    /// <summary>The network's output units.</summary>
    public int Outputs => Train.Outputs;

    /// <summary>The generated set <paramref name="settings"/> names, with its noise, split by its test fraction.</summary>
    public static PlaygroundData Generated(Settings settings)
    {
        GeneratedSets.TryParse(settings.Data, out var set);
        var all = ToDouble(GeneratedSets.Generate(set, settings.Seed, settings.Noise));
        var (train, test) = all.Split(settings.TestFraction, settings.Seed);
        var classes = Enumerable.Range(0, all.Classes).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (all.Features != 2)
        {
            if (settings.Inputs is { } asked && !asked.SequenceEqual(PlaneFeatures.Default))
                throw BackpropException.BadSetting($"feat: {settings.Data} has one feature, x₁; the inputs x1sq, sinx1, ... are for the 2-D sets");
            return new PlaygroundData(train, test, ["x₁"], classes, 0, -1, "");
        }
        var inputs = PlaneFeatures.Of(settings.Inputs ?? PlaneFeatures.Default);
        return new PlaygroundData(PlaneFeatures.Expand(train, inputs), PlaneFeatures.Expand(test, inputs), [.. inputs.Select(f => f.Name)], classes, 0, 1, "")
        {
            Plane = new PlaneInputs(inputs, train, test),
        };
    }

    /// <summary>For a generated 2-D set, the inputs computed from the plane and each row's (x₁, x₂); null for a table.</summary>
    internal PlaneInputs? Plane { get; init; }

    /// <summary>The built-in tables the playground offers: those of at most <see cref="Settings.MaxUnits"/> features.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = [.. BuiltIn.All.Where(d => d.IsTable && d.Features <= Settings.MaxUnits).Select(d => d.Name)];

    /// <summary>A built-in table (<see cref="BuiltInNames"/>), read with its own options, split and standardised as an upload is.</summary>
    public static PlaygroundData BuiltInTable(Settings settings) => FromTable(BuiltIn.Table<double>(settings.Data), settings.Data, settings);

    /// <summary>An uploaded CSV (at most <see cref="MaxUploadBytes"/>), read with the settings' target column.</summary>
    /// <exception cref="BackpropException">The CSV's own errors (naming <paramref name="name"/>, line and column), or too many features or classes.</exception>
    public static PlaygroundData FromCsv(byte[] csv, string name, Settings settings)
    {
        if (csv.Length > MaxUploadBytes) throw BackpropException.BadInput($"{name}: {csv.Length} bytes; an upload may have at most {MaxUploadBytes}.");
        using var stream = new MemoryStream(csv, writable: false);
        return FromTable(Csv.Load<double>(stream, name, new CsvOptions { Target = settings.Target }), name, settings);
    }

    // A table's rows split by the settings, features standardised on the training rows (a regression target too).
    private static PlaygroundData FromTable(TabularData<double> table, string name, Settings settings)
    {
        if (table.Raw is not null) table = table.Refit(Splits.Three(table.Data, 0, settings.TestFraction, settings.Seed).Train.ToArray());
        var all = table.Data;
        if (all.Features > Settings.MaxUnits) throw BackpropException.BadInput($"{name}: {all.Features} features; the playground takes at most {Settings.MaxUnits}.");
        if (all.Classes > Settings.MaxUnits) throw BackpropException.BadInput($"{name}: {all.Classes} classes; the playground takes at most {Settings.MaxUnits}.");
        if (all.Count < 4) throw BackpropException.BadInput($"{name}: {all.Count} rows; at least 4 are needed to train and test.");
        if (settings.Inputs is not null) throw BackpropException.BadSetting($"feat: {name} is a table; the computed inputs x1sq, sinx1, ... are for the generated 2-D sets");
        var (train, test) = all.Split(settings.TestFraction, settings.Seed);
        if (train.Count == 0 || test.Count == 0)
            throw BackpropException.BadSetting($"test: {settings.TestFraction} of {all.Count} rows leaves no {(train.Count == 0 ? "training" : "test")} rows.");
        var scaler = Preprocessing.ColumnEncoding.KeepIndicators(StandardScaler.Fit(train.X), table.Schema.Encoders);
        train = scaler.Transform(train);
        test = scaler.Transform(test);
        var chosen = settings.PlotX < 0 && settings.PlotY < 0 ? PlotChoice.Choose(train) : (X: settings.PlotX, Y: settings.PlotY);
        int px = chosen.X >= 0 ? chosen.X : chosen.Y == 0 ? 1 : 0, py = all.Features == 1 ? -1 : chosen.Y >= 0 ? chosen.Y : px == 0 ? 1 : 0;
        if (px >= all.Features || py >= all.Features)
            throw BackpropException.BadSetting($"px, py: features {px} and {py} are not both among the {all.Features} features (0..{all.Features - 1}) of {name}.");
        if (px == py) throw BackpropException.BadSetting($"px, py: both are feature {px}; choose two different features to plot.");
        string note = table.Schema.Encoders is null ? "features standardised on the training rows"
            : $"columns encoded as the CLI does ({Preprocessing.ColumnEncoding.Restore(table.Schema.Encoders).Kinds}), fitted on the training rows; numbers standardised on them";
        if (all.Classes == 0)
        {
            (train, test) = StandardTarget(train, test);
            note += "; the target too";
        }
        return new PlaygroundData(train, test, table.FeatureNames, table.ClassNames ?? [], px, py, note);
    }

    private static Dataset<double> ToDouble(Dataset<float> data) => new(data.X.Cast<double>(), data.Y.Cast<double>(), data.Classes);

    // Each target column standardised on the training rows, so one learning rate suits any units.
    private static (Dataset<double> Train, Dataset<double> Test) StandardTarget(Dataset<double> train, Dataset<double> test)
    {
        var scaler = StandardScaler.Fit(train.Y.Reshape(train.Count, train.TargetWidth));
        Dataset<double> Scale(Dataset<double> d) => new(d.X, scaler.Transform(d.Y.Reshape(d.Count, d.TargetWidth)).Reshape(d.Y.Shape.ToArray()));
        return (Scale(train), Scale(test));
    }
}
