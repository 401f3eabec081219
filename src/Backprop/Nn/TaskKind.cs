namespace Backprop.Nn;

/// <summary>
/// What a model learns, and so what its targets and outputs are: the one task type of the data (<c>--task</c>, <see cref="Data.CsvOptions.Task"/>),
/// the model file's <c>task</c>, a loss's targets (<see cref="Loss.Task"/>), a PyTorch import and the ML.NET trainers.
/// </summary>
public enum TaskKind
{
    /// <summary>One of K classes: targets are class indices [N], integers in [0, K) (a loss may also accept probability rows [N, K]);
    /// the network has one logit per class and softmax gives the probabilities (<c>CrossEntropyLoss</c>).</summary>
    Classification,

    /// <summary>Values: targets are real numbers [N, outputs] (or [N] for one output); the network predicts them (<c>MSELoss</c>).</summary>
    Regression,

    /// <summary>Yes/no per output: targets are 0/1 or probabilities in [0, 1], [N, outputs] (or [N] for one output); each output is a logit whose
    /// sigmoid is the probability of yes (<c>BCEWithLogitsLoss</c>). Two classes in one logit: the second class's probability.</summary>
    Binary,
}

/// <summary>How files spell a <see cref="TaskKind"/>.</summary>
public static class TaskKinds
{
    /// <summary>True for <see cref="TaskKind.Classification"/> and <see cref="TaskKind.Binary"/>: the targets are classes, so accuracy makes sense.</summary>
    public static bool IsClassification(this TaskKind task) => task != TaskKind.Regression;

    /// <summary>The model file's and ONNX metadata's <c>task</c>: <c>regression</c>, or <c>classification</c> for both kinds of classifier (the loss tells them apart).</summary>
    public static string FileName(this TaskKind task) => task.IsClassification() ? "classification" : "regression";
}
