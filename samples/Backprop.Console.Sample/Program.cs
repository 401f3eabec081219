// Trains a 4-16-3 network on the iris data set (built into Backprop.Datasets), prints its accuracy on held-out rows and the
// size of its ONNX export (Backprop.Onnx).
using Backprop.Datasets;
using Backprop.Onnx;
using Backprop.Optim;
using Backprop.Training;

var iris = BuiltIn.Iris<float>();
var (train, test) = iris.Data.Split(0.3, seed: 7);
var network = Network<float>.For(iris, hidden: [16], optimizer: new AdamOptions { LearningRate = 0.01 }, seed: 7);
network.Fit(train, new TrainOptions { Epochs = 60, BatchSize = 16, Seed = 7 });
Metrics metrics = network.Evaluate(test);
Console.WriteLine($"iris: {train.Count} training rows, {test.Count} test rows");
Console.WriteLine($"test accuracy {metrics.Accuracy:F3}");
Console.WriteLine($"onnx model {OnnxExport.ToBytes(network).Length} bytes");
