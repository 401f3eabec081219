using Backprop.Data;

namespace Backprop.Tests.Data;

/// <summary>The lines of kept rows, held as runs of consecutive lines.</summary>
public sealed class LineRunsTests
{
    [Fact]
    public void LinesWithGapsReadBackByIndexAndInOrder()
    {
        int[] lines = [2, 3, 4, 7, 8, 12, 20, 21, 22, 23];
        var runs = new LineRuns();
        foreach (int line in lines) runs.Add(line);
        Assert.Equal(lines.Length, runs.Count);
        Assert.Equal(lines, runs);
        Assert.Equal(lines, Enumerable.Range(0, lines.Length).Select(i => runs[i]));
        Assert.Throws<ArgumentOutOfRangeException>(() => runs[lines.Length]);
    }

    [Fact]
    public void EveryValueAppendedComesBackInOrderAcrossChunks()
    {
        var buffer = new AppendBuffer<int>();
        for (int i = 0; i < 200_000; i++) buffer.Add(i * 3);
        Assert.Equal(200_000, buffer.Count);
        var moved = buffer.MoveToArray((v, i) => v - 3 * i);
        Assert.All(moved, v => Assert.Equal(0, v));
        Assert.Equal(0, buffer.Count);
    }
}
