using System.Buffers.Binary;
using Backprop.Data;
using Backprop.Errors;
using Backprop.Tests.Fuzz;
using Backprop.Tests.Support;

namespace Backprop.Tests.Data;

/// <summary>IDX headers are checked against the data before anything is allocated.</summary>
public sealed class IdxTests : TempDirTest
{
    private static byte[] Claiming(byte[] file, int dimension, int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(4 + 4 * dimension), value);
        return file;
    }

    private static BackpropException Refusal(byte[] bytes) => Assert.Throws<BackpropException>(() => Idx.Read(new MemoryStream(bytes), "images.idx"));

    [Fact]
    public void AHeaderClaimingTwoToThe31ImagesSaysSo()
    {
        Assert.Equal("images.idx: the header claims shape [2147483647, 28, 28], more than 2147483591 values.",
            Refusal(Claiming(IdxFuzzTests.File(2, 28, 28), 0, int.MaxValue)).Message);
        Assert.Equal("images.idx: the header claims shape [1000000, 28, 28], 784000000 values, but the file holds 1568 bytes of values.",
            Refusal(Claiming(IdxFuzzTests.File(2, 28, 28), 0, 1_000_000)).Message);
    }

    [Fact]
    public void AGzippedHeaderClaimingMoreThanThereIsCostsOnlyWhatThereIs()
    {
        var zipped = IdxFuzzTests.Gzip(Claiming(IdxFuzzTests.File(2, 28, 28), 0, 1_000_000));
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal("images.idx: truncated: the header claims shape [1000000, 28, 28], 784000000 values, but the data ends after 1568.", Refusal(zipped).Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 8 << 20);
    }

    [Fact]
    public void BadMagicTrailingBytesAndNegativeDimensions()
    {
        Assert.Equal("images.idx: not an IDX file (magic 504B0304; expected 0000TTRR).", Refusal([0x50, 0x4B, 3, 4, 0, 0, 0, 0]).Message);
        Assert.Equal("images.idx: the header claims shape [7], 7 values, but the file holds 9 bytes of values.", Refusal([.. IdxFuzzTests.File(7), 1, 2]).Message);
        Assert.Equal("images.idx: dimension 0 is negative (-1).", Refusal(Claiming(IdxFuzzTests.File(7), 0, -1)).Message);
    }

    [Fact]
    public void ADirectoryOfMnistFilesThatDoesNotExistIsNamed()
    {
        string dir = Dir.Path("nowhere");
        Assert.Equal($"{dir}: no such directory.", Assert.Throws<BackpropException>(() => Mnist.LoadDirectory<float>(dir)).Message);
    }
}
