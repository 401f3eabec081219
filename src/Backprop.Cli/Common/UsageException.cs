namespace Backprop.Cli.Common;

/// <summary>The user asked for something that cannot work (e.g. layers that do not fit the data); printed as one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
