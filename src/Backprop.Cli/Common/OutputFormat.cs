namespace Backprop.Cli.Common;

/// <summary>How a learner command writes its report: plain text, Markdown or JSON.</summary>
internal enum OutputFormat { Text, Markdown, Json }
