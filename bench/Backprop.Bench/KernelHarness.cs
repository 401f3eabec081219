using System.Diagnostics;
using System.Reflection;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Bench;

/// <summary>Timing harness for the GEMM kernel: <c>kernels gemm|double|breakeven|cold|step|alloc|one ...</c> (Stopwatch medians, waits for a quiet machine).</summary>
internal static class KernelHarness
{
    public static void Run(string[] args)
    {

        // Timing harness for the GEMM kernel (internal, reached by reflection).
        //   dotnet run -c Release --project bench/Backprop.Bench -- kernels gemm [threads]      GFLOP/s table
        //   dotnet run -c Release --project bench/Backprop.Bench -- kernels breakeven            1 vs 2 threads on small products
        //   dotnet run -c Release --project bench/Backprop.Bench -- kernels one 1 0 0 64 10 128  one shape (threads, transA, transB, m, n, k)
        var kernels = typeof(Tensor<float>).Assembly;
        var gemm = kernels.GetType("Backprop.Kernels.Gemm")!.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == "Run" && m.GetParameters().Length == 10).MakeGenericMethod(typeof(float));
        var run = gemm.CreateDelegate<GemmFn>();
        var runDouble = gemm.GetGenericMethodDefinition().MakeGenericMethod(typeof(double)).CreateDelegate<GemmFnD>();

        int Threads() => ComputeSettings.Threads;
        // the harness runs on one thread: each setting replaces the previous scope
        ComputeSettings.Scope? scope = null;
        void Use(ComputeOptions options) { scope?.Dispose(); scope = ComputeSettings.Use(options); }

        long calls = 0;
        string mode = args.Length > 0 ? args[0] : "gemm";
        if (args.Length > 1) Use(ComputeSettings.Current with { Threads = int.Parse(args[1]) });

        (string Name, bool TA, bool TB, int M, int N, int K)[] shapes =
        [
            ("64³", false, false, 64, 64, 64), ("128³", false, false, 128, 128, 128), ("256³", false, false, 256, 256, 256),
            ("512³", false, false, 512, 512, 512), ("1024³", false, false, 1024, 1024, 1024),
            ("[64,784]·[784,128]", false, false, 64, 128, 784), ("[784,64]ᵀ·[64,128]", true, false, 784, 128, 64),
            ("[64,128]·[784,128]ᵀ", false, true, 64, 784, 128), ("[64,128]·[128,10]", false, false, 64, 10, 128),
            ("[256,784]·[784,128]", false, false, 256, 128, 784), ("[784,256]ᵀ·[256,128]", true, false, 784, 128, 256),
            ("[256,128]·[784,128]ᵀ", false, true, 256, 784, 128), ("[256,128]·[128,10]", false, false, 256, 10, 128),
        ];

