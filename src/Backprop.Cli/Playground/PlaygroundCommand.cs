using System.CommandLine;
using Backprop.Playground;

namespace Backprop.Cli.Playground;

/// <summary><c>backprop playground</c>: serves the browser playground on this machine and prints the address to open.</summary>
internal static class PlaygroundCommand
{
    /// <summary>The command's name on the command line.</summary>
    public const string Name = "playground";

    /// <summary>What it does, as help shows it.</summary>
    public const string Summary = "Open a playground in the browser: pick data, shape a network, watch it learn on the engine, "
        + "pause and click any weight to see its chain rule with the numbers in it.";

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
        var command = new Command(Name, Summary);
        command.Options.Add(port);
        command.Options.Add(host);
        command.SetAction((result, cancel) => PlaygroundBinary.InProcess
            ? Execute(new PlaygroundOptions(result.GetValue(host) ?? "127.0.0.1", result.GetValue(port) ?? 5000), result.InvocationConfiguration.Output, cancel)
            : Task.FromResult(PlaygroundBinary.Run(result.InvocationConfiguration.Output)));
        return command;
    }

    /// <summary>Serves until <paramref name="cancel"/> (or the process ends), after printing the address.</summary>
    public static async Task<int> Execute(PlaygroundOptions options, TextWriter output, CancellationToken cancel)
    {
        await using var server = await PlaygroundServer.StartAsync(options, cancel);
        foreach (var line in Banner(server.Listening, server.Address, server.OpenToNetwork, options.Host)) output.WriteLine(line);
        output.Flush();
        await server.WaitForShutdownAsync(cancel);
        return BackpropCli.Success;
    }

    /// <summary>What the playground prints when it starts: where to open it, and a warning when other machines can reach it.</summary>
    public static IEnumerable<string> Banner(Uri listening, Uri address, bool openToNetwork, string host)
    {
        yield return listening == address ? $"The playground is at {address} (Ctrl+C stops it)."
            : $"The playground listens on {listening}; open {address} on this machine (Ctrl+C stops it).";
        if (openToNetwork)
            yield return $"warning: --host {host} opens the playground to the network: anyone who can reach this machine on port {listening.Port} can train on it " +
                "and read what is uploaded. Use the default 127.0.0.1 to keep it to this machine.";
    }
}
