namespace Backprop.Training;

/// <summary>One confidence bin of a <see cref="ReliabilityDiagram"/>: rows whose top class probability is in (<paramref name="Low"/>, <paramref name="High"/>].</summary>
/// <param name="Low">The bin's lower edge.</param>
/// <param name="High">The bin's upper edge.</param>
/// <param name="Count">Rows in the bin.</param>
/// <param name="Confidence">Their mean top probability (0 when empty).</param>
/// <param name="Accuracy">The fraction of them whose top class is right (0 when empty).</param>
public sealed record ReliabilityBin(double Low, double High, int Count, double Confidence, double Accuracy);

/// <summary>Accuracy against confidence in equal-width bins, and the expected calibration error (<see cref="Calibration.Reliability{T}"/>).</summary>
/// <param name="Bins">The bins, lowest confidence first.</param>
/// <param name="ExpectedCalibrationError">ECE = Σ_b (n_b/N)·|accuracy_b − confidence_b|: 0 for perfectly calibrated probabilities.</param>
public sealed record ReliabilityDiagram(IReadOnlyList<ReliabilityBin> Bins, double ExpectedCalibrationError);
