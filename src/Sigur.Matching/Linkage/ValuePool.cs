using System.Collections.Concurrent;

namespace Sigur.Matching;

/// <summary>
/// One string instance per distinct value, shared by all records. A million records hold a few thousand
/// distinct names; sharing them saves memory and lets equality short-circuit on the reference.
/// </summary>
public sealed class ValuePool
{
    private readonly ConcurrentDictionary<string, string> values = new(StringComparer.Ordinal);

    public string Intern(string value) => value.Length == 0 ? "" : values.GetOrAdd(value, value);
}
