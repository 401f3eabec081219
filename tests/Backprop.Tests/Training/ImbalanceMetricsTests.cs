using Backprop.Data;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;
using Backprop.Training;
using static Backprop.Tests.Training.Schedules.ScheduleDriver;

namespace Backprop.Tests.Training;

/// <summary>Macro-F1 and balanced accuracy as scikit-learn defines them, in evaluation on the plan and the graph, and as monitored metrics.</summary>
public class ImbalanceMetricsTests
{
    [Fact]
    public void ScoresAreScikitLearnsOnAWorkedExample()
    {
        // y_true = [0,0,0,0,1,1,2], y_pred = [0,0,0,1,1,0,0]; class 3 occurs in neither, so it is left out of both means.
        // recall: 3/4, 1/2, 0 → balanced_accuracy_score = 0.41667; F1: 2·3/(4+5), 2·1/(2+2), 0 → f1_score(average="macro") = 0.38889.
        var counts = new ClassCounts(4);
        int[] actual = [0, 0, 0, 0, 1, 1, 2], predicted = [0, 0, 0, 1, 1, 0, 0];
        for (int i = 0; i < actual.Length; i++) counts.Add(actual[i], predicted[i]);
        Assert.Equal((0.75 + 0.5 + 0) / 3, counts.BalancedAccuracy, 12);
        Assert.Equal((6.0 / 9 + 2.0 / 4 + 0) / 3, counts.MacroF1, 12);
    }

    [Fact]
    public void EvaluationReportsThemOnThePlanAndOnTheGraphAlike()
    {
        var data = Generate.Spirals<double>(perClass: 15, classes: 3, seed: 2);
        var model = Mlp.Create<double>([2, 8, 3], Activation.Tanh, seed: 4);
        var planned = Trainer.Evaluate(model, new CrossEntropy(), data);
        var graph = Trainer.Evaluate(new GraphOnly<double>(model), new CrossEntropy(), data);
        var counts = new ClassCounts(3);
        var predicted = Metrics.Classes(Trainer.Predict(model, new CrossEntropy(), data.X), 3);
        for (int i = 0; i < data.Count; i++) counts.Add((int)data.Y.Span[i], predicted[i]);
        Assert.Equal(counts.MacroF1, planned.MacroF1!.Value, 12);
        Assert.Equal(counts.BalancedAccuracy, planned.BalancedAccuracy!.Value, 12);
        Assert.Equal(planned.MacroF1, graph.MacroF1);
        Assert.Equal(planned.BalancedAccuracy, graph.BalancedAccuracy);
        Assert.NotEqual(planned.Accuracy, planned.MacroF1); // an untrained net: the scores differ from the accuracy
    }

    [Fact]
    public void ASingleSigmoidOutputCountsTwoClasses()
    {
        // logits z = (2, -1, 3, -2) → classes (1, 0, 1, 0) against y = (1, 1, 1, 0): recall 1 and 2/3, F1 2/3·... worked by hand.
        var counts = new ClassCounts(Metrics.ClassesOf(1, 0));
        Metrics.Count<double>(counts, new BinaryCrossEntropy(), [2, -1, 3, -2], [1, 1, 1, 0], 4, 1);
        Assert.Equal((1 + 2.0 / 3) / 2, counts.BalancedAccuracy, 12);
        Assert.Equal((2.0 * 1 / (1 + 2) + 2.0 * 2 / (3 + 2)) / 2, counts.MacroF1, 12);
    }

    [Fact]
    public void EarlyStoppingWatchesMacroF1AndBalancedAccuracyUpwards()
    {
        foreach (var metric in new[] { MonitoredMetric.ValMacroF1, MonitoredMetric.ValBalancedAccuracy })
        {
            Assert.Same(metric, MonitoredMetric.Parse(metric.Name));
            Assert.True(metric.HigherIsBetter);
            var stopping = new EarlyStopping(2, monitor: metric);
            var context = Context(0.1, true);
            ITrainingCallback callback = stopping;
            callback.OnTrainBegin(context);
            double[] scores = [0.5, 0.8, 0.7, 0.75, 0.9];
            int last = 0;
            for (int e = 1; e <= scores.Length && !context.StopRequested; e++)
            {
                last = e;
                callback.OnEpochEnd(Epoch(e, 1.0 / e, accuracy: 0.9) with
                {
                    Validation = new Metrics(1.0 / e, 0.9, null, null, null) { MacroF1 = scores[e - 1], BalancedAccuracy = scores[e - 1] },
                }, context);
            }
            Assert.Equal((4, 2, 0.8), (last, stopping.BestEpoch, stopping.BestValue));
        }
    }
}
