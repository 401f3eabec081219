namespace Backprop.Errors;

/// <summary>What a <see cref="BackpropException"/> refused; the command line maps it to its exit code.</summary>
public enum ErrorKind
{
    /// <summary>A file or its data (exit code 1).</summary>
    Input,

    /// <summary>A setting: an option's value, a size over the budget, options that do not fit together (exit code 2).</summary>
    Setting,

    /// <summary>Training stopped: the loss or a gradient became NaN or infinite (exit code 1).</summary>
    Training,
}
