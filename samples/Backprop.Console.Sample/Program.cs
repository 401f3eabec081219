// Trains a 4-16-3 network on the iris data set (built into Backprop.Datasets) and prints its accuracy on held-out rows.
using Backprop.Datasets;
using Backprop.Optim;
using Backprop.Training;

var iris = BuiltIn.Iris<float>();
var (train, test) = iris.Data.Split(0.3, seed: 7);
var network = Network<float>.For(iris, hidden: [16], optimizer: new AdamOptions { LearningRate = 0.01 }, seed: 7);
network.Fit(train, new TrainOptions { Epochs = 60, BatchSize = 16, Seed = 7 });
Metrics metrics = network.Evaluate(test);
Console.WriteLine($"iris: {train.Count} training rows, {test.Count} test rows");
Console.WriteLine($"test accuracy {metrics.Accuracy:F3}");
