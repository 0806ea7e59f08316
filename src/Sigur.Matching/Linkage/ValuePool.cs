using System.Collections.Concurrent;

namespace Sigur.Matching;

/// <summary>
/// One string instance per distinct value, shared by all records. A million records hold a few thousand
/// distinct names; sharing them saves memory and lets equality short-circuit on the reference.
/// </summary>
public sealed class ValuePool
{
    private readonly ConcurrentDictionary<string, string> values = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<(string, int), string> derived = new();

    public string Intern(string value) => value.Length == 0 ? "" : values.GetOrAdd(value, value);

    /// <summary>
    /// The interned result of <paramref name="derive"/> on <paramref name="raw"/>, computed once per distinct raw
    /// value and kind: a million records repeat a few hundred thousand spellings.
    /// </summary>
    public string Derived(string? raw, int kind, Func<string, string> derive)
    {
        if (string.IsNullOrEmpty(raw)) return "";
        if (derived.TryGetValue((raw, kind), out var known)) return known;
        var value = Intern(derive(raw));
        derived.TryAdd((raw, kind), value);
        return value;
    }
}
