using System.Globalization;
using System.Text;
using Backprop.Data;
using Backprop.Errors;
using Backprop.Tests.Support;

namespace Backprop.Tests.Data;

/// <summary>
/// The byte reader of all-number text files (NumericCsv) gives what the text reader gives, row for row and line for line, whether it
/// reads a file in one range or many; and where it cannot (quotes, missing or text cells, bad values), the text reader's result or error stands.
/// </summary>
public sealed class NumericCsvTests : TempDirTest
{
    public static TheoryData<string, string?, string?> RepoFiles => new()
    {
        { "iris/iris.data", null, null },
        { "wine/wine.data", "0", null },
        { "optdigits/optdigits.tra", null, null },
        { "letter-recognition/letter-recognition.data", "0", null },
        { "wine-quality/winequality-red.csv", null, null },
        { "breast-cancer-wisconsin-diagnostic/wdbc.data", "1", "0" },
    };

    [Theory]
    [MemberData(nameof(RepoFiles))]
    public void RepoFilesReadAsTheTextReaderReadsThem(string file, string? target, string? drop)
    {
        var options = new CsvOptions { Target = target, Drop = drop is null ? [] : [drop] };
        string path = RepoData.Path(file);
        Assert.True(ReadsFast(path, options), "the byte reader reads it");
        SameTable.Equal(TextReader(path, options), Csv.Load<float>(path, options));
    }

    [Theory]
    [InlineData("a,b,y\n1,2,x\n3,4,y\n5,6,x\n")]
    [InlineData("a,b,y\r\n1,2,x\r\n3,4,y\r\n5,6,x")] // CRLF, no line break at the end
    [InlineData("\n\na,b,y\n\n1, 2 ,x\n   \n3,4,y\n\n\n5,6,x\n\n")] // empty and blank lines, blanks around cells
    [InlineData("\"a\",\"b\",\"y\"\n1,2,x\n3,4,y\n5,6,x\n")] // quotes in the header only
    [InlineData("1,2,0\n3,4,1\n5e-3,-.5,0\n+6.,7E+2,1\n-0,1e400000000,0\n")] // no header; the number forms of double.Parse
    [InlineData("a;b;y\n1.5;2;3.25\n3;4;-1\n")] // semicolons, a regression target
    [InlineData("a\tb\ty\n1\t2\tp\n3\t4\tq\n")] // tabs
    public void TrickyFilesReadAsTheTextReaderReadsThem(string text)
    {
        string path = Dir.File("t.csv", text);
        if (!text.Contains("1e400000000")) Assert.True(ReadsFast(path, new CsvOptions()));
        AssertSameOrSameError(path, new CsvOptions());
        AssertSameOrSameError(path, new CsvOptions { Missing = MissingValues.Drop });
    }

    [Theory]
    [InlineData("a,b,y\n1,2,x\n3,\"4\",y\n")] // a quote in a data line
    [InlineData("a,b,y\n1,2,x\n3,NA,y\n5,6,x\n")] // a missing cell
    [InlineData("a,b,y\n1,2,x\n3,4,?\n5,6,x\n")] // a missing target
    [InlineData("a,b,y\n1,2,x\n3,4,y\n5,6,x\n7,red,x\n9,blue,y\n")] // numbers in the first rows, text later
    [InlineData("a,b,y\n1,2,x\n3,4,y\n5,NaN,x\n")]
    [InlineData("a,b,y\n1,2,x\n3,4,y\n5,1e39,x\n")] // beyond float32
    [InlineData("a,b,y\n1,2,x\n3,4,y\n5,6\n")] // ragged
    [InlineData("a,b,y\n1,2,x\n3,4,y,9\n")]
    [InlineData("a,b,y\n1,2,x\r3,4,y\n5,6,x\n")] // a lone CR ends a record for the text reader
    [InlineData("a,b,y\n1,2,x\n3,4,café\n5,6,x\n")] // non-ASCII
    [InlineData("a,b,y\n1,2,x\n3,4,y\n5,true,x\n")]
    public void FilesItCannotReadAreLeftToTheTextReader(string text)
    {
        string path = Dir.File("t.csv", text);
        Assert.False(ReadsFast(path, new CsvOptions()));
        AssertSameOrSameError(path, new CsvOptions());
        AssertSameOrSameError(path, new CsvOptions { Missing = MissingValues.Drop });
        AssertSameOrSameError(path, new CsvOptions { Missing = MissingValues.Mean });
    }

