namespace Backprop.Errors;

/// <summary>
/// The library's one refusal: the input cannot be used. The message is one sentence that names where (file, line,
/// column, tensor, layer, option) and what is wrong; it never carries .NET's own exception text.
/// </summary>
public sealed class BackpropException : Exception
{
    /// <summary>A refusal of the given kind with its one-sentence message.</summary>
    public BackpropException(ErrorKind kind, string message, Exception? inner = null) : base(message, inner) => Kind = kind;

    /// <summary>What was refused: a file or its data, a setting, or a training run.</summary>
    public ErrorKind Kind { get; }

    /// <summary>A file or the data in it cannot be read: the message starts with the file's name.</summary>
    public static BackpropException BadInput(string message, Exception? inner = null) => new(ErrorKind.Input, message, inner);

    /// <summary>A setting (an option, a size, a combination) cannot work.</summary>
    public static BackpropException BadSetting(string message, Exception? inner = null) => new(ErrorKind.Setting, message, inner);
}
