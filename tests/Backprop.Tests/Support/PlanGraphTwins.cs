using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Training;

namespace Backprop.Tests.Support;

/// <summary>Trains two copies of a model, one on the layer plan and one forced onto the autograd graph, and asserts they end the same.</summary>
internal static class PlanGraphTwins
{
    /// <summary>Returns the planned and the graph-trained model (each made by <paramref name="create"/>) after equal training.</summary>
    public static (Sequential<double> Planned, Sequential<double> Graph) TrainAlike(Func<Sequential<double>> create, Dataset<double> data, TrainOptions options)
    {
        var planned = create();
        var twin = create();
        var graph = new GraphOnly<double>(twin);
        Assert.True(LayerPlan<double>.CanPlan(planned));
        Assert.False(LayerPlan<double>.CanPlan(graph));
        var h1 = Trainer.Fit(planned, new CrossEntropy(), new Sgd<double>(planned.Parameters(), 0.1), data, options).History;
        var h2 = Trainer.Fit(graph, new CrossEntropy(), new Sgd<double>(graph.Parameters(), 0.1), data, options).History;
        Assert.Equal(h2[^1].Loss, h1[^1].Loss, 12);
        foreach (var ((name, p), (_, q)) in planned.NamedParameters().Zip(twin.NamedParameters()))
            for (int i = 0; i < p.Length; i++) Assert.True(Math.Abs(p.Span[i] - q.Span[i]) <= 1e-12, $"{name}[{i}]: {p.Span[i]} vs {q.Span[i]}");
        return (planned, twin);
    }
}
