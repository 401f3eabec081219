namespace Backprop.Cli;

/// <summary>Sends <c>backprop train</c> to the run for its data: a generated set (<see cref="TrainRun"/>) or a data file or MNIST (<see cref="FileTrainRun"/>).</summary>
internal static class TrainDispatch
{
    public static int Execute(DataSource source, TrainArguments args, TrainExtras extras, TextWriter output)
    {
        OutputPaths.Check(("--out", extras.Out), ("--plot", extras.Plot), ("--plot-boundary", extras.PlotBoundary));
        if (!source.IsGenerated) return FileTrainRun.Execute(source, args, extras, output);

        if (extras.FileOnlyOptionsGiven().FirstOrDefault() is { } option)
            throw new UsageException($"{option} applies to data files and MNIST; --data {source.Name} is a generated set");
        if (extras.PlotBoundary is not null && args.Data == DataChoice.Sine)
            throw new UsageException("--plot-boundary draws the classes of two features; sine is a regression of one feature");
        if (extras.Hidden is { } hidden)
        {
            if (args.Layers is not null) throw new UsageException("--layers and --hidden both give the hidden layers; give one");
            args = args with { Layers = GeneratedArtifacts.LayersFor(args, hidden) };
        }
        return TrainRun.Execute(args, output, new GeneratedArtifacts(extras.Out, extras.Plot, extras.PlotBoundary));
    }
}
