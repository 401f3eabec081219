using System.Numerics;
using Backprop.Data;
using Backprop.Errors;

namespace Backprop.Tests.Support;

/// <summary>
/// A fast reader (NumericCsv, ParquetNumbers) against the general one it stands in for: the same data set in every respect a caller
/// sees, or, where the general reader refuses the file, the same error.
/// </summary>
internal static class SameTable
{
    /// <summary>Both readers give the same data set, or both fail with the same message.</summary>
    public static void OrSameError(Func<TabularData<float>> general, Func<TabularData<float>> fast)
    {
        TabularData<float>? expected = null, actual = null;
        string? expectedError = null, actualError = null;
        try { expected = general(); } catch (BackpropException e) { expectedError = e.Message; }
        try { actual = fast(); } catch (BackpropException e) { actualError = e.Message; }
        Assert.Equal(expectedError, actualError);
        if (expected is not null) Equal(expected, actual!);
    }

    /// <summary>The values, classes, schema, lines and provenance of <paramref name="actual"/> are those of <paramref name="expected"/>.</summary>
    public static void Equal<T>(TabularData<T> expected, TabularData<T> actual) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Data.X.Shape, actual.Data.X.Shape);
        Assert.Equal(expected.Data.X.Span.ToArray(), actual.Data.X.Span.ToArray());
        Assert.Equal(expected.Data.Y.Span.ToArray(), actual.Data.Y.Span.ToArray());
        Assert.Equal(expected.Data.Classes, actual.Data.Classes);
        var (a, b) = (expected.Schema, actual.Schema);
        Assert.Equal(a.Columns, b.Columns);
        Assert.Equal((a.HasHeader, a.Separator, a.TargetColumn, a.Task), (b.HasHeader, b.Separator, b.TargetColumn, b.Task));
        Assert.Equal(a.FeatureColumns, b.FeatureColumns);
        Assert.Equal(a.ClassNames, b.ClassNames);
        Assert.Equal(a.Encoders is null, b.Encoders is null);
        Assert.Equal(expected.Lines.ToArray(), actual.Lines.ToArray());
        Assert.Equal(expected.HeaderDetected, actual.HeaderDetected);
        Assert.Equal(expected.Unseen, actual.Unseen);
        Assert.Equal(expected.SourcePath, actual.SourcePath);
    }
}
