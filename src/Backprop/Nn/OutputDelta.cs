namespace Backprop.Nn;

/// <summary>The form of a loss's gradient at the output, δ = <paramref name="Factor"/>·(ŷ − y)/D, D = N rows, or N·M when
/// <paramref name="OverOutputs"/> (the loss is a mean over the M outputs too).</summary>
/// <param name="Factor">2 for a mean squared error, 1 for the others.</param>
/// <param name="OverOutputs">Whether the loss averages over the outputs as well as the rows.</param>
public readonly record struct OutputDelta(int Factor, bool OverOutputs);
