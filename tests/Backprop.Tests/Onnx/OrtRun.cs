using Backprop.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace Backprop.Tests.Onnx;

/// <summary>Runs an exported model in ONNX Runtime and compares it with the library's own predictions.</summary>
internal static class OrtRun
{
    /// <summary>The batch sizes every export is checked at.</summary>
    public static readonly int[] BatchSizes = [1, 17];

    /// <summary>The model's one output for the first <paramref name="rows"/> rows of <paramref name="x"/> [N, F], as [rows, width] values.</summary>
    public static (float[] Values, long[] Shape) Output(InferenceSession session, Tensor<float> x, int rows)
    {
        int f = x.Shape[1];
        var data = x.ToArray().AsSpan(0, rows * f).ToArray();
        using var input = OrtValue.CreateTensorValueFromMemory(data, [rows, f]);
        using var options = new RunOptions();
        using var results = session.Run(options, ["features"], [input], session.OutputNames);
        var output = results[0];
        return (output.GetTensorDataAsSpan<float>().ToArray(), output.GetTensorTypeAndShape().Shape);
    }

    /// <summary>
    /// Largest |ONNX Runtime − library| over batches of 1 and 17 rows of <paramref name="x"/>, relative to max(1, |library|);
    /// fails when it exceeds 1e-5 or a shape differs.
    /// </summary>
    public static double MaxDifference(InferenceSession session, Func<Tensor<float>, Tensor<float>> predict, Tensor<float> x)
    {
        double worst = 0;
        foreach (int rows in BatchSizes)
        {
            var rowsOfX = x.Rows([.. Enumerable.Range(0, rows)]);
            var expected = predict(rowsOfX);
            var (actual, shape) = Output(session, x, rows);
            Assert.Equal([rows, expected.Length / rows], shape);
            for (int i = 0; i < actual.Length; i++)
            {
                double e = expected.Span[i];
                Assert.True(double.IsFinite(actual[i]), $"ONNX Runtime gave {actual[i]} at {i} of {rows} rows");
                worst = Math.Max(worst, Math.Abs(actual[i] - e) / Math.Max(1, Math.Abs(e)));
            }
        }
        Assert.True(worst <= 1e-5, $"ONNX Runtime differs from the library by {worst:G3}");
        return worst;
    }
}
