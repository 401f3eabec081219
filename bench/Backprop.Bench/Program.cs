// The project's standard workloads W1-W11 (the IDs and line forms are listed in docs/performance.md) and kernel benchmarks.
//   standard [ID ...]   the standard workloads, one line each ("W1 123456 samples/s"), nothing else on standard output
//   optimizers [NAME ...] W1's step with each optimizer (default sgd, momentum, adam): "W1adam 123456 samples/s" and "W1adam-bytes 0 bytes"
//   micro [ARGS ...]    BenchmarkDotNet micro-benchmarks of the kernels (arguments go to BenchmarkDotNet)
//   concurrent          W1's step on one thread, then on two threads at once: what concurrent callers cost each other
//   regularisers        W1 with dropout and with batch norm beside plain W1: samples/s and bytes per step
//   onehot              one epoch on 10,000 rows of three one-hot columns (50/150/250 levels) + 4 numbers vs the same width dense: ms and ratio
//   kernels MODE ...    the GEMM timing harness (gemm, double, breakeven, cold, step, alloc, one): see KernelHarness.cs
//   THREADS=N           as BACKPROP_THREADS=N (the library reads only BACKPROP_ variables; the bench maps this one itself)
//   BENCH_SECONDS=S     time each workload for S seconds instead of one (a longer run for a profiler)
//   BENCH_CPU=1         time the calling thread's CPU time, not the wall clock (with THREADS=1: a figure that other processes hardly move)
using Backprop.Bench;
using Backprop.Kernels;
using BenchmarkDotNet.Running;

using var threadsScope = Environment.GetEnvironmentVariable("BACKPROP_THREADS") is null
    && int.TryParse(Environment.GetEnvironmentVariable("THREADS"), out int threads) && threads >= 1
    ? ComputeSettings.Use(ComputeSettings.Default with { Threads = threads }) : null;

switch (args.FirstOrDefault())
{
    case "standard":
        return StandardWorkloads.Run(args[1..], Console.Out);
    case "optimizers":
        return OptimizerWorkloads.Run(args[1..], Console.Out);
    case "concurrent":
        return ConcurrentWorkloads.Run(Console.Out);
    case "regularisers":
        return RegulariserWorkloads.Run(Console.Out);
    case "onehot":
        return OneHotWorkloads.Run(Console.Out);
    case "micro":
        BenchmarkSwitcher.FromAssembly(typeof(KernelBenchmarks).Assembly).Run(args[1..]);
        return 0;
    case "kernels":
        KernelHarness.Run(args[1..]);
        return 0;
    default:
        Console.Error.WriteLine("usage: Backprop.Bench standard [W1 W2 ... W11]  |  optimizers [NAME ...]  |  regularisers  |  onehot  |  micro [BenchmarkDotNet options]  |  kernels MODE");
        return 2;
}
