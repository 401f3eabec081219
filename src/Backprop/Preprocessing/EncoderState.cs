namespace Backprop.Preprocessing;

/// <summary>
/// One fitted column encoder as plain data, for model files: the registered encoder <paramref name="Type"/> (<c>number</c>, <c>one_hot</c>,
/// <c>date_parts</c>, <c>boolean</c>), the raw <paramref name="Column"/> it reads and its fitted <paramref name="Settings"/> as JSON
/// (levels, fill values ...), which the encoder registered under the type reads back.
/// </summary>
/// <param name="Type">The registered encoder's name.</param>
/// <param name="Column">The name of the column it encodes.</param>
/// <param name="Settings">Its fitted settings, a JSON object with snake_case names.</param>
public sealed record EncoderState(string Type, string Column, string Settings);
