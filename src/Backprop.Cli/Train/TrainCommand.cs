using System.CommandLine;

namespace Backprop.Cli.Train;

/// <summary><c>backprop train</c>: its options, help text (with the table of per-data defaults) and action.</summary>
internal static class TrainCommand
{
    /// <summary>The command's name on the command line.</summary>
    public const string Name = "train";

    /// <summary>What it does, as the list of commands shows it (its own help adds the table of per-data defaults).</summary>
    public static string Summary => string.Join(Environment.NewLine,
        "Train an MLP by backpropagation on a generated data set, a built-in data set, a data file or MNIST, split into train/validation/test rows;",
        "show each epoch and the test result. Every option works with every data; those left out take the data's defaults, which train --help lists.");

    public static Command Create()
    {
        var command = new Command(Name, string.Join(Environment.NewLine, [Summary, "The defaults by data:", .. TrainDefaults.Table()]));
        var options = TrainOptionSet.AddTo(command);
        command.SetAction(result =>
        {
            var resumed = TrainResume.Apply(result, command, options.Resume);
            var args = options.Read(resumed.Parse);
            return TrainPipeline.Execute(args with
            {
                Checkpointing = args.Checkpointing with
                {
                    Directory = args.Checkpointing.Directory ?? resumed.Directory, // a resumed run goes on in the directory resumed (a copy writes into the copy)
                    ResumeFrom = resumed.Checkpoint, CommandLine = TrainResume.Saved(resumed.Parse), OutputsNotTaken = resumed.OutputsNotTaken,
                },
            }, result.InvocationConfiguration.Output);
        });
        return command;
    }
}
