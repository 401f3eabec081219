namespace Backprop.Registration;

/// <summary>
/// One extension point's entries by name (losses, optimizers, schedules, initialisers, scalers, layers, activations): each entry
/// is a name, its aliases, an options record with defaults and a factory (<see cref="RegistryEntry{TItem, TOptions}"/>). Model
/// files, checkpoints, the CLI and the playground store and read the registered name and options, never a CLR type name, so a
/// user's entry added here reaches all of them. Thread-safe; adding an entry with a taken name replaces the old one.
/// </summary>
/// <param name="kind">What the entries are, in messages: <c>loss</c>, <c>optimizer</c>.</param>
public sealed class Registry<TItem>(string kind) where TItem : class
{
    private readonly List<IRegistryEntry<TItem>> _entries = [];
    private readonly Lock _gate = new();

    /// <summary>What the entries are, in messages: <c>loss</c>, <c>optimizer</c>.</summary>
    public string Kind { get; } = kind;

    /// <summary>The entries, in the order added.</summary>
    public IReadOnlyList<IRegistryEntry<TItem>> Entries { get { lock (_gate) return [.. _entries]; } }

    /// <summary>Each entry's name, comma-separated (for usage text and errors).</summary>
    public string Names => string.Join(", ", Entries.Select(e => e.Name));

    /// <summary>Adds <paramref name="entry"/>, replacing an entry of the same name; an alias may not be another entry's name or alias.</summary>
    /// <exception cref="ArgumentException">The name is empty, holds a character other than a-z, 0-9, '_' or '-', or an alias is taken.</exception>
    public void Add(IRegistryEntry<TItem> entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        foreach (var name in entry.Aliases.Prepend(entry.Name)) CheckName(name);
        lock (_gate)
        {
            _entries.RemoveAll(e => e.Name == Normalise(entry.Name));
            foreach (var alias in entry.Aliases.Prepend(entry.Name))
                if (_entries.Find(e => e.Matches(alias)) is { } other)
                    throw new ArgumentException($"The {Kind} name or alias '{alias}' is already {other.Name}'s.", nameof(entry));
            _entries.Add(entry);
        }
    }

    /// <summary>The entry called <paramref name="name"/> or one of its aliases (case and surrounding spaces ignored), or null.</summary>
    public IRegistryEntry<TItem>? Find(string name)
    {
        lock (_gate) return _entries.Find(e => e.Matches(name));
    }

    /// <summary>The entry called <paramref name="name"/>; a <see cref="FormatException"/> lists the known names when there is none.</summary>
    public IRegistryEntry<TItem> Get(string name) =>
        Find(name) ?? throw new FormatException($"Unknown {Kind} '{name}'; expected one of {Names}.");

    /// <summary>A new item of the entry called <paramref name="name"/>, with its default options overlaid by <paramref name="options"/>.</summary>
    /// <exception cref="FormatException">No such entry, or an option unknown or of the wrong type (the message names it).</exception>
    public TItem Create(string name, System.Text.Json.Nodes.JsonObject? options = null) => Get(name).Create(options);

    /// <summary>The lower-case, trimmed form names are compared in.</summary>
    internal static string Normalise(string name) => name.Trim().ToLowerInvariant();

    private void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || !Normalise(name).All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '-'))
            throw new ArgumentException($"A {Kind} name must be non-empty and hold only a-z, 0-9, '_' and '-'; got '{name}'.", nameof(name));
    }
}