        if (mode == "gemm")
        {
            Console.WriteLine($"threads={Threads()} vectorBits={ComputeSettings.MaxVectorBits}");
            foreach (var s in shapes)
                Console.WriteLine($"{s.Name,-24} {Gflops(s.TA, s.TB, s.M, s.N, s.K),7:F1} GFLOP/s");
        }
        else if (mode == "double")
        {
            Console.WriteLine($"double, threads={Threads()}");
            var shapes3 = args.Length > 2 ? args[2..] : ["64", "128", "256", "512", "1024"];
            foreach (string shape in shapes3)
            {
                WaitForQuiet();
                var d = shape.Split('x').Select(int.Parse).ToArray();
                (int m, int n, int k) = d.Length == 3 ? (d[0], d[1], d[2]) : (d[0], d[0], d[0]);
                double[] a = new double[m * k], b = new double[k * n], c = new double[m * n];
                var sw = Stopwatch.StartNew();
                int iters = 0;
                while (sw.Elapsed.TotalMilliseconds < 300) { runDouble(false, false, m, n, k, 1, a, b, 0, c); iters++; }
                iters = Math.Max(1, iters / 10);
                var rates = new double[9];
                for (int r = 0; r < rates.Length; r++)
                {
                    sw.Restart();
                    for (int i = 0; i < iters; i++) runDouble(false, false, m, n, k, 1, a, b, 0, c);
                    rates[r] = 2.0 * m * n * k * iters / sw.Elapsed.TotalSeconds / 1e9;
                }
                Array.Sort(rates);
                Console.WriteLine($"{shape,-14} {rates[rates.Length / 2],7:F1} GFLOP/s");
            }
        }
        else if (mode == "breakeven")
        {
            Use(ComputeSettings.Current.SplitAlways());
            foreach (int size in new[] { 24, 32, 48, 64, 80, 96, 128, 160, 192 })
                Compare($"{size}³", false, false, size, size, size);
            foreach (int batch in new[] { 8, 16, 32, 64 })
            {
                Compare($"[{batch},784]·[784,128]", false, false, batch, 128, 784);
                Compare($"[784,{batch}]ᵀ·[{batch},128]", true, false, 784, 128, batch);
                Compare($"[{batch},128]·[784,128]ᵀ", false, true, batch, 784, 128);
                Compare($"[{batch},128]·[128,64]", false, false, batch, 64, 128);
            }
        }
        else if (mode == "cold")
        {
            // Each call after a 1 ms pause, so the worker has gone to sleep: the break-even when waking it costs a syscall.
            Use(ComputeSettings.Current.SplitAlways());
            foreach (int size in new[] { 32, 48, 64, 96, 128, 160, 192, 256, 320 })
            {
                Use(ComputeSettings.Current with { Threads = 1 });
                double one = ColdMicroseconds(size, size, size);
                Use(ComputeSettings.Current with { Threads = 2 });
                double two = ColdMicroseconds(size, size, size);
                Console.WriteLine($"{size}³ mnk={size * size * size,8}  1 thread {one,7:F1} µs  2 threads {two,7:F1} µs  speed-up {one / two:F2}");
            }
        }
        else if (mode == "alloc")
        {
            // Bytes allocated per call by all threads (GC.GetTotalAllocatedBytes(precise)), after warm-up.
            Use(ComputeSettings.Current.SplitAlways());
            foreach (var s in shapes)
            {
                float[] a = new float[s.M * s.K], b = new float[s.K * s.N], c = new float[s.M * s.N];
                for (int i = 0; i < 200; i++) run(s.TA, s.TB, s.M, s.N, s.K, 1f, a, b, 0f, c);
                long before = GC.GetTotalAllocatedBytes(true);
                for (int i = 0; i < 200; i++) run(s.TA, s.TB, s.M, s.N, s.K, 1f, a, b, 0f, c);
                Console.WriteLine($"{s.Name,-24} {(GC.GetTotalAllocatedBytes(true) - before) / 200.0:F1} bytes/call");
            }
        }
        else if (mode == "step")
        {
            // The GEMMs of one 784-128-10 MLP training step (forward, dW2, dH, dW1), back to back, with default thresholds.
            foreach (int batch in new[] { 16, 64, 256 })
            {
                float[] x = new float[batch * 784], w1 = new float[784 * 128], h = new float[batch * 128], w2 = new float[128 * 10],
                    z = new float[batch * 10], dw2 = new float[128 * 10], dh = new float[batch * 128], dw1 = new float[784 * 128];
                void Step()
                {
                    run(false, false, batch, 128, 784, 1f, x, w1, 1f, h);
                    run(false, false, batch, 10, 128, 1f, h, w2, 1f, z);
                    run(true, false, 128, 10, batch, 1f, h, z, 1f, dw2);
                    run(false, true, batch, 128, 10, 1f, z, w2, 0f, dh);
                    run(true, false, 784, 128, batch, 1f, x, dh, 1f, dw1);
                }
                double flops = 2.0 * batch * (784 * 128 + 128 * 10) * 3 - 2.0 * batch * 784 * 128;
                var line = $"batch {batch,3}:";
                foreach (int t in new[] { 1, 2 })
                {
                    Use(ComputeSettings.Current with { Threads = t });
                    WaitForQuiet();
                    var times = new double[201];
                    for (int r = -50; r < times.Length; r++)
                    {
                        long t0 = Stopwatch.GetTimestamp();
                        Step();
                        if (r >= 0) times[r] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
                    }
                    Array.Sort(times);
                    line += $"  {t} thread{(t > 1 ? "s" : " ")} {times[100],7:F1} µs ({flops / times[100] / 1e3:F0} GFLOP/s)";
                }
                Console.WriteLine(line);
            }
        }
        else if (mode == "one")
        {
            // one <threads> <transA> <transB> m n k: a single shape, for profiling
            var v = args[2..].Select(int.Parse).ToArray();
            var trace = new ParallelTrace();
            Use(ComputeSettings.Current with { Trace = trace });
            for (int r = 0; r < 5; r++)
            {
                long before = trace.ChunksOnWorkers;
                calls = 0;
                double rate = Gflops(v[0] != 0, v[1] != 0, v[2], v[3], v[4]);
                Console.WriteLine($"{rate:F1} GFLOP/s, {(trace.ChunksOnWorkers - before) / (double)calls:F2} chunks per call on workers");
            }
        }
        return;

