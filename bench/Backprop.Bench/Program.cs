using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Training;

int batch = int.Parse(args[0]);
var labels = Tensor<float>.FromArray([.. Enumerable.Range(0, 1024).Select(i => (float)(i * 7 % 10))]);
var data = new Dataset<float>(Tensor<float>.RandomNormal(1, 0, 1, 1024, 784), labels, 10);
var model = Mlp.Create<float>([784, 128, 10], Activation.Relu, seed: 3);
var loss = new CrossEntropy();
var sgd = new Sgd<float>(model.Parameters(), 0.01);
for (int k = 0; k < 5; k++)
{
    long t0 = GC.GetTotalAllocatedBytes(true), c0 = GC.GetAllocatedBytesForCurrentThread();
    Trainer.Fit(model, loss, sgd, data, new TrainOptions { Epochs = 1 + k % 2 * 2, BatchSize = batch, Seed = 4 });
    Console.WriteLine($"epochs {1 + k % 2 * 2}: total {GC.GetTotalAllocatedBytes(true) - t0} thread {GC.GetAllocatedBytesForCurrentThread() - c0}");
}