    [Fact]
    public void TextLaterNamesItsLine()
    {
        var rows = Enumerable.Range(0, 500).Select(i => $"{i},{i % 3}").Append("oops,1").Append("7,0");
        string path = Dir.File("t.csv", "a,y\n" + string.Join("\n", rows) + "\n");
        var e = Assert.Throws<BackpropException>(() => Csv.Load<float>(path));
        Assert.Contains("t.csv line 502, column \"a\": \"oops\"", e.Message);
    }

    [Fact]
    public void ManyRangesReadAsOne()
    {
        var rng = new Random(5);
        var text = new StringBuilder("x1,x2,x3,label\n");
        for (int i = 0; i < 3000; i++)
        {
            if (i % 97 == 0) text.Append("\n  \n"); // blank lines shift the line numbers
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{rng.NextDouble() * 200 - 100:F5},{rng.Next(-50, 50)},{rng.NextDouble():E3},c{rng.Next(4)}"));
            text.Append(i % 2 == 0 ? "\r\n" : "\n");
        }
        string path = Dir.File("t.csv", text.ToString());
        var options = new CsvOptions();
        var one = Fast(path, options, ranges: 1);
        var y = one.Target!.Encode(null, null, one.Lines).Y;
        foreach (int ranges in new[] { 2, 7, 64, 5000 })
        {
            var many = Fast(path, options, ranges);
            Assert.Equal(one.X, many.X);
            Assert.Equal(one.Lines.ToArray(), many.Lines.ToArray());
            Assert.Equal(y, many.Target!.Encode(null, null, many.Lines).Y);
        }
        SameTable.Equal(TextReader(path, options), Csv.Load<float>(path, options));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-12.5")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("4.9e-324")]
    [InlineData("0.1")]
    [InlineData("123456789012345678")]
    [InlineData("9007199254740993")]
    [InlineData("1.00000000000000011102230246251565")]
    [InlineData("3.4028235e38")]
    [InlineData(".5e-3")]
    [InlineData("5.")]
    [InlineData("-0.0")]
    [InlineData("1e22")]
    [InlineData("1e23")]
    [InlineData("1e-22")]
    [InlineData("123.456e-5")]
    public void NumbersParseAsDoubleParse(string text)
    {
        Assert.True(Utf8Numbers.TryParse(Encoding.ASCII.GetBytes(text), out double fast));
        Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), fast);
        Assert.Equal(double.IsNegative(double.Parse(text, CultureInfo.InvariantCulture)), double.IsNegative(fast));
    }

    [Fact]
    public void RandomDecimalsParseAsDoubleParse()
    {
        var rng = new Random(3);
        for (int i = 0; i < 20000; i++)
        {
            string text = string.Create(CultureInfo.InvariantCulture, $"{(rng.Next(2) == 0 ? "-" : "")}{rng.NextInt64(0, 10_000_000_000_000_000)}")
                .Insert(rng.Next(1, 5), ".") + (rng.Next(3) == 0 ? $"e{rng.Next(-30, 30)}" : "");
            Assert.True(Utf8Numbers.TryParse(Encoding.ASCII.GetBytes(text), out double fast), text);
            Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), fast);
        }
    }

    // The text reader's data set: from a stream, which the byte reader never reads.
    private static TabularData<float> TextReader(string path, CsvOptions options)
    {
        using var stream = File.OpenRead(path);
        return Csv.Load<float>(stream, path, options);
    }

    private static bool ReadsFast(string path, CsvOptions options)
    {
        using var table = CsvTable.Open(path, options);
        var (target, features) = TableLoader.Columns(table, options);
        return NumericCsv.TryRead<float>(table, features, target, options, ranges: 3) is not null;
    }

    private static CsvRows<float> Fast(string path, CsvOptions options, int ranges)
    {
        using var table = CsvTable.Open(path, options);
        var (target, features) = TableLoader.Columns(table, options);
        return NumericCsv.TryRead<float>(table, features, target, options, ranges) ?? throw new InvalidOperationException("not read by the byte reader");
    }

    private static void AssertSameOrSameError(string path, CsvOptions options) =>
        SameTable.OrSameError(() => TextReader(path, options), () => Csv.Load<float>(path, options));
}
