namespace Sigur.Matching;

/// <summary>
/// A blocking rule: records with equal non-zero keys become candidate pairs. Several rules are unioned;
/// a pair is counted (and compared) under the first rule that produces it.
/// </summary>
/// <remarks><see cref="Uses"/> names the compared fields the key is made from: pairs of this rule say nothing
/// about how often true matches agree on them, so estimation leaves them out for this rule's pairs. Rules on
/// names also list citizenship and sex: a name says where someone is from and mostly their sex, so a name
/// block agrees on those anyway.</remarks>
public sealed record BlockingRule(string Name, Func<PersonFeatures, ulong> Key, params ComparisonField[] Uses);

public static class BlockingRules
{
    /// <summary>
    /// Rules for person registers. Each covers what the others miss: a changed surname, a missing or
    /// mistyped date, names in swapped order, a record with only an identifier in common.
    /// </summary>
    public static IReadOnlyList<BlockingRule> Default { get; } =
    [
        new("surname sound", r => Hash(r.SurnameSound), ComparisonField.Surname, ComparisonField.Citizenship, ComparisonField.Sex),
        new("given-name sound + birth year", r => r.GivenSound.Length == 0 || r.Birth.Year == 0 ? 0 : Combine(Hash(r.GivenSound), (ulong)r.Birth.Year), ComparisonField.GivenName, ComparisonField.BirthDate, ComparisonField.Citizenship, ComparisonField.Sex),
        new("name sounds in either order", r => r.GivenSound.Length == 0 || r.SurnameSound.Length == 0 ? 0
            : string.CompareOrdinal(r.GivenSound, r.SurnameSound) < 0
                ? Combine(Hash(r.GivenSound), Hash(r.SurnameSound)) : Combine(Hash(r.SurnameSound), Hash(r.GivenSound)), ComparisonField.GivenName, ComparisonField.Surname, ComparisonField.Citizenship, ComparisonField.Sex),
        new("full birth date", r => r.Birth.Year == 0 || r.Birth.Month == 0 || r.Birth.Day == 0 ? 0
            : Combine(0xB1, (ulong)(r.Birth.Year * 10000 + r.Birth.Month * 100 + r.Birth.Day)), ComparisonField.BirthDate),
        new("personal ID", r => Hash(r.PersonalId), ComparisonField.PersonalId),
        new("passport", r => Hash(r.Passport), ComparisonField.Passport),
    ];

    /// <summary>
    /// Rules whose pairs estimate m (Splink's "training" blocking rules): strict enough that few of their
    /// pairs are coincidences, so EM separates matches from non-matches on the fields the rule leaves free.
    /// Loose prediction rules do not work for this: within a surname block, two people called Marko
    /// Petrović born years apart are common enough to pass for a match and teach EM that dates disagree.
    /// </summary>
    public static IReadOnlyList<BlockingRule> Training { get; } =
    [
        new("both name sounds", r => r.GivenSound.Length == 0 || r.SurnameSound.Length == 0 ? 0
            : Combine(Hash(r.GivenSound), Hash(r.SurnameSound)), ComparisonField.GivenName, ComparisonField.Surname, ComparisonField.Citizenship, ComparisonField.Sex),
        new("full birth date", r => r.Birth.Year == 0 || r.Birth.Month == 0 || r.Birth.Day == 0 ? 0
            : Combine(0xB1, (ulong)(r.Birth.Year * 10000 + r.Birth.Month * 100 + r.Birth.Day)), ComparisonField.BirthDate),
        new("personal ID", r => Hash(r.PersonalId), ComparisonField.PersonalId),
        new("passport", r => Hash(r.Passport), ComparisonField.Passport),
    ];

    /// <summary>FNV-1a, 64 bits; 0 for an empty value (no key). Stable across runs, unlike string.GetHashCode.</summary>
    public static ulong Hash(string value)
    {
        if (value.Length == 0) return 0;
        ulong h = 14695981039346656037UL;
        foreach (char c in value) { h ^= c; h *= 1099511628211UL; }
        return h == 0 ? 1 : h;
    }

    public static ulong Combine(ulong a, ulong b)
    {
        ulong h = (a ^ 0x9E3779B97F4A7C15UL) * 0xBF58476D1CE4E5B9UL;
        h ^= b + 0x94D049BB133111EBUL + (h << 6) + (h >> 2);
        return h == 0 ? 1 : h;
    }
}
