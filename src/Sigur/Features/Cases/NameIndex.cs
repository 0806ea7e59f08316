using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Matching;

namespace Sigur.Features.Cases;

/// <summary>
/// The keyed search index over names: each folded token of a person's names and aliases is stored as an HMAC, so a
/// name typed in Latin finds the same name stored in Cyrillic, and the index reveals nothing without the key.
/// </summary>
internal static class NameIndex
{
    public static IEnumerable<string> TokensOf(Person p) => WithSounds(NameKey.Tokens($"{p.GivenName} {p.FamilyName} {p.Aliases.Replace('\n', ' ')}"));

    public static List<string> QueryTokens(SigurDb db, string query) =>
        NameKey.Tokens(query).Select(db.Protection.SearchToken).Distinct().ToList();

    /// <summary>
    /// Tokens that find likely duplicates (Features/Duplicates/FindCandidates): the name tokens and their sound keys,
    /// so "Petrovich" finds "Petrović" although no token is the same. Any one shared token makes a candidate.
    /// </summary>
    public static List<string> CandidateTokens(SigurDb db, string names) =>
        WithSounds(NameKey.Tokens(names)).Select(db.Protection.SearchToken).Distinct().ToList();

    // A sound key is stored as "~KEY": folded name tokens never contain "~", so a name search never matches one.
    private static IEnumerable<string> WithSounds(IEnumerable<string> tokens)
    {
        var list = tokens.ToList();
        return list.Concat(list.Select(PhoneticKey.For).Where(k => k.Length > 1).Select(k => "~" + k));
    }

    /// <summary>Brings the person's tokens in line with their current names (call before SaveChanges).</summary>
    public static async Task RefreshAsync(SigurDb db, Person p, CancellationToken ct)
    {
        var wanted = TokensOf(p).Select(db.Protection.SearchToken).ToHashSet();
        var added = db.Entry(p).State == EntityState.Added;
        // A person merged into this one (Features/Duplicates/MergePersons) is found under this one's cases too.
        if (!added)
            foreach (var merged in await db.Persons.IgnoreQueryFilters().AsNoTracking().Where(x => x.MergedIntoId == p.Id && x.OrganisationId == p.OrganisationId).ToListAsync(ct))
                wanted.UnionWith(TokensOf(merged).Select(db.Protection.SearchToken));
        var existing = added ? [] : await db.PersonNameTokens.Where(t => t.PersonId == p.Id).ToListAsync(ct);
        db.PersonNameTokens.RemoveRange(existing.Where(t => !wanted.Contains(t.Token)));
        foreach (var token in wanted.Except(existing.Select(t => t.Token)))
            db.PersonNameTokens.Add(new PersonNameToken { PersonId = p.Id, OrganisationId = p.OrganisationId, Token = token });
    }
}
