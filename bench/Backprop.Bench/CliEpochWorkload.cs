using System.Globalization;
using Backprop.Cli;
using Backprop.Cli.Common;

namespace Backprop.Bench;

/// <summary>
/// W11: the CLI's marginal cost of one epoch. <c>backprop train --data iris</c> runs in-process through its entry point with
/// 96 train and 24 validation rows (W9's shape) and early stopping off, its standard output redirected as the process's would be
/// (<see cref="StandardOutput.Redirected"/>, here to /dev/null); (time of <see cref="Long"/> epochs − time of <see cref="Short"/>) / their difference, in µs.
/// </summary>
internal static class CliEpochWorkload
{
    private const int Short = 20, Long = 420;

    public static double EpochMicroseconds()
    {
        using var devNull = new FileStream(OperatingSystem.IsWindows() ? "NUL" : "/dev/null", FileMode.Open, FileAccess.Write);
        double Seconds(int epochs)
        {
            string[] args = ["train", "--data", "iris", "--validation", "0.16", "--patience", "0", "--epochs", epochs.ToString(CultureInfo.InvariantCulture)];
            return Timing.SecondsPerCall(() =>
            {
                using var output = StandardOutput.Redirected(devNull, TextWriter.Null);
                if (BackpropCli.Run(args, output.Out, output.Error) != 0) throw new InvalidOperationException("backprop " + string.Join(' ', args) + " failed");
            });
        }
        return 1e6 * (Seconds(Long) - Seconds(Short)) / (Long - Short);
    }
}
