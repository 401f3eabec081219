namespace Backprop.Preprocessing;

/// <summary>What a table's column was taken as: it decides the encoder that turns its raw cells into the network's inputs.</summary>
public enum ColumnKind
{
    /// <summary>Numbers: one input each, a missing cell imputed.</summary>
    Number,
    /// <summary>Text labels (or numbers named as categories): one input per level (one-hot).</summary>
    Category,
    /// <summary>ISO 8601 dates or date-times: year, month, day of week and day of year.</summary>
    Date,
    /// <summary>true/false or yes/no: one input, 1 or 0.</summary>
    Boolean,
}