        double ColdMicroseconds(int m, int n, int k)
        {
            float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
            var times = new double[101];
            for (int r = -20; r < times.Length; r++)
            {
                Thread.Sleep(1);
                long t0 = Stopwatch.GetTimestamp();
                run(false, false, m, n, k, 1f, a, b, 0f, c);
                if (r >= 0) times[r] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
            }
            Array.Sort(times);
            return times[times.Length / 2];
        }

        void Compare(string name, bool ta, bool tb, int m, int n, int k)
        {
            Use(ComputeSettings.Current with { Threads = 1 });
            double one = Gflops(ta, tb, m, n, k);
            Use(ComputeSettings.Current with { Threads = 2 });
            double two = Gflops(ta, tb, m, n, k);
            Console.WriteLine($"{name,-24} mnk={(long)m * n * k,10}  1 thread {one,6:F1}  2 threads {two,6:F1} GFLOP/s  speed-up {two / one:F2}");
        }

        // The machine is shared: wait (up to a minute) until the other processes leave both cores ≥ 90% idle.
        static void WaitForQuiet()
        {
            static (long Idle, long Total) Sample()
            {
                var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
                return (f[3] + f[4], f.Sum());
            }
            var until = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < until)
            {
                var (i0, t0) = Sample();
                Thread.Sleep(300);
                var (i1, t1) = Sample();
                if ((double)(i1 - i0) / (t1 - t0) >= 0.9) return;
            }
            Console.Write("(busy machine) ");
        }

        double Gflops(bool ta, bool tb, int m, int n, int k)
        {
            if (OperatingSystem.IsLinux()) WaitForQuiet();
            var rng = new Random(1);
            float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
            foreach (var x in new[] { a, b }) for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextDouble() - 0.5f;
            double flops = 2.0 * m * n * k;
            var sw = Stopwatch.StartNew();
            while (sw.Elapsed.TotalMilliseconds < 300) { run(ta, tb, m, n, k, 1f, a, b, 0f, c); calls++; } // warm-up, past tier-up
            int iters = 1;
            while (true)
            {
                sw.Restart();
                for (int i = 0; i < iters; i++) run(ta, tb, m, n, k, 1f, a, b, 0f, c);
                calls += iters;
                if (sw.Elapsed.TotalMilliseconds > 20) break;
                iters *= 2;
            }
            var rates = new double[11];
            for (int r = 0; r < rates.Length; r++)
            {
                sw.Restart();
                for (int i = 0; i < iters; i++) run(ta, tb, m, n, k, 1f, a, b, 0f, c);
                calls += iters;
                rates[r] = flops * iters / sw.Elapsed.TotalSeconds / 1e9;
            }
            Array.Sort(rates);
            return rates[rates.Length / 2];
        }


    }
}

internal delegate void GemmFnD(bool transA, bool transB, int m, int n, int k, double alpha, ReadOnlySpan<double> a, ReadOnlySpan<double> b, double beta, Span<double> c);
internal delegate void GemmFn(bool transA, bool transB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c);
