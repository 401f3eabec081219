using System.Diagnostics;
using System.Globalization;
using System.Text;
using Backprop.Data;
using Backprop.Tensors;

namespace Backprop.Bench;

/// <summary>
/// W12: loading a 1,000,000-row CSV of 16 random normal features (6 decimals) and a class label 0..2 (seed 12; 154 MB) the way
/// <c>backprop train --data FILE</c> does (<see cref="DataFile.Load{T}(string, CsvOptions?)"/> as float32): the median seconds of three
/// loads (and <c>W12cpu</c>, their median processor seconds over all threads: the figure that a loaded machine moves least), and the peak working-set growth during the first load as a multiple of the float data (features and targets, 4 bytes a cell):
/// the first, because later loads reuse the memory the collector freed from earlier ones without the process growing.
/// The file is written once to <c>$TMPDIR/backprop-bench/w12.csv</c> and reused; <c>bench/yardsticks/read_csv.py</c> times pandas on it.
/// </summary>
internal static class CsvLoadWorkload
{
    private const int Rows = 1_000_000, Features = 16, Classes = 3, Loads = 3;

    /// <summary>Where the file is.</summary>
    public static string FilePath => Path.Combine(Path.GetTempPath(), "backprop-bench", "w12.csv");

    /// <summary>Writes "W12 seconds s" and "W12mem multiple x" through <paramref name="line"/> (id, figure, unit).</summary>
    public static void Run(Action<string, string, string> line)
    {
        string path = Generate();
        var (seconds, cpu, growth) = (new double[Loads], new double[Loads], new double[Loads]);
        double floatBytes = (double)Rows * (Features + 1) * sizeof(float);
        for (int i = 0; i < Loads; i++) (seconds[i], cpu[i], growth[i]) = LoadOnce(path);
        line("W12", Median(seconds).ToString("F3", CultureInfo.InvariantCulture), "s");
        line("W12cpu", Median(cpu).ToString("F3", CultureInfo.InvariantCulture), "s");
        line("W12mem", (growth[0] / floatBytes).ToString("F2", CultureInfo.InvariantCulture), "x");
    }

    // One load: its seconds, the processor seconds of all threads, and the peak resident bytes above those before it.
    private static (double Seconds, double Cpu, double Growth) LoadOnce(string path)
    {
        GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
        var peak = new PeakMemory();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var table = DataFile.Load<float>(path, new CsvOptions());
        double seconds = sw.Elapsed.TotalSeconds;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        double growth = peak.Growth();
        if (table.Data.X.Shape[0] != Rows || table.Data.X.Shape[1] != Features) throw new InvalidDataException($"{path}: unexpected shape {table.Data.X.Shape}.");
        return (seconds, cpu.TotalSeconds, growth);
    }

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);

    // The file, written (to a temporary name, then renamed) unless it is there.
    private static string Generate()
    {
        string path = FilePath;
        if (File.Exists(path)) return path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string partial = path + $".{Environment.ProcessId}.partial";
        var rng = new Rng(12);
        using (var writer = new StreamWriter(partial, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.Write(string.Join(",", Enumerable.Range(0, Features).Select(j => $"f{j}").Append("label")) + "\n");
            for (int i = 0; i < Rows; i++)
            {
                for (int j = 0; j < Features; j++)
                {
                    writer.Write(rng.Normal().ToString("F6", CultureInfo.InvariantCulture));
                    writer.Write(',');
                }
                writer.Write(rng.NextInt(Classes).ToString(CultureInfo.InvariantCulture));
                writer.Write('\n');
            }
        }
        File.Move(partial, path, overwrite: true);
        return path;
    }
}
