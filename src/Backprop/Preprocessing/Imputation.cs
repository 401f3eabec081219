namespace Backprop.Preprocessing;

/// <summary>What a missing number (or date part) is replaced by: a statistic of the column's training rows, or zero.</summary>
public enum Imputation
{
    /// <summary>The mean of the training rows' values.</summary>
    Mean,
    /// <summary>The median of the training rows' values.</summary>
    Median,
    /// <summary>Zero.</summary>
    Zero,
}
