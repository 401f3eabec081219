using Backprop.Data;
using Backprop.Nn;
using Backprop.Tests.Support;

namespace Backprop.Tests.Data;

/// <summary>Separator and header detection, quoting, class order, task inference, test and prediction files.</summary>
public sealed class CsvOptionTests : TempDirTest
{
    private TabularData<double> Load(string text, CsvOptions? options = null) => Csv.Load(Dir.File("t.csv", text), options);

    [Theory]
    [InlineData(",", "1,2,x\n3,4,y\n")]
    [InlineData(";", "1;2;x\n3;4;y\n")]
    [InlineData("\t", "1\t2\tx\n3\t4\ty\n")]
    [InlineData(CsvOptions.Whitespace, "  1   2  x\n 3 4    y  \n")]
    [InlineData(",", "1, 2, x\n3, 4, y\n")]
    public void DetectsTheSeparator(string separator, string text)
    {
        var t = Load(text);
        Assert.Equal(separator, t.Schema.Separator);
        Assert.Equal(new double[] { 1, 2, 3, 4 }, t.Data.X.ToArray());
        Assert.Equal(["x", "y"], t.ClassNames);
    }

    [Fact]
    public void WhitespaceThenTabThenQuotedNameSplitsIntoColumns()
    {
        var t = Load("1.5   8   307.0\t\"chevy malibu\"\n2.5   4   98.0\t\"ford pinto\"\n", new CsvOptions { Target = "0", Drop = ["3"] });
        Assert.Equal(CsvOptions.Whitespace, t.Schema.Separator);
        Assert.Equal(new double[] { 8, 307, 4, 98 }, t.Data.X.ToArray());
        Assert.Equal(TaskKind.Regression, t.Task);
    }

    [Fact]
    public void DetectsAHeaderAndQuotedNames()
    {
        var t = Load("\"x one\",\"x, two\",label\n1,2,\"a, b\"\n3,4,c\n");
        Assert.True(t.Schema.HasHeader);
        Assert.Equal(["x one", "x, two"], t.FeatureNames);
        Assert.Equal(["a, b", "c"], t.ClassNames);
        Assert.Equal([2, 3], t.Lines);
        Assert.False(Load("1,2,a\n3,4,b\n").Schema.HasHeader);
        Assert.False(Load("x,2,a\ny,4,b\n", new CsvOptions { Drop = ["0"] }).Schema.HasHeader);
    }

    [Fact]
    public void TargetAndDropByNameOrNegativeIndex()
    {
        var t = Load("id,a,b,kind\n7,1,2,x\n8,3,4,y\n", new CsvOptions { Target = "kind", Drop = ["id"] });
        Assert.Equal(["a", "b"], t.FeatureNames);
        var u = Load("id,a,b,kind\n7,1,2,x\n8,3,4,y\n", new CsvOptions { Target = "-1", Drop = ["-4"] });
        Assert.Equal(t.Data.X.ToArray(), u.Data.X.ToArray());
        Assert.Equal(3, t.Schema.TargetColumn);
        Assert.Equal([1, 2], t.Schema.FeatureColumns);
    }

    [Fact]
    public void ClassesAreSortedOrdinallyOrNumerically()
    {
        Assert.Equal(["B", "a", "b"], Load("1,b\n2,a\n3,B\n").ClassNames);
        var numeric = Load("1,10\n2,9\n3,1.0\n4,9\n");
        Assert.Equal(["1", "9", "10"], numeric.ClassNames);
        Assert.Equal(new double[] { 2, 1, 0, 1 }, numeric.Data.Y.ToArray());
    }

    [Fact]
    public void InfersTheTaskAndCanBeTold()
    {
        Assert.Equal(TaskKind.Classification, Load("1,3\n2,5\n3,3\n").Task);
        Assert.Equal(TaskKind.Regression, Load("1,3.5\n2,5\n3,3\n").Task);
        var many = string.Concat(Enumerable.Range(0, 21).Select(i => $"{i},{i}\n"));
        Assert.Equal(TaskKind.Regression, Load(many).Task);
        Assert.Equal(TaskKind.Classification, Load(many, new CsvOptions { MaxInferredClasses = 21 }).Task);
        Assert.Equal(TaskKind.Classification, Load("1,3.5\n2,5\n", new CsvOptions { Task = TaskKind.Classification }).Task);
        Assert.Equal(TaskKind.Regression, Load("1,3\n2,5\n", new CsvOptions { Task = TaskKind.Regression }).Task);
    }

    [Fact]
    public void FloatDatasetAndTestFileClassMapping()
    {
        var train = Csv.Load<float>(Dir.File("train.csv", "1,2,b\n3,4,a\n"));
        var test = Csv.Load<float>(Dir.File("test.csv", "5,6,b\n7,8,b\n9,1,a\n"), null, train.Schema);
        Assert.Equal(new float[] { 1, 1, 0 }, test.Data.Y.ToArray());
        Assert.Equal(2, test.Data.Classes);
    }

    [Fact]
    public void FeaturesForPredictionWithOrWithoutTheTarget()
    {
        var train = Csv.Load(Dir.File("train.csv", "a,y,b\n1,x,2\n3,z,4\n"), new CsvOptions { Target = "y" });
        var (x, lines) = Csv.LoadFeatures<double>(Dir.File("p.csv", "b,a\n20,10\n40,30\n"), train.Schema);
        Assert.Equal(new double[] { 10, 20, 30, 40 }, x.ToArray());
        Assert.Equal([2, 3], lines);
        var plain = Csv.Load(Dir.File("train2.csv", "1,x,2\n3,z,4\n"), new CsvOptions { Target = "1" });
        Assert.Equal(new double[] { 5, 6 }, Csv.LoadFeatures<double>(Dir.File("p2.csv", "5,6\n"), plain.Schema).X.ToArray());
        Assert.Equal(new double[] { 5, 6 }, Csv.LoadFeatures<double>(Dir.File("p3.csv", "5,q,6\n"), plain.Schema).X.ToArray());
    }
}
