using System.CommandLine;
using System.Globalization;
using Backprop.Datasets;

namespace Backprop.Cli.Datasets;

/// <summary><c>backprop datasets</c>: the built-in data sets <c>--data NAME</c> takes, one aligned line each.</summary>
internal static class DatasetsCommand
{
    /// <summary>The command's name on the command line.</summary>
    public const string Name = "datasets";

    /// <summary>What it does, as help shows it.</summary>
    public const string Summary = "List the built-in data sets (train --data NAME, evaluate and predict --data NAME): rows, features, classes or regression, source and licence.";

    public static Command Create()
    {
        var command = new Command(Name, Summary);
        command.SetAction(result => Execute(result.InvocationConfiguration.Output));
        return command;
    }

    private static int Execute(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        string[] header = ["name", "rows", "features", "task", "source", "licence"];
        var rows = BuiltIn.All.Select(d => new[]
        {
            d.Name, d.TestRows > 0 ? string.Create(c, $"{d.Rows}+{d.TestRows} test") : d.Rows.ToString(c), d.Features.ToString(c),
            d.Classes > 0 ? string.Create(c, $"{d.Classes} classes") : "regression", d.Source, d.Licence,
        }).ToList();
        int[] widths = [.. Enumerable.Range(0, header.Length).Select(i => rows.Append(header).Max(r => r[i].Length))];
        bool[] right = [false, true, true, false, false, false];
        string Line(string[] cells) => string.Join("  ", cells.Select((cell, i) => right[i] ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd();
        output.WriteLine(Line(header));
        foreach (var row in rows) output.WriteLine(Line(row));
        return BackpropCli.Success;
    }
}
