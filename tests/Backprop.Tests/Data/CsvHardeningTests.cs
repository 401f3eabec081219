using System.Diagnostics;
using System.Text;
using Backprop.Data;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Tests.Support;

namespace Backprop.Tests.Data;

/// <summary>Hostile CSV input: odd encodings, special files, values beyond float32, a numeric first line, and memory per cell.</summary>
public sealed class CsvHardeningTests : TempDirTest
{
    private string Bytes(string name, byte[] bytes)
    {
        string path = Dir.Path(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static BackpropException Refusal(Action load) => Assert.Throws<BackpropException>(load);

    [Fact]
    public void Latin1LabelsAreRefusedNamingTheLineInsteadOfMergingIntoOneClass()
    {
        var latin1 = Encoding.Latin1.GetBytes("x,label\n1,cafe\n2,caf\u00e9\n3,caf\u00e8\n");
        var e = Refusal(() => Csv.Load(Bytes("t.csv", latin1)));
        Assert.Equal("t.csv line 3: not UTF-8 text (bytes 0xE9); save the file as UTF-8.", e.Message);
        Assert.Equal(ErrorKind.Input, e.Kind);
    }

    [Fact]
    public void Utf8LabelsWithAndWithoutAByteOrderMarkReadAlike()
    {
        string text = "x,label\n1,caf\u00e9\n2,caf\u00e8\n3,caf\u00e9\n";
        var plain = Csv.Load(Bytes("plain.csv", Encoding.UTF8.GetBytes(text)));
        var bom = Csv.Load(Bytes("bom.csv", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]));
        Assert.Equal(["caf\u00e8", "caf\u00e9"], plain.ClassNames);
        Assert.Equal(plain.ClassNames, bom.ClassNames);
        Assert.Equal("x", bom.FeatureNames[0]);
    }

    [Fact]
    public void Utf16AndBinaryDataAreRefused()
    {
        Assert.Equal("t16.csv: the file is UTF-16 text; save it as UTF-8.",
            Refusal(() => Csv.Load(Bytes("t16.csv", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("a,b\n1,2\n")]))).Message);
        Assert.Equal("bin.csv line 2: a NUL byte; this is binary data, not a text file.",
            Refusal(() => Csv.Load(Bytes("bin.csv", [.. "1,2,x\n3,"u8, 0, .. ",y\n"u8]))).Message);
    }

    [Fact]
    public void ALineOfTooManyFieldsIsRefusedBeforeTheParserReadsIt() // such a line took the parser seconds, a longer one hours
    {
        string wide = string.Join(",", Enumerable.Repeat("1", CsvTable.MaxColumns + 1));
        string path = Dir.File("wide.csv", $"a,b\n1,2\n{wide}\n3,4\n");
        Assert.Equal("wide.csv line 3: more than 65,536 fields; at most 65,536 columns are read.", Refusal(() => Csv.Load<float>(path)).Message);
        string widest = Dir.File("widest.csv", wide + "\n" + wide + "\n");
        Assert.Equal("widest.csv line 1: more than 65,536 fields; at most 65,536 columns are read.", Refusal(() => Csv.Load<float>(widest)).Message);
    }

    [Fact]
    public void AValueBeyondFloat32IsNamedWithFileLineAndColumn()
    {
        string path = Dir.File("big.csv", "a,b,c\n1,2,x\n3,1e39,y\n");
        var e = Refusal(() => Csv.Load<float>(path));
        Assert.Equal("big.csv line 3, column \"b\": \"1e39\" is beyond the range of float32 (about ±3.4e38).", e.Message);
        Assert.Equal(1e39, Csv.Load<double>(path).Data.X[1, 1]);
        Assert.Equal("big.csv line 2, column \"y\": \"-1e39\" is beyond the range of float32 (about ±3.4e38).",
            Refusal(() => Csv.Load<float>(Dir.File("big.csv", "x,y\n1,-1e39\n2,0.5\n"), new CsvOptions { Task = TaskKind.Regression })).Message);
    }

    [Fact]
    public void ADirectoryIsRefusedByName()
    {
        string dir = Directory.CreateDirectory(Dir.Path("data.csv")).FullName;
        Assert.Equal($"{dir}: is a directory, not a data file.", Refusal(() => Csv.Load(dir)).Message);
    }

