namespace Backprop.Playground.Tests;

/// <summary>A <see cref="BrowserFactAttribute"/> with data: skipped alike outside CI without Chromium.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (new BrowserFactAttribute().Skip is { } reason) Skip = reason;
    }
}
