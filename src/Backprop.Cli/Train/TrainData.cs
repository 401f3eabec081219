using Backprop.Data;
using Backprop.Datasets;
using Backprop.IO;

namespace Backprop.Cli.Train;

/// <summary>A data file, a built-in data set or MNIST, loaded and split into training, validation and test rows.</summary>
/// <param name="Table">The loaded table (its schema goes into the model file), or null for MNIST.</param>
/// <param name="All">Every loaded row of the training file (or of MNIST), before splitting.</param>
internal sealed record TrainData(string Name, Dataset<float> All, Dataset<float> Train, Dataset<float>? Validation, Dataset<float> Test,
    TabularData<float>? Table, string TestDescription)
{
    public int Classes => All.Classes;

    /// <summary>What a model trained on MNIST records: ten digit classes and 784 pixel inputs.</summary>
    public static ModelMetadata MnistMetadata { get; } = new()
    {
        Task = TaskKind.Classification, ClassNames = [.. Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        TargetName = "digit",
    };

    /// <summary>
    /// Loads <paramref name="source"/> and splits it: test rows from --test, --test-last or --test-fraction (or a built-in set's own
    /// test file when none is given); then validation rows from the rest.
    /// </summary>
    public static TrainData Load(DataSource source, TrainExtras extras, FileTrainSettings settings)
    {
        TabularData<float>? table = null;
        Dataset<float> all;
        if (source.IsImages)
        {
            if (extras.FileOnlyOptionsGiven().Intersect(["--target", "--task", "--separator", "--header", "--no-header", "--drop", "--missing"]).FirstOrDefault() is { } option)
                throw new UsageException($"{option} describes a data file's columns; MNIST (--data {source.Name}) has none");
            all = source.MnistDirectory is { } dir ? Mnist.LoadDirectory<float>(dir, "t10k") : BuiltIn.Images<float>(source.BuiltIn!.Name);
        }
        else
        {
            table = source.BuiltIn is { } builtIn ? BuiltIn.Table<float>(builtIn.Name, ReadOptions(builtIn, extras)) : Csv.Load<float>(source.File!, extras.CsvOptions());
            all = table.Data;
        }
        ulong seed = settings.Seed;
        Dataset<float> rest, test;
        string testDescription;
        if (extras.TestFile is { } testFile)
        {
            if (table is null) throw new UsageException("--test takes a data file with the training file's columns; for MNIST use --test-last or --test-fraction");
            test = Csv.Load<float>(testFile, extras.CsvOptions() with { Target = null, Drop = [], Task = null }, table.Schema).Data;
            (rest, testDescription) = (all, Path.GetFileName(testFile));
        }
        else if (extras.TestLast is { } last)
        {
            if (last >= all.Count)
                throw new UsageException($"--test-last {last} leaves no training rows: {source.Name} has {all.Count} rows");
            (rest, test) = (all.Slice(0, all.Count - last), all.Slice(all.Count - last, all.Count));
            testDescription = $"the last {last} rows";
        }
        else if (extras.TestFraction is null && source.BuiltIn is { TestFile: { } ownTest } withTest)
        {
            test = BuiltIn.TestTable<float>(withTest.Name, table!.Schema).Data;
            (rest, testDescription) = (all, Path.GetFileName(ownTest));
        }
        else
        {
            var (train, validation, held) = all.Split3(settings.Validation, settings.TestFraction, seed);
            CheckNotEmpty(source, train, held, settings);
            return new TrainData(source.Name, all, train, validation.Count > 0 ? validation : null, held, table, "held-out rows");
        }
        var (trainPart, validationPart, _) = rest.Split3(settings.Validation, 0, seed);
        CheckNotEmpty(source, trainPart, test, settings);
        return new TrainData(source.Name, all, trainPart, validationPart.Count > 0 ? validationPart : null, test, table, testDescription);
    }

    /// <summary>How a built-in table is read: its own options, with the column options the user gave (--target, --task, --missing ...) in their place.</summary>
    private static CsvOptions ReadOptions(DatasetInfo builtIn, TrainExtras extras)
    {
        var own = builtIn.Csv!;
        return own with
        {
            Target = extras.Target ?? own.Target, Task = extras.Task ?? own.Task, Separator = extras.Separator ?? own.Separator, HasHeader = extras.Header ?? own.HasHeader,
            Drop = extras.Drop.Count > 0 ? extras.Drop : own.Drop, Missing = extras.Missing ?? own.Missing,
        };
    }

    private static void CheckNotEmpty(DataSource source, Dataset<float> train, Dataset<float> test, FileTrainSettings settings)
    {
        if (train.Count == 0) throw new UsageException($"{source.Name}: no training rows are left after holding out validation and test rows");
        if (test.Count == 0) throw new UsageException($"{source.Name}: no test rows; with {train.Count} rows, --test-fraction {settings.TestFraction} rounds to none");
    }
}
