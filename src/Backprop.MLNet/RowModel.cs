using Backprop.Nn;
using Backprop.Training;

namespace Backprop.MLNet;

/// <summary>
/// A trained network applied to one row at a time, as ML.NET's cursors ask: features scaled by the network's scaler, the forward pass on
/// the allocation-free predictor, regression outputs mapped back to label units. Thread-safe: each thread gets its own predictor and buffers
/// (ML.NET may run cursors in parallel); the weights are shared and only read.
/// </summary>
internal sealed class RowModel
{
    private readonly Network<float> _network;
    private readonly ThreadLocal<(Predictor<float> Predictor, float[] Scaled)> _workers;

    /// <summary>Outputs probabilities (softmax) when <paramref name="probabilities"/>, else the raw outputs (logits, or values in label units).</summary>
    public RowModel(Network<float> network, bool probabilities)
    {
        _network = network;
        Loss outputs = probabilities ? network.Loss : new MeanSquaredError(); // a squared error's predictions are the raw outputs
        Features = Mlp.Sizes(network.Model)[0];
        Outputs = Mlp.Sizes(network.Model)[^1];
        _workers = new(() => (new Predictor<float>(network.Model, outputs), new float[Features]));
    }

    /// <summary>The network, with its scaler and metadata.</summary>
    public Network<float> Network => _network;

    /// <summary>Inputs of the network.</summary>
    public int Features { get; }

    /// <summary>Outputs of the network.</summary>
    public int Outputs { get; }

    /// <summary>Writes the outputs for one row of raw features into <paramref name="output"/> [<see cref="Outputs"/>].</summary>
    public void Run(ReadOnlySpan<float> features, Span<float> output)
    {
        var (predictor, scaled) = _workers.Value;
        if (_network.Scaler is { } scaler) scaler.Transform(features, scaled); // z = (x − μ)/σ
        else features.CopyTo(scaled);
        predictor.Predict(scaled, output);
        _network.TargetScaler?.InverseTransform<float>(output, output); // y = z·σ + μ
    }
}
