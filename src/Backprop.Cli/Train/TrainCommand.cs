using System.CommandLine;
using System.Globalization;
using Backprop.Nn;

namespace Backprop.Cli.Train;

/// <summary><c>backprop train</c>: its options, help text and action.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<DataSource?>("--data")
        {
            Description = "Data to learn: a generated set (default: spirals), a built-in data set ('backprop datasets' lists them), a data file (CSV, ';', tab or whitespace separated), or mnist:DIR.",
            HelpName = string.Join("|", DataSets.Names) + "|NAME|FILE|mnist:DIR", CustomParser = DataOptionParsers.Data("--data"),
        };
        var layers = new Option<int[]?>("--layers")
        {
            Description = "Layer sizes joined by '-': inputs, hidden sizes..., outputs (must fit the data).", HelpName = "SIZES",
            CustomParser = OptionParsers.Layers("--layers"), Arity = ArgumentArity.ExactlyOne,
        };
        var activation = new Option<Activation?>("--activation")
        {
            Description = "Hidden-layer activation.", HelpName = "sigmoid|tanh|relu|leaky_relu[:ALPHA]|identity",
            CustomParser = OptionParsers.HiddenActivation("--activation"),
        };
        var loss = new Option<Loss?>("--loss")
        {
            Description = "Loss: softmax_ce or bce_logits (2 classes, 1 output) for classification, mse_half or mse_mean for sine.",
            HelpName = "softmax_ce|bce_logits|mse_half|mse_mean", CustomParser = OptionParsers.LossFunction("--loss"),
        };
        var lr = new Option<double?>("--lr") { Description = "Learning rate of the optimizer (> 0).", HelpName = "RATE", CustomParser = OptionParsers.PositiveNumber("--lr") };
        var epochs = new Option<int?>("--epochs") { Description = "Passes over the training data (>= 1).", HelpName = "N", CustomParser = OptionParsers.Integer("--epochs", 1) };
        var batch = new Option<int?>("--batch-size") { Description = "Examples per training step (>= 1).", HelpName = "N", CustomParser = OptionParsers.Integer("--batch-size", 1) };
        var seed = new Option<ulong?>("--seed")
        {
            Description = "Seed of data generation, split, initialization and shuffling.", HelpName = "N",
            CustomParser = OptionParsers.Seed("--seed"), DefaultValueFactory = _ => 1,
        };

        var gradReport = new Option<bool>("--grad-report") { Description = "After each epoch, print every layer's mean gradient norm ‖dL/dW‖ over the epoch's steps." };

        var command = new Command("train", Description());
        foreach (Option option in new Option[] { data, layers, activation, loss, lr, epochs, batch, seed, gradReport }) command.Options.Add(option);
        var extras = TrainExtraOptions.AddTo(command);
        command.SetAction(result => TrainDispatch.Execute(result.GetValue(data) ?? DataSource.Default,
            new TrainArguments((result.GetValue(data) ?? DataSource.Default).Generated ?? DataChoice.Spirals, result.GetResult(layers) is null ? null : result.GetValue(layers), result.GetValue(activation), result.GetValue(loss),
                result.GetValue(lr), result.GetValue(epochs), result.GetValue(batch), result.GetValue(seed) ?? 1, result.GetValue(gradReport)),
            extras.Read(result), result.InvocationConfiguration.Output));
        return command;
    }

    private static string Description()
    {
        var lines = new List<string>
        {
            "Train an MLP by backpropagation on a generated data set (split 70/15/15 into train/validation/test), a data file or MNIST;",
            "show each epoch and the test result. Options not given take the data's defaults:",
        };
        foreach (var choice in Enum.GetValues<DataChoice>())
        {
            var d = DataSets.Defaults(choice);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  {DataSets.Name(choice),-8} --layers {string.Join("-", d.Layers)} --activation {d.Hidden} --loss {d.Loss.Name} --lr {d.LearningRate} --batch-size {d.BatchSize} --epochs {d.Epochs}"));
        }
        lines.Add(FileTrainSettings.HelpLine);
        return string.Join(Environment.NewLine, lines);
    }
}
