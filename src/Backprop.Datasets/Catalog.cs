using Backprop.Data;
using Backprop.Nn;

namespace Backprop.Datasets;

/// <summary>The built-in data sets, one entry each: files under <c>data/</c>, how they are read, their size, source and licence.</summary>
internal static class Catalog
{
    private const string Uci = "CC BY 4.0 (UCI)";
    private static readonly CsvOptions Comma = new() { Separator = ",", HasHeader = false, Task = TaskKind.Classification };
    private static readonly string[] Measures =
        ["radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity", "concave points", "symmetry", "fractal dimension"];

    public static readonly DatasetInfo[] All =
    [
        new() { Name = "iris", Title = "Iris flowers (Fisher, 1936)", Rows = 150, Features = 4, Classes = 3, Licence = Uci,
            Source = "https://archive.ics.uci.edu/dataset/53/iris", File = "iris/iris.data",
            Csv = Comma with { ColumnNames = ["sepal length", "sepal width", "petal length", "petal width", "class"], Target = "class" } },
        new() { Name = "wine", Title = "Wine cultivars (Forina et al.)", Rows = 178, Features = 13, Classes = 3, Licence = Uci,
            Source = "https://archive.ics.uci.edu/dataset/109/wine", File = "wine/wine.data",
            Csv = Comma with { ColumnNames = ["cultivar", "alcohol", "malic acid", "ash", "alcalinity of ash", "magnesium", "total phenols", "flavanoids",
                "nonflavanoid phenols", "proanthocyanins", "color intensity", "hue", "OD280/OD315 of diluted wines", "proline"], Target = "cultivar" } },
        new() { Name = "breast-cancer", Title = "Breast Cancer Wisconsin (Diagnostic)", Rows = 569, Features = 30, Classes = 2, Licence = Uci,
            Source = "https://archive.ics.uci.edu/dataset/17/breast+cancer+wisconsin+diagnostic", File = "breast-cancer-wisconsin-diagnostic/wdbc.data",
            Csv = Comma with { ColumnNames = ["id", "diagnosis", .. Measures.Select(m => "mean " + m), .. Measures.Select(m => m + " error"), .. Measures.Select(m => "worst " + m)],
                Target = "diagnosis", Drop = ["id"] } },
        new() { Name = "optdigits", Title = "Handwritten digits, 8x8 blocks (Alpaydin, Kaynak)", Rows = 3823, TestRows = 1797, Features = 64, Classes = 10, Licence = Uci,
            Source = "https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits", File = "optdigits/optdigits.tra", TestFile = "optdigits/optdigits.tes",
            Csv = Comma with { ColumnNames = [.. Enumerable.Range(0, 64).Select(i => $"pixel {i / 8},{i % 8}"), "digit"], Target = "digit" } },
        new() { Name = "letters", Title = "Letter recognition (Slate, 1991)", Rows = 20000, Features = 16, Classes = 26, Licence = Uci,
            Source = "https://archive.ics.uci.edu/dataset/59/letter+recognition", File = "letter-recognition/letter-recognition.data",
            Csv = Comma with { ColumnNames = ["letter", "x-box", "y-box", "width", "high", "onpix", "x-bar", "y-bar", "x2bar", "y2bar", "xybar", "x2ybr", "xy2br",
                "x-ege", "xegvy", "y-ege", "yegvx"], Target = "letter" } },
        new() { Name = "auto-mpg", Title = "Car fuel consumption, mpg (StatLib, 1983)", Rows = 392, Features = 7, Licence = Uci,
            Source = "https://archive.ics.uci.edu/dataset/9/auto+mpg", File = "auto-mpg/auto-mpg.data",
            Csv = new() { Separator = CsvOptions.Whitespace, HasHeader = false, Task = TaskKind.Regression, Missing = MissingValues.Drop,
                ColumnNames = ["mpg", "cylinders", "displacement", "horsepower", "weight", "acceleration", "model year", "origin", "car name"],
                Target = "mpg", Drop = ["car name"] } },
        new() { Name = "wine-quality-red", Title = "Red wine quality, 0-10 (Cortez et al., 2009)", Rows = 1599, Features = 11, Licence = Uci,
            Source = "https://archive.ics.uci.edu/dataset/186/wine+quality", File = "wine-quality/winequality-red.csv",
            Csv = new() { Separator = ";", HasHeader = true, Target = "quality", Task = TaskKind.Regression } },
        new() { Name = "penguins", Title = "Palmer penguins, species from island, measures and sex (Gorman, Williams & Fraser, 2014)", Rows = 344, Features = 6, Classes = 3,
            Licence = "CC0 (Gorman, Williams & Fraser 2014; via vega-datasets 3.2.1)", Source = "https://github.com/allisonhorst/palmerpenguins", File = "penguins/penguins.csv",
            Csv = new() { Separator = ",", HasHeader = true, Target = "Species", Task = TaskKind.Classification } },
        new() { Name = "mnist", Title = "MNIST test set, 28x28 digits (LeCun, Cortes, Burges)", Rows = 10000, Features = 784, Classes = 10,
            Licence = "no licence stated; credit the authors", Source = "http://yann.lecun.com/exdb/mnist/",
            File = "mnist/t10k-images-idx3-ubyte.gz", LabelsFile = "mnist/t10k-labels-idx1-ubyte.gz" },
    ];
}
