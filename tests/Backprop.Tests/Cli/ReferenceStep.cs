using System.Text.Json;

namespace Backprop.Tests.Cli;

/// <summary>
/// One training step by the tutorials' formulas in plain loops, written here so the CLI's numbers are checked against
/// something that shares no code with the engine: Z = A·W + b, A = f(Z); dZ_last = (P - Y)/N (softmax + cross-entropy) or
/// (A - Y)/N ⊙ f'(Z) (½Σ(A - Y)²/N); dW = Aᵀ·dZ, db = Σ dZ, dA = dZ·Wᵀ, dZ = dA ⊙ f'(Z); w ← w - λ·dw.
/// </summary>
internal sealed class ReferenceStep
{
    public double Loss;
    public List<double[,]> Z = [], A = [], DW = [], WNew = [];
    public List<double[]> DB = [], BNew = [];

    public static ReferenceStep Run(string specJson)
    {
        using var doc = JsonDocument.Parse(specJson);
        var root = doc.RootElement;
        var layers = root.GetProperty("layers").EnumerateArray().Select(l => (W: Matrix(l.GetProperty("w")), B: Vector(l.GetProperty("b")), Act: l.GetProperty("act").GetString()!)).ToList();
        string loss = root.GetProperty("loss").GetString()!;
        var x = Matrix(root.GetProperty("x"));
        double lr = root.TryGetProperty("lr", out var lrJson) ? lrJson.GetDouble() : 0.02;
        int n = x.GetLength(0), outputs = layers[^1].W.GetLength(1);
        var y = new double[n, outputs];
        if (loss == "softmax_ce")
        {
            var labels = Vector(root.GetProperty("y"));
            for (int r = 0; r < n; r++) y[r, (int)labels[r]] = 1;
        }
        else y = Matrix(root.GetProperty("y"));

        var step = new ReferenceStep();
        var inputs = new List<double[,]>();
        var a = x;
        foreach (var (w, b, act) in layers)
        {
            inputs.Add(a);
            int ins = w.GetLength(0), outs = w.GetLength(1);
            var z = new double[n, outs];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < outs; j++)
                {
                    z[r, j] = b[j];
                    for (int i = 0; i < ins; i++) z[r, j] += a[r, i] * w[i, j];
                }
            a = Activate(act, z);
            step.Z.Add(z);
            step.A.Add(a);
        }

        var o = step.A[^1];
        var dz = new double[n, outputs];
        for (int r = 0; r < n; r++)
            for (int j = 0; j < outputs; j++)
            {
                if (loss == "softmax_ce")
                {
                    if (y[r, j] == 1) step.Loss -= Math.Log(o[r, j]) / n;
                    dz[r, j] = (o[r, j] - y[r, j]) / n;
                }
                else
                {
                    step.Loss += (o[r, j] - y[r, j]) * (o[r, j] - y[r, j]) / (2 * n);
                    dz[r, j] = (o[r, j] - y[r, j]) / n * Slope(layers[^1].Act, o[r, j], step.Z[^1][r, j]);
                }
            }

        var dws = new double[layers.Count][,];
        var dbs = new double[layers.Count][];
        for (int l = layers.Count - 1; l >= 0; l--)
        {
            var (w, _, _) = layers[l];
            int ins = w.GetLength(0), outs = w.GetLength(1);
            dws[l] = new double[ins, outs];
            dbs[l] = new double[outs];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < outs; j++)
                {
                    dbs[l][j] += dz[r, j];
                    for (int i = 0; i < ins; i++) dws[l][i, j] += inputs[l][r, i] * dz[r, j];
                }
            if (l == 0) break;
            var previous = new double[n, ins];
            for (int r = 0; r < n; r++)
                for (int i = 0; i < ins; i++)
                {
                    double da = 0;
                    for (int j = 0; j < outs; j++) da += dz[r, j] * w[i, j];
                    previous[r, i] = da * Slope(layers[l - 1].Act, step.A[l - 1][r, i], step.Z[l - 1][r, i]);
                }
            dz = previous;
        }
        for (int l = 0; l < layers.Count; l++)
        {
            var (w, b, _) = layers[l];
            step.DW.Add(dws[l]);
            step.DB.Add(dbs[l]);
            var wNew = (double[,])w.Clone();
            for (int i = 0; i < w.GetLength(0); i++)
                for (int j = 0; j < w.GetLength(1); j++) wNew[i, j] -= lr * dws[l][i, j];
            step.WNew.Add(wNew);
            step.BNew.Add([.. b.Select((v, j) => v - lr * dbs[l][j])]);
        }
        return step;
    }

    private static double[,] Activate(string act, double[,] z)
    {
        int n = z.GetLength(0), m = z.GetLength(1);
        var a = new double[n, m];
        for (int r = 0; r < n; r++)
        {
            double sum = 0;
            for (int j = 0; j < m; j++) sum += Math.Exp(z[r, j]);
            for (int j = 0; j < m; j++)
                a[r, j] = act switch
                {
                    "sigmoid" => 1 / (1 + Math.Exp(-z[r, j])),
                    "tanh" => Math.Tanh(z[r, j]),
                    "relu" => Math.Max(0, z[r, j]),
                    "softmax" => Math.Exp(z[r, j]) / sum,
                    _ => z[r, j],
                };
        }
        return a;
    }

    private static double Slope(string act, double a, double z) => act switch
    {
        "sigmoid" => a * (1 - a),
        "tanh" => 1 - a * a,
        "relu" => z > 0 ? 1 : 0,
        _ => 1,
    };

    public static double[,] Matrix(JsonElement rows)
    {
        var list = rows.EnumerateArray().Select(Vector).ToList();
        var m = new double[list.Count, list[0].Length];
        for (int r = 0; r < list.Count; r++)
            for (int c = 0; c < list[0].Length; c++) m[r, c] = list[r][c];
        return m;
    }

    public static double[] Vector(JsonElement items) => [.. items.EnumerateArray().Select(e => e.GetDouble())];
}
