using Backprop.Data;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

public class CalibrationTests
{
    /// <summary>Three overlapping Gaussian classes with 15% of the labels redrawn at random: a wide network trained long without weight
    /// decay memorises the noise and is far too sure of itself on new rows.</summary>
    internal static Dataset<float> Noisy(int rows, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new float[rows * 4];
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            int c = rng.NextInt(3);
            for (int j = 0; j < 4; j++) x[r * 4 + j] = (float)((j % 3 == c ? 0.8 : 0) + Normal(rng));
            y[r] = rng.NextDouble() < 0.15 ? rng.NextInt(3) : c;
        }
        return new Dataset<float>(Tensor<float>.FromArray(x, rows, 4), Tensor<float>.FromArray(y, rows), 3);
    }

    private static double Normal(Rng rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    internal static Network<float> OverConfident(Dataset<float> train)
    {
        var net = Network<float>.For(train, [64, 64], optimizer: new Backprop.Optim.AdamOptions { LearningRate = 0.01 }, seed: 2);
        net.Fit(train, new TrainOptions { Epochs = 60, BatchSize = 32, Seed = 2 });
        return net;
    }

    [Fact]
    public void TemperatureLowersTheCalibrationErrorOfAnOverConfidentModel()
    {
        var (train, validation, test) = Noisy(1200, 1).Split3(0.25, 0.25, 1);
        var raw = OverConfident(train);
        double before = Calibration.Reliability(raw.Predict(test.X), test.Y).ExpectedCalibrationError;
        var (calibrated, temperature, lossBefore, lossAfter) = Calibration.Calibrate(raw, validation);
        double after = Calibration.Reliability(calibrated.Predict(test.X), test.Y).ExpectedCalibrationError;
        Assert.True(temperature > 1.5, $"T {temperature}"); // over-confident: softened
        Assert.True(lossAfter < lossBefore);
        Assert.True(after < before / 2, $"ECE {before} -> {after}");
        Assert.Equal(raw.PredictClasses(test.X), calibrated.PredictClasses(test.X)); // T never changes the class
        Assert.IsType<Temperature<float>>(calibrated.Model.Layers[^1]);
    }

    [Fact]
    public void TheFittedTemperatureMinimisesTheValidationLoss()
    {
        var (train, validation, _) = Noisy(600, 3).Split3(0.3, 0.1, 3);
        var net = OverConfident(train);
        var (t, _, best) = Calibration.FitTemperature(net, validation);
        foreach (double factor in new[] { 0.9, 1.1 })
        {
            var other = new Network<float>(new Sequential<float>([.. net.Model.Layers, new Temperature<float>(t * factor)]), net.Loss, net.Scaler, net.Metadata, net.Scaling);
            Assert.True(other.Evaluate(validation).Loss > best - 1e-6, $"T {t}·{factor}");
        }
    }

    [Fact]
    public void SigmoidOutputsAreCalibratedToo()
    {
        var data = Noisy(800, 5);
        var binary = new Dataset<float>(data.X, Tensor<float>.FromArray([.. data.Y.ToArray().Select(v => v == 0 ? 0f : 1f)], data.Count), 2);
        var (train, validation, _) = binary.Split3(0.3, 0, 5);
        var net = Network<float>.For(train, [64, 64], loss: new BinaryCrossEntropy(), optimizer: new Backprop.Optim.AdamOptions { LearningRate = 0.01 }, seed: 2);
        net.Fit(train, new TrainOptions { Epochs = 60, Seed = 2 });
        var (_, t, before, after) = Calibration.Calibrate(net, validation);
        Assert.True(t > 1 && after < before, $"T {t}, loss {before} -> {after}");
    }

    [Fact]
    public void ExpectedCalibrationErrorByHand()
    {
        // confidences 0.9 (right), 0.9 (wrong), 0.6 (right), 0.55 of class 1 from a sigmoid (right: label 1)
        var p = Tensor<double>.FromArray([0.9, 0.1, 0.1, 0.9, 0.6, 0.4], 3, 2);
        var d = Calibration.Reliability(p, Tensor<double>.FromArray([0.0, 0, 0], 3));
        // bin (0.8667, 0.9333]: 2 rows, confidence 0.9, accuracy 0.5; bin (0.5333, 0.6]: 1 row, confidence 0.6, accuracy 1
        Assert.Equal(2.0 / 3 * 0.4 + 1.0 / 3 * 0.4, d.ExpectedCalibrationError, 12);
        Assert.Equal(15, d.Bins.Count);
        Assert.Equal(2, d.Bins[13].Count);
        var sigmoid = Calibration.Reliability(Tensor<double>.FromArray([0.55], 1, 1), Tensor<double>.FromArray([1.0], 1));
        Assert.Equal(0.45, sigmoid.ExpectedCalibrationError, 12);
    }
}
