using System.Numerics;
using System.Numerics.Tensors;

namespace Backprop.Kernels;

/// <summary>
/// The non-zero entries of a batch X [n, inputs] by row (compressed rows), gathered only when fewer than 1 in
/// <see cref="DensityDivisor"/> entries are non-zero (one-hot blocks), and the dense layer's products read as row lookups:
/// Z[i,:] = b + Σ_{j: X[i,j]≠0} X[i,j]·W[j,:] and dW[j,:] = Σ_i X[i,j]·dZ[i,:] over the non-zero entries only.
/// Buffers for at most maxRows rows are made on the first sparse batch (dense data allocates none); the choice depends only on the data.
/// </summary>
internal sealed class SparseRows<T>(int maxRows, int inputs) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A batch is read sparse when it has at most (rows·inputs) / DensityDivisor non-zero entries (and its first row at most twice
    /// its share, so that a dense batch is told by its first row).</summary>
    internal const int DensityDivisor = 16;

    /// <summary>Layers narrower than this never look for sparsity: their GEMM costs less than the scan (a hidden layer of 64 after ReLU).</summary>
    internal const int MinInputs = 80;

    /// <summary>Whether a layer of <paramref name="inputs"/> inputs may read sparse batches at all.</summary>
    public static bool Worth(int inputs) => inputs >= MinInputs;

    private int[] _rowStart = [], _column = [];
    private T[] _value = [];

    /// <summary>Gathers the non-zeros of <paramref name="rows"/> rows of <paramref name="x"/>; false (and nothing usable) when the batch is too dense.</summary>
    public bool TryGather(ReadOnlySpan<T> x, int rows)
    {
        int limit = rows * inputs / DensityDivisor, count = 0;
        if (!Sparse(x[..inputs], 2 * inputs / DensityDivisor)) return false; // a dense first row: a dense batch, told at once
        if (_column.Length == 0)
        {
            if (!Sparse(x[..(rows * inputs)], limit)) return false;
            (_rowStart, _column, _value) = (new int[maxRows + 1], new int[maxRows * inputs / DensityDivisor + 1], new T[maxRows * inputs / DensityDivisor + 1]);
        }
        for (int i = 0; i < rows; i++)
        {
            _rowStart[i] = count;
            var row = x.Slice(i * inputs, inputs);
            for (int j = 0; j < row.Length; j++)
            {
                if (row[j] == T.Zero) continue;
                if (count >= limit) return false;
                _column[count] = j; _value[count] = row[j]; count++;
            }
        }
        _rowStart[rows] = count;
        return true;
    }

    private static bool Sparse(ReadOnlySpan<T> x, int limit)
    {
        int count = 0;
        foreach (var v in x) if (v != T.Zero && ++count > limit) return false;
        return true;
    }

    /// <summary>Z[i,:] = b + Σ_{j: X[i,j]≠0} X[i,j]·W[j,:] for the gathered rows; W [inputs, outputs].</summary>
    public void Forward(ReadOnlySpan<T> w, ReadOnlySpan<T> b, Span<T> z, int rows, int outputs)
    {
        for (int i = 0; i < rows; i++)
        {
            var zRow = z.Slice(i * outputs, outputs);
            b[..outputs].CopyTo(zRow);
            for (int k = _rowStart[i]; k < _rowStart[i + 1]; k++)
                TensorPrimitives.MultiplyAdd(w.Slice(_column[k] * outputs, outputs), _value[k], zRow, zRow);
        }
    }

    /// <summary>dW = Xᵀ·dZ over the gathered non-zeros: dW[j,:] = Σ_i X[i,j]·dZ[i,:] (overwritten, or added to when <paramref name="accumulate"/>).</summary>
    public void WeightGradient(ReadOnlySpan<T> dz, Span<T> dw, bool accumulate, int rows, int outputs)
    {
        if (!accumulate) dw[..(inputs * outputs)].Clear();
        for (int i = 0; i < rows; i++)
        {
            var dzRow = dz.Slice(i * outputs, outputs);
            for (int k = _rowStart[i]; k < _rowStart[i + 1]; k++)
            {
                var dwRow = dw.Slice(_column[k] * outputs, outputs);
                TensorPrimitives.MultiplyAdd(dzRow, _value[k], dwRow, dwRow);
            }
        }
    }
}
