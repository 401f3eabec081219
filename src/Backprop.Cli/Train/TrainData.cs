using Backprop.Data;
using Backprop.Datasets;
using Backprop.IO;
using Backprop.Nn;

namespace Backprop.Cli.Train;

/// <summary>The data of a run, any source (generated set, built-in set, data file, MNIST), loaded and split into training, validation and test rows.</summary>
/// <param name="All">Every loaded row of the training data, before splitting.</param>
/// <param name="Table">The loaded table (its schema goes into the model file), or null when the data has no columns.</param>
/// <param name="Metadata">What a model of data without columns records (feature and class names), or null for a table.</param>
/// <param name="TestDescription">Where the test rows come from, e.g. "held-out rows".</param>
internal sealed record TrainData(string Name, Dataset<float> All, Dataset<float> Train, Dataset<float>? Validation, Dataset<float> Test,
    TabularData<float>? Table, ModelMetadata? Metadata, string TestDescription)
{
    public int Classes => All.Classes;

    /// <summary>What the reader decided on its own that the user should know, as " (...)" after the data's name: a first line read as data when no header was detected.</summary>
    public string Note => Table is { HeaderDetected: true, Schema.HasHeader: false }
        ? " (no header detected: line 1 is read as data; give --header if it names the columns, --no-header to say it does not)" : "";

    /// <summary>What each feature column was taken as, when the table went through column encoders: "; columns Island category, Body Mass (g) number, ...".</summary>
    public string Columns => Table?.Schema.Encoders is { } states
        ? "; columns " + Preprocessing.ColumnEncoding.Restore(states).Kinds
        : "";

    /// <summary>What a model trained on MNIST records: ten digit classes and 784 pixel inputs.</summary>
    public static ModelMetadata MnistMetadata { get; } = new()
    {
        Task = TaskKind.Classification, ClassNames = [.. Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        TargetName = "digit",
    };

    /// <summary>
    /// Loads <paramref name="args"/>' data and splits it by <paramref name="settings"/>' policy: test rows from --test, --test-last or
    /// --test-fraction (or a built-in set's own test file when none is given); then validation rows from the rest.
    /// </summary>
    public static TrainData Load(TrainArguments args, TrainSettings settings)
    {
        var source = args.Data;
        var (all, table, metadata) = Read(args, settings);
        if (table?.Raw is not null) all = (table = table.Refit(TrainingRows(args, settings, all))).Data;
        var (rest, test, testDescription) = TestRows(args, all, table);
        try
        {
            if (test is null)
            {
                var (train, validation, held) = settings.Split.Split(all, settings.Seed);
                return new TrainData(source.Name, all, train, validation, held, table, metadata, testDescription);
            }
            var (trainPart, validationPart) = settings.Split.SplitTraining(rest, settings.Seed);
            return new TrainData(source.Name, all, trainPart, validationPart, test, table, metadata, testDescription);
        }
        catch (ArgumentException e) { throw new UsageException($"--data {source.Name}: {ErrorMessages.OneLine(e)}"); }
    }

    /// <summary>Every row of <paramref name="args"/>' data, unsplit: its table (a file or built-in table) or what a model of data without columns records.</summary>
    public static (Dataset<float> All, TabularData<float>? Table, ModelMetadata? Metadata) Read(TrainArguments args, TrainSettings settings)
    {
        var source = args.Data;
        if (!source.HasColumns && args.ColumnOptionsGiven().FirstOrDefault() is { } option)
            throw new UsageException($"{option} describes a data file's columns; {Without(source)} has none");
        if (source.Generated is { } generated)
        {
            var generatedRows = GeneratedSets.Generate(generated, settings.Seed);
            return (generatedRows, null, GeneratedSets.Metadata(generatedRows));
        }
        if (source.IsImages)
            return (source.MnistDirectory is { } dir ? Mnist.LoadDirectory<float>(dir, "t10k") : BuiltIn.Images<float>(source.BuiltIn!.Name), null, MnistMetadata);
        var table = source.BuiltIn is { } builtIn ? BuiltIn.Table<float>(builtIn.Name, ReadOptions(builtIn, args)) : DataFile.Load<float>(source.File!, args.CsvOptions());
        if (args.SampleWeight is { } weights) table = SampleWeights.FromColumn(table, weights);
        if (args.Multilabel) table = MultiTarget.Labels(table, args.MoreTargets);
        else if (args.MoreTargets.Count > 0)
        {
            if (args.Task is { } task && task != TaskKind.Regression) throw new UsageException($"--target {args.Target}: several targets are for regression, not --task {task.ToString().ToLowerInvariant()}");
            table = MultiTarget.FromColumns(table, args.MoreTargets);
        }
        return (table.Data, table, null);
    }

    /// <summary>
    /// The rows of <paramref name="all"/> that the split below will train on (the split depends only on the targets and the seed), so that
    /// the column encoders are fitted on them alone: levels, fill values and pooling never see a validation or test row.
    /// </summary>
    private static int[] TrainingRows(TrainArguments args, TrainSettings settings, Dataset<float> all)
    {
        int n = all.Count;
        var split = settings.Split;
        try
        {
            bool testElsewhere = args.TestFile is not null || (args.TestFraction is null && args.Data.BuiltIn is { TestFile: not null });
            var rows = testElsewhere ? Splits.Three(all, split.Validation, 0, settings.Seed).Train
                : args.TestLast is { } last && last < n ? Splits.Three(all.Slice(0, n - last), split.Validation, 0, settings.Seed).Train
                : Splits.Three(all, split.Validation, split.Test, settings.Seed).Train;
            return rows.ToArray();
        }
        catch (ArgumentException) { return [.. Enumerable.Range(0, n)]; } // the split below says what is wrong
    }

    private static string Without(DataSource source) =>
        source.IsGenerated ? $"--data {source.Name} is a generated set and" : $"MNIST (--data {source.Name})";

    /// <summary>The rows to train on and the test rows when they are given apart (--test, --test-last, a built-in set's own test file); null test rows when they are to be held out.</summary>
    private static (Dataset<float> Remaining, Dataset<float>? Test, string Description) TestRows(TrainArguments args, Dataset<float> all, TabularData<float>? table)
    {
        var source = args.Data;
        if (args.TestFile is { } testFile)
        {
            if (table is null) throw new UsageException($"--test takes a data file with the training data's columns; {Without(source)} has none: use --test-last or --test-fraction");
            // read like the training data: a built-in set's own options (auto-mpg's '?' rows), else the options given; the layout from its schema
            var options = source.BuiltIn is { } builtIn ? ReadOptions(builtIn, args) with { ColumnNames = null } : args.CsvOptions();
            var test = DataFile.Load<float>(testFile, options with { Target = null, Drop = [], Task = null }, table.Schema).Data;
            return (all, test, Path.GetFileName(testFile));
        }
        if (args.TestLast is { } last)
        {
            if (last >= all.Count) throw new UsageException($"--test-last {last} leaves no training rows: {source.Name} has {all.Count} rows");
            return (all.Slice(0, all.Count - last), all.Slice(all.Count - last, all.Count), $"the last {last} rows");
        }
        if (args.TestFraction is null && source.BuiltIn is { TestFile: { } ownTest } withTest)
            return (all, BuiltIn.TestTable<float>(withTest.Name, table!.Schema).Data, Path.GetFileName(ownTest));
        return (all, null, "held-out rows");
    }

    /// <summary>How a built-in table is read: its own options, with the column options the user gave (--target, --task, --missing ...) in their place.</summary>
    private static CsvOptions ReadOptions(DatasetInfo builtIn, TrainArguments args)
    {
        var own = builtIn.Csv!;
        return args.Encoding.Apply(own with
        {
            Target = args.FirstTarget ?? own.Target, Task = args.ReadTask ?? own.Task, Separator = args.Separator ?? own.Separator, HasHeader = args.Header ?? own.HasHeader,
            Drop = args.Drop.Count > 0 ? args.Drop : own.Drop, Missing = args.Missing ?? own.Missing,
        });
    }
}
