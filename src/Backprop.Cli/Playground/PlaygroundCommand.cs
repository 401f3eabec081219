using System.CommandLine;
using Backprop.Playground;

namespace Backprop.Cli.Playground;

/// <summary><c>backprop playground</c>: serves the browser playground on this machine and prints the address to open.</summary>
internal static class PlaygroundCommand
{
    public static Command Create()
    {
        var port = new Option<int?>("--port")
        {
            Description = "The port to listen on (default 5000; 0 picks a free one).", HelpName = "N", CustomParser = OptionParsers.Integer("--port", 0),
        };
        var host = new Option<string?>("--host")
        {
            Description = "The address to bind (default 127.0.0.1, this machine only; 0.0.0.0 opens it to the network, so choose it knowingly).",
            HelpName = "ADDRESS",
        };
        var command = new Command("playground", "Open a playground in the browser: pick data, shape a network, watch it learn on the engine, "
            + "pause and click any weight to see its chain rule with the numbers in it.");
        command.Options.Add(port);
        command.Options.Add(host);
        command.SetAction((result, cancel) => Execute(new PlaygroundOptions(result.GetValue(host) ?? "127.0.0.1", result.GetValue(port) ?? 5000),
            result.InvocationConfiguration.Output, cancel));
        return command;
    }

    /// <summary>Serves until <paramref name="cancel"/> (or the process ends), after printing the address.</summary>
    public static async Task<int> Execute(PlaygroundOptions options, TextWriter output, CancellationToken cancel)
    {
        await using var server = await PlaygroundServer.StartAsync(options, cancel);
        output.WriteLine(server.Listening == server.Address ? $"The playground is at {server.Address} (Ctrl+C stops it)."
            : $"The playground listens on {server.Listening}; open {server.Address} on this machine (Ctrl+C stops it).");
        output.Flush();
        await server.WaitForShutdownAsync(cancel);
        return BackpropCli.Success;
    }
}
