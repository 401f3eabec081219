namespace Backprop.IO;

/// <summary>What an imported network's outputs mean, which a PyTorch state dict does not say.</summary>
public enum ImportTask
{
    /// <summary>One logit per class (trained with <c>CrossEntropyLoss</c>): softmax gives the probabilities.</summary>
    Classification,

    /// <summary>One logit for two classes (trained with <c>BCEWithLogitsLoss</c>): its sigmoid is the second class's probability.</summary>
    Binary,

    /// <summary>Predicted values, one per output (trained with <c>MSELoss</c>), in the units the network was trained on.</summary>
    Regression,
}
