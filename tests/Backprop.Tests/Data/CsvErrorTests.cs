using Backprop.Data;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Tests.Support;

namespace Backprop.Tests.Data;

/// <summary>Each kind of bad input gives one clear message naming the file, and the line and column where there is one.</summary>
public sealed class CsvErrorTests : TempDirTest
{
    private string Error(string text, CsvOptions? options = null) =>
        Assert.Throws<BackpropException>(() => Csv.Load(Dir.File("t.csv", text), options)).Message;

    [Fact]
    public void MissingFile()
    {
        var path = Dir.Path("nope.csv");
        var e = Assert.Throws<BackpropException>(() => Csv.Load(path));
        Assert.Equal($"{path}: file not found.", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    public void EmptyFile(string text) =>
        Assert.EndsWith("t.csv: the file is empty (no non-empty lines).", Error(text));

    [Fact]
    public void HeaderWithoutRows() => Assert.EndsWith("t.csv: the file has a header but no data rows.", Error("a,b,c\n", new CsvOptions { HasHeader = true }));

    [Fact]
    public void RaggedRowNamesLineAndCounts() =>
        Assert.Equal("t.csv line 4: expected 3 fields (as on line 1), got 2.", Error("1,2,x\n3,4,y\n\n5,6\n7,8,x\n"));

    [Fact]
    public void NonNumericFeatureCell() =>
        Assert.Equal("t.csv line 3, column \"b\": \"abc\" is not a number.", Error("a,b,c\n1,2,x\n3,abc,y\n5,6,x\n"));

    [Fact]
    public void TextFeatureColumnIsOneHotEncoded() =>
        Assert.Equal(["0=blue", "0=red", "1"], Csv.Load<float>(new MemoryStream("red,2,x\nblue,4,y\n"u8.ToArray()), "t.csv").FeatureNames);

    [Fact]
    public void UnknownTargetName() =>
        Assert.Equal("t.csv: unknown target column \"zzz\"; the columns are \"a\", \"b\", \"c\".", Error("a,b,c\n1,2,x\n3,4,y\n", new CsvOptions { Target = "zzz" }));

    [Fact]
    public void UnknownTargetWithoutHeader() =>
        Assert.Equal("t.csv: unknown target column \"c\"; the file has no header, so give a 0-based index 0..2 (negative from the end).",
            Error("1,2,x\n3,4,y\n", new CsvOptions { Target = "c" }));

    [Fact]
    public void TargetIndexOutOfRange() =>
        Assert.Equal("t.csv: target column index 3 is out of range; the file has 3 columns (0..2, or -3..-1 from the end).",
            Error("1,2,x\n3,4,y\n", new CsvOptions { Target = "3" }));

    [Fact]
    public void TargetWithOneClass() =>
        Assert.Equal("t.csv: the target column \"c\" has only one class (\"x\"); classification needs at least two.", Error("a,b,c\n1,2,x\n3,4,x\n"));

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e999")]
    public void NaNOrInfinityInAFeature(string cell) =>
        Assert.Equal($"t.csv line 2, column 1: \"{cell}\" is not a finite number (NaN and infinity are not allowed).", Error($"1,2,x\n3,{cell},y\n"));

    [Fact]
    public void NaNInARegressionTarget() =>
        Assert.Equal("t.csv line 3, column 2: \"NaN\" is not a finite number (NaN and infinity are not allowed).",
            Error("1,2,0.5\n3,4,1.5\n5,6,NaN\n", new CsvOptions { Task = TaskKind.Regression }));

    [Fact]
    public void TextTargetForRegression() =>
        Assert.Equal("t.csv line 1, column 2: \"x\" is not a number, and the task is regression.", Error("1,2,x\n3,4,y\n", new CsvOptions { Task = TaskKind.Regression }));

    [Fact]
    public void MissingValuesAreRefusedNamingTheFirstRows()
    {
        var text = string.Concat(Enumerable.Range(1, 8).Select(i => i % 2 == 0 ? $"{i},?,x\n" : $"{i},1,y\n"));
        Assert.Equal("t.csv: 4 row(s) have missing values (\"?\", \"\", \"NA\"): line 2 column 1; line 4 column 1; line 6 column 1; line 8 column 1. "
            + "Drop those rows or fill in column means (missing: drop or mean).", Error(text));
        Assert.Contains("line 2 column 0;", Error("1,2,x\n,2,y\nNA,3,x\n"));
    }

    [Fact]
    public void MeanImputationRefusesAMissingTarget() =>
        Assert.Equal("t.csv line 2, column 2: the target is missing; mean imputation fills features only (drop such rows instead).",
            Error("1,2,x\n3,4,?\n5,6,y\n", new CsvOptions { Missing = MissingValues.Mean }));

    [Fact]
    public void DroppingEveryRow() =>
        Assert.Equal("t.csv: every row has a missing value (\"?\", \"\", \"NA\"); none is left after dropping them.",
            Error("1,?,x\n?,4,y\n", new CsvOptions { Missing = MissingValues.Drop }));

    [Fact]
    public void TargetAlsoDropped() =>
        Assert.Equal("t.csv: column 2 is both the target and dropped.", Error("1,2,x\n3,4,y\n", new CsvOptions { Drop = ["-1"] }));

    [Fact]
    public void UnknownClassInAGivenTestFileNamesTheLine()
    {
        var train = Csv.Load(Dir.File("train.csv", "a,b,c\n1,2,x\n3,4,y\n"));
        var e = Assert.Throws<BackpropException>(() => Csv.Load<double>(Dir.File("test.csv", "a,b,c\n1,2,y\n\n3,4,z\n"), null, train.Schema));
        Assert.Equal("test.csv line 4, column \"c\": class \"z\" is not one of the training data's classes (x, y).", e.Message);
    }

    [Fact]
    public void TestFileWithOtherColumns()
    {
        var train = Csv.Load(Dir.File("train.csv", "a,b,c\n1,2,x\n3,4,y\n"));
        Assert.Equal("test.csv: no column \"b\"; the training data has \"a\", \"b\", \"c\".",
            Assert.Throws<BackpropException>(() => Csv.Load<double>(Dir.File("test.csv", "a,B,c\n1,2,y\n"), null, train.Schema)).Message);
        Assert.Equal("test.csv: no column \"b\"; the training data has \"a\", \"b\", \"c\".",
            Assert.Throws<BackpropException>(() => Csv.Load<double>(Dir.File("test.csv", "a,c\n1,y\n"), null, train.Schema)).Message);
        Assert.Equal("test.csv: 2 columns; the training data has 3.",
            Assert.Throws<BackpropException>(() => Csv.Load<double>(Dir.File("test.csv", "1,y\n"), new CsvOptions { HasHeader = false }, train.Schema)).Message);
    }

    [Fact]
    public void TestFileWithAHeaderIsReadByColumnNameInAnyOrder()
    {
        var train = Csv.Load(Dir.File("train.csv", "a,b,c\n1,2,x\n3,4,y\n"));
        var test = Csv.Load<double>(Dir.File("test.csv", "id,c,b,a\n7,y,20,10\n8,x,40,30\n"), null, train.Schema);
        Assert.Equal([10.0, 20, 30, 40], test.Data.X.ToArray()); // features a, b in the training order
        Assert.Equal([1.0, 0], test.Data.Y.ToArray());           // classes y, x by the training data's indices
    }

    [Fact]
    public void UnclosedQuoteIsAFormatError() =>
        Assert.StartsWith("t.csv near line 2:", Error("1,2,x\n3,4,\"y\n"));
}
