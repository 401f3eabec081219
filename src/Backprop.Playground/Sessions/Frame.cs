namespace Backprop.Playground.Sessions;

/// <summary>One point of the loss curves.</summary>
/// <param name="Step">Steps taken.</param>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="Train">Loss on the training rows.</param>
/// <param name="Test">Loss on the test rows.</param>
public sealed record CurvePoint(int Step, int Epoch, double Train, double Test);

/// <summary>
/// A heat map over the plotted plane, <see cref="Size"/> × <see cref="Size"/> cells, row 0 at the top, as base64 bytes: for classes two
/// bytes a cell (the most likely class, its probability × 255); for values one byte a cell, (v - Min)/(Max - Min) × 255.
/// </summary>
public sealed record HeatMap(int Size, string Cells, double Min, double Max);

/// <summary>A one-feature regression's curve: the prediction at <see cref="X"/>.</summary>
public sealed record Curve(double[] X, double[] Y);

/// <summary>
/// What the page shows of a session at one moment, sent as one Server-Sent Event: progress, metrics, every weight, the decision map
/// (or curve), each unit's small output map and each layer's gradient norm.
/// </summary>
/// <param name="Version">Increases with every frame of the session.</param>
/// <param name="Playing">Whether training is running.</param>
/// <param name="Step">Steps taken.</param>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="TrainLoss">Loss on the training rows (on the drawn sample of them when there are more than <see cref="FrameBuilder.MaxDrawnRows"/>).</param>
/// <param name="TestLoss">Loss on the test rows (likewise).</param>
/// <param name="TrainAccuracy">Accuracy on the training rows (likewise; null for regression).</param>
/// <param name="TestAccuracy">Accuracy on the test rows (likewise; null for regression).</param>
/// <param name="Weights">Each layer's W [in, out], row-major, as base64 of little-endian float32 (for drawing; the inspector gives exact values).</param>
/// <param name="Biases">Each layer's b.</param>
/// <param name="Map">The decision regions or the regression surface (with one feature and classes, a strip: the same down each column).</param>
/// <param name="Curve">The regression curve (one feature and no classes only).</param>
/// <param name="Units">Per layer, per unit, a small map of that unit's output (see <see cref="HeatMap"/>, one byte a cell, symmetric around 0).</param>
/// <param name="GradientNorms">‖dL/dW‖₂ of each layer on the last batch.</param>
/// <param name="History">The loss curves (thinned to at most <see cref="FrameBuilder.MaxHistory"/> points).</param>
/// <param name="Diverged">Where training went NaN or infinite, or null.</param>
/// <param name="Failure">Why training stopped on an error (it is paused), or null.</param>
public sealed record Frame(long Version, bool Playing, int Step, int Epoch, double TrainLoss, double TestLoss, double? TrainAccuracy, double? TestAccuracy,
    string[] Weights, double[][] Biases, HeatMap? Map, Curve? Curve, HeatMap[][] Units, double[] GradientNorms, IReadOnlyList<CurvePoint> History,
    string? Diverged, string? Failure);

/// <summary>
/// One data point as drawn: its two plotted coordinates (the target as the second with one feature: the value, or the class's index)
/// and its class (-1 for values), or its target value (regression; null for classes).
/// </summary>
public sealed record Point(double X, double Y, int Label,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] double? Value = null);

/// <summary>
/// What a session is training, sent when it changes (a new configuration, a reset, an upload): the network's shape, the plotted
/// plane and the points.
/// </summary>
/// <param name="Version">Increases with every setup of the session.</param>
/// <param name="Sizes">Units per layer, input first.</param>
/// <param name="Activations">Each dense layer's activation.</param>
/// <param name="Loss">The loss's name.</param>
/// <param name="Classes">Class names (empty for regression).</param>
/// <param name="Features">Feature names.</param>
/// <param name="PlotX">The feature across.</param>
/// <param name="PlotY">The feature up, or -1 (then the target is drawn up).</param>
/// <param name="Box">The plotted plane: x from, x to, y from, y to.</param>
/// <param name="Train">Training points (a seeded sample of at most <see cref="FrameBuilder.MaxDrawnRows"/>).</param>
/// <param name="Test">Test points (likewise).</param>
/// <param name="TrainRows">Training rows, all of which the network trains on.</param>
/// <param name="TestRows">Test rows.</param>
/// <param name="Note">What was done to the data, or empty.</param>
/// <param name="StepsPerEpoch">Steps in one epoch.</param>
/// <param name="Plane">A generated 2-D set's inputs as keys of the plane's x₁, x₂ (<c>x1</c>, <c>x1sq</c>, ...), each computed from the point; null for a table.</param>
public sealed record Setup(long Version, int[] Sizes, string[] Activations, string Loss, IReadOnlyList<string> Classes, IReadOnlyList<string> Features,
    int PlotX, int PlotY, double[] Box, Point[] Train, Point[] Test, int TrainRows, int TestRows, string Note, int StepsPerEpoch,
    IReadOnlyList<string>? Plane = null);
