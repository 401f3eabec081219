using Backprop.Errors;
using Backprop.IO;
using Backprop.Tests.Support;

namespace Backprop.Tests.IO;

/// <summary>A writer never writes what its own reader refuses: a safetensors file beyond the reader's limits is refused before it is written.</summary>
public sealed class WrittenFilesReadBackTests : TempDirTest
{
    [Fact]
    public void AFileWhoseHeaderIsLongerThanItsReaderAcceptsIsRefusedBeforeWriting()
    {
        // Names of absurd length (train on columns named by 15 MB each wrote a 220 MB model every command refused): 17 million
        // control characters, each escaped as six bytes of JSON, make a header of 102 MB, more than the reader's 100 MB.
        var metadata = new Dictionary<string, string> { ["feature_names"] = new('\u0001', 17_000_000) };
        var file = new SafetensorsFile([SafetensorsTensor.FromValues("w", "F32", [2], [1.0, 2.0])], metadata);
        var e = Assert.Throws<BackpropException>(() => file.CheckReadable("big.safetensors"));
        Assert.Equal($"big.safetensors: its header would be 102000096 bytes, more than the {SafetensorsHeader.MaxLength} its reader accepts (names or metadata of absurd length?): not written, since it could not be read back.", e.Message);
    }

    [Fact]
    public void AFileItsReaderAcceptsPassesAndReadsBack()
    {
        var file = new SafetensorsFile([SafetensorsTensor.FromValues("w", "F32", [2], [1.0, 2.0])], new Dictionary<string, string> { ["a"] = "b" });
        file.CheckReadable("ok.safetensors");
        using (var stream = File.Create(Dir.Path("ok.safetensors"))) file.Write(stream);
        Assert.Equal("b", SafetensorsFile.Read(Dir.Path("ok.safetensors")).Metadata["a"]);
    }
}
