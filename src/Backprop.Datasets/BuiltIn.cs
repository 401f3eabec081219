using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using Backprop.Data;

namespace Backprop.Datasets;

/// <summary>
/// Data sets that come with the library, loaded by name like scikit-learn's <c>load_iris()</c> or Keras' <c>datasets</c>:
/// tables as the <see cref="TabularData{T}"/> <see cref="Csv"/> gives (feature and class names, task, source), images as
/// the <see cref="Dataset{T}"/> <see cref="Data.Mnist"/> gives. The files are embedded in this assembly: nothing is downloaded.
/// </summary>
public static class BuiltIn
{
    /// <summary>Every built-in data set, in the order <c>backprop datasets</c> lists them.</summary>
    public static IReadOnlyList<DatasetInfo> All => Catalog.All;

    /// <summary>The built-in data set named <paramref name="name"/> (case-insensitive), if there is one.</summary>
    public static bool TryFind(string name, [NotNullWhen(true)] out DatasetInfo? info)
    {
        info = Catalog.All.FirstOrDefault(d => string.Equals(d.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
        return info is not null;
    }

    /// <summary>The built-in data set named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No built-in data set has that name; the message lists the names.</exception>
    public static DatasetInfo Find(string name) => TryFind(name, out var info) ? info
        : throw new ArgumentException($"no built-in data set is named \"{name}\"; the built-in data sets are {string.Join(", ", Catalog.All.Select(d => d.Name))}.", nameof(name));

    /// <summary>
    /// A table by name, read with its own options (<see cref="DatasetInfo.Csv"/>), or with <paramref name="options"/> when given
    /// (start from its own, e.g. <c>BuiltIn.Find("auto-mpg").Csv! with { Missing = MissingValues.Mean }</c>).
    /// </summary>
    public static TabularData<T> Table<T>(string name, CsvOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var info = TableNamed(name);
        using var stream = info.Open(info.File);
        return Csv.Load<T>(stream, Path.GetFileName(info.File), options ?? info.Csv);
    }

    /// <summary>The own test set of a table that has one (optdigits), read with the columns of <paramref name="like"/> (its training table's schema).</summary>
    public static TabularData<T> TestTable<T>(string name, TabularSchema like, CsvOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var info = TableNamed(name);
        string file = info.TestFile ?? throw new ArgumentException($"{info.Name} has no test set of its own; split its rows instead.", nameof(name));
        using var stream = info.Open(file);
        return Csv.Load<T>(stream, Path.GetFileName(file), options ?? (info.Csv! with { Target = null, Drop = [], ColumnNames = null }), like);
    }

    /// <summary>An image data set by name: pixels / 255 as features [N, pixels], digit labels.</summary>
    public static Dataset<T> Images<T>(string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var info = Find(name);
        if (info.LabelsFile is not { } labelsFile) throw new ArgumentException($"{info.Name} is a table, not images; use BuiltIn.Table.", nameof(name));
        using var images = info.Open(info.File);
        using var labels = info.Open(labelsFile);
        return Data.Mnist.Load<T>(images, Path.GetFileName(info.File), labels, Path.GetFileName(labelsFile));
    }

    /// <summary>Iris: 150 flowers, 4 measurements in cm, 3 species.</summary>
    public static TabularData<T> Iris<T>() where T : unmanaged, IFloatingPointIeee754<T> => Table<T>("iris");

    /// <summary>Wine: 178 wines, 13 chemical measurements, 3 cultivars.</summary>
    public static TabularData<T> Wine<T>() where T : unmanaged, IFloatingPointIeee754<T> => Table<T>("wine");

    /// <summary>Breast Cancer Wisconsin (Diagnostic): 569 tumours, 30 cell-nucleus features, benign (B) or malignant (M).</summary>
    public static TabularData<T> BreastCancer<T>() where T : unmanaged, IFloatingPointIeee754<T> => Table<T>("breast-cancer");

    /// <summary>Optdigits: 3823 training and 1797 test digits, 8x8 blocks of pixel counts 0..16, 10 classes.</summary>
    public static (TabularData<T> Train, TabularData<T> Test) Optdigits<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var train = Table<T>("optdigits");
        return (train, TestTable<T>("optdigits", train.Schema));
    }

    /// <summary>Letter recognition: 20000 letters, 16 integer features 0..15, 26 classes A..Z (by convention, test on the last 4000).</summary>
    public static TabularData<T> Letters<T>() where T : unmanaged, IFloatingPointIeee754<T> => Table<T>("letters");

    /// <summary>Auto MPG: 392 cars (the 6 without horsepower dropped), 7 features, fuel consumption in miles per gallon (regression).</summary>
    public static TabularData<T> AutoMpg<T>() where T : unmanaged, IFloatingPointIeee754<T> => Table<T>("auto-mpg");

    /// <summary>Palmer penguins: 344 penguins, species (3 classes) from island and sex (text) and four measures, with missing cells (CC0).</summary>
    public static TabularData<T> Penguins<T>() where T : unmanaged, IFloatingPointIeee754<T> => Table<T>("penguins");

    /// <summary>Red wine quality: 1599 wines, 11 physico-chemical features, quality 0..10 as a number (regression).</summary>
    public static TabularData<T> WineQualityRed<T>() where T : unmanaged, IFloatingPointIeee754<T> => Table<T>("wine-quality-red");

    /// <summary>The MNIST test set: 10000 images of 28x28 handwritten digits, pixels / 255, 10 classes.</summary>
    public static Dataset<T> Mnist<T>() where T : unmanaged, IFloatingPointIeee754<T> => Images<T>("mnist");

    private static DatasetInfo TableNamed(string name)
    {
        var info = Find(name);
        return info.IsTable ? info : throw new ArgumentException($"{info.Name} holds images, not a table; use BuiltIn.Images.", nameof(name));
    }
}
