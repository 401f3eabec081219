namespace Backprop.Tests.Preprocessing;

/// <summary>
/// The encoders are fitted once and never again (the DJL trap): test rows in another order and with levels missing encode exactly as the
/// same rows did in training; fitting on the training rows leaves every other row's levels unseen.
/// </summary>
public class NeverRefittedTests
{
    [Fact]
    public void TestRowsInAnotherOrderAndWithLevelsMissingEncodeAsInTraining()
    {
        var train = TableText.Load(TableText.Mixed);
        string[] lines = TableText.Mixed.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int[] picked = [5, 4, 1]; // Bergen, Tromso, Oslo reversed; no missing city, no "Bergen" twice
        var test = TableText.LoadLike(string.Join('\n', [lines[0], .. picked.Select(i => lines[i])]) + "\n", train.Schema);
        Assert.Equal(train.FeatureNames, test.FeatureNames);
        for (int k = 0; k < picked.Length; k++) Assert.Equal(TableText.Row(train, picked[k] - 1), TableText.Row(test, k));
        var one = TableText.LoadLike(lines[0] + "\n" + lines[2] + "\n", train.Schema); // a single row: nothing left to fit on
        Assert.Equal(TableText.Row(train, 1), TableText.Row(one, 0));
    }

    [Fact]
    public void FittingOnTheTrainingRowsLeavesLevelsOfOtherRowsUnseen()
    {
        var all = TableText.Load(TableText.Mixed);
        var refit = all.Refit([0, 1, 3]); // Oslo, Bergen, Oslo: Tromso and the missing city are in other rows only
        Assert.Equal(["city=Bergen", "city=Oslo", "size", "day.year", "day.month", "day.day_of_week", "day.day_of_year", "open"], refit.FeatureNames);
        Assert.Equal([0, 0], TableText.Row(refit, 4)[..2]); // Tromso: all zeros
        Assert.Equal((1.5 + 2.5) / 2, TableText.Row(refit, 3)[2]); // size imputed from rows 0 and 1 only (row 3's is missing)
    }
}
