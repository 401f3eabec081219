using System.Text.Json;
using System.Text.Json.Serialization;

namespace Backprop.Preprocessing;

/// <summary>What a missing number (or date part) is replaced by: a statistic of the column's training rows, or zero.</summary>
[JsonConverter(typeof(ImputationJson))]
public enum Imputation
{
    /// <summary>The mean of the training rows' values.</summary>
    Mean,
    /// <summary>The median of the training rows' values.</summary>
    Median,
    /// <summary>Zero.</summary>
    Zero,
}

/// <summary>An <see cref="Imputation"/> as its snake_case name in JSON (<c>"mean"</c>), without reflection (model files, the native tool).</summary>
internal sealed class ImputationJson() : JsonStringEnumConverter<Imputation>(JsonNamingPolicy.SnakeCaseLower);
