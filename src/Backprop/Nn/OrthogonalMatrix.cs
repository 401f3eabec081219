using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>Random orthogonal matrices for <see cref="Initializer.Orthogonal"/>, as PyTorch's <c>nn.init.orthogonal_</c> draws them.</summary>
internal static class OrthogonalMatrix
{
    /// <summary>
    /// A [rows, cols] matrix with orthonormal columns (rows ≥ cols) or rows (rows &lt; cols): the Q of A = QR for a Gaussian A of the
    /// tall shape, sign-corrected so that R's diagonal is positive (which makes Q Haar-distributed), transposed back when wide.
    /// </summary>
    public static Tensor<T> Draw<T>(int rows, int cols, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int tall = Math.Max(rows, cols), wide = Math.Min(rows, cols);
        var q = new double[wide][];                       // column j of the tall matrix, tall values each
        for (int j = 0; j < wide; j++)
        {
            q[j] = new double[tall];
            for (int i = 0; i < tall; i++) q[j][i] = rng.Normal();
        }
        for (int j = 0; j < wide; j++)
        {
            // Gram–Schmidt, twice for accuracy: q_j -= (q_k · q_j) q_k for k < j, then q_j /= ‖q_j‖ (R's diagonal ‖q_j‖ > 0: signs already right).
            for (int pass = 0; pass < 2; pass++)
                for (int k = 0; k < j; k++)
                {
                    double dot = Dot(q[k], q[j]);
                    for (int i = 0; i < tall; i++) q[j][i] -= dot * q[k][i];
                }
            double norm = Math.Sqrt(Dot(q[j], q[j]));
            for (int i = 0; i < tall; i++) q[j][i] /= norm;
        }
        var result = Tensor<T>.Zeros(rows, cols);
        var span = result.Span;
        for (int j = 0; j < wide; j++)
            for (int i = 0; i < tall; i++)
                span[rows >= cols ? i * cols + j : j * cols + i] = T.CreateTruncating(q[j][i]);
        return result;
    }

    private static double Dot(double[] a, double[] b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