    [Fact]
    public void ACharacterDeviceIsRefusedBeforeReading()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/dev/zero")) return;
        Assert.Equal("/dev/zero: is a character device, not a regular file; only regular files are read.", Refusal(() => Csv.Load("/dev/zero")).Message);
        Assert.Equal("/dev/zero: is a character device, not a regular file; only regular files are read.", Refusal(() => Idx.Read("/dev/zero")).Message);
    }

    [Fact]
    public async Task AFifoIsRefusedInsteadOfWaitingForAWriter()
    {
        string? fifo = MakeFifo(Dir.Path("pipe.csv"));
        if (fifo is null) return; // no mkfifo here
        var load = Task.Run(() => Assert.Throws<BackpropException>(() => Csv.Load(fifo)));
        Assert.Same(load, await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(20))));
        Assert.Equal($"{fifo}: is a FIFO (named pipe), not a regular file; only regular files are read.", (await load).Message);
    }

    /// <summary>Makes a FIFO with mkfifo(1); null when there is none.</summary>
    internal static string? MakeFifo(string path)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
            p.WaitForExit();
            return p.ExitCode == 0 ? path : null;
        }
        catch (System.ComponentModel.Win32Exception) { return null; }
    }

    [Fact]
    public void ASparseTwoGigabyteFileIsNotReadIntoMemory()
    {
        string path = Dir.Path("sparse.csv");
        using (var f = File.Create(path)) f.SetLength(2L << 30);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal("sparse.csv line 1: a NUL byte; this is binary data, not a text file.", Refusal(() => Csv.Load(path)).Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, "more than 16 MB allocated to refuse the file");
    }

    [Fact]
    public void ALineLongerThanTheRecordLimitIsRefused()
    {
        string path = Dir.Path("long.csv");
        File.WriteAllText(path, "1," + new string('1', (1 << 24) + 10) + "\n");
        Assert.StartsWith("long.csv near line 1: a record of more than 16777216 characters", Refusal(() => Csv.Load(path)).Message);
    }

    [Fact]
    public void ANumericFirstLineIsReadAsDataAndSaysSo()
    {
        var detected = Csv.Load(Dir.File("t.csv", "1,2,0\n3,4,1\n5,6,0\n"));
        Assert.True(detected.HeaderDetected);
        Assert.False(detected.Schema.HasHeader);
        Assert.Equal(3, detected.Data.Count);
        var given = Csv.Load(Dir.File("t.csv", "1,2,0\n3,4,1\n5,6,0\n7,8,1\n"), new CsvOptions { HasHeader = true });
        Assert.False(given.HeaderDetected);
        Assert.Equal(["1", "2"], given.FeatureNames);
    }

    [Theory]
    [InlineData("\"", "the separator cannot be the quote character")]
    [InlineData("\n", "the separator cannot be a line break or NUL")]
    [InlineData("ab", "separator \"ab\" is neither one character nor \"whitespace\"")]
    public void ABadSeparatorIsASettingErrorInOurWords(string separator, string message)
    {
        var e = Refusal(() => Csv.Load(Dir.File("t.csv", "1,2,x\n3,4,y\n"), new CsvOptions { Separator = separator }));
        Assert.StartsWith($"t.csv: {message}", e.Message);
        Assert.Equal(ErrorKind.Setting, e.Kind);
    }

    [Fact]
    public void MemoryIsAFewBytesACellNotAStringPerCell()
    {
        var text = new StringBuilder();
        for (int i = 0; i < 200_000; i++) text.Append(i % 997).Append(',').Append(i % 10).Append(',').Append(i % 2).Append('\n');
        string path = Dir.File("rows.csv", text.ToString());
        Csv.Load<float>(Dir.File("warm.csv", "1,2,0\n3,4,1\n")); // first-call costs out of the way
        long before = GC.GetAllocatedBytesForCurrentThread();
        var data = Csv.Load<float>(path);
        double perCell = (GC.GetAllocatedBytesForCurrentThread() - before) / (200_000 * 3.0);
        Assert.Equal(200_000, data.Data.Count);
        Assert.True(perCell < 32, $"{perCell:F1} bytes allocated per cell");
    }
}
