using Backprop.Data;

namespace Backprop.Playground.Sessions;

/// <summary>
/// The two features a table is plotted on unless the page names them: the one that alone says the most about the target, then the one
/// that adds the most beside it. A feature's score is the share of variance the target explains — for classes the correlation ratio
/// η² = Σ_c n_c (m_c − m)² / Σ_r (x_r − m)², for values r² with the target — and the second is the largest score_j · (1 − r²(x_j, x_first)),
/// so a copy of the first scores nothing. Computed on the training rows; the features not plotted sit at their mean (0 after standardising).
/// </summary>
internal static class PlotChoice
{
    /// <summary>The features to plot across and up (up is -1 with a single feature).</summary>
    public static (int X, int Y) Choose(Dataset<double> train)
    {
        int f = train.Features;
        if (f == 1) return (0, -1);
        var score = new double[f];
        for (int j = 0; j < f; j++) score[j] = Score(train, j);
        int first = ArgMax(score, -1);
        var added = new double[f];
        for (int j = 0; j < f; j++) added[j] = score[j] * (1 - Squared(Correlation(Column(train, j), Column(train, first))));
        return (first, ArgMax(added, first));
    }

    // η² for classes, r² with the (first) target for values; 0 for a constant feature.
    private static double Score(Dataset<double> train, int j)
    {
        var x = Column(train, j);
        if (train.Classes == 0) return Squared(Correlation(x, Target(train)));
        double mean = x.Average(), total = x.Sum(v => (v - mean) * (v - mean));
        if (total <= 0) return 0;
        var y = Target(train);
        double between = 0;
        for (int c = 0; c < train.Classes; c++)
        {
            var members = x.Where((_, r) => (int)y[r] == c).ToArray();
            if (members.Length > 0) between += members.Length * Squared(members.Average() - mean); // n_c (m_c − m)²
        }
        return between / total;
    }

    private static int ArgMax(double[] values, int except)
    {
        int best = except == 0 ? 1 : 0;
        for (int j = 0; j < values.Length; j++)
            if (j != except && values[j] > values[best]) best = j;
        return best;
    }

    private static double[] Column(Dataset<double> rows, int j)
    {
        var x = rows.X.Span;
        var column = new double[rows.Count];
        for (int r = 0; r < rows.Count; r++) column[r] = x[r * rows.Features + j];
        return column;
    }

    private static double[] Target(Dataset<double> rows)
    {
        var y = rows.Y.Span;
        var column = new double[rows.Count];
        for (int r = 0; r < rows.Count; r++) column[r] = y[r * rows.TargetWidth];
        return column;
    }

    // Pearson's r = cov(a, b) / (σ_a σ_b); 0 when either is constant.
    private static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return aa > 0 && bb > 0 ? ab / Math.Sqrt(aa * bb) : 0;
    }

    private static double Squared(double v) => v * v;
}
