using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Matching;
using Sigur.Platform;

namespace Sigur.Features.Cases;

/// <summary>
/// The keyed search index over names: each folded token of a person's names and aliases is stored as an HMAC, so a
/// name typed in Latin finds the same name stored in Cyrillic, and the index reveals nothing without the key.
/// Persons are found through <see cref="PersonNameToken"/> (name tokens and their sound keys, for duplicate
/// candidates); the case list through <see cref="CaseNameToken"/>, the name tokens repeated for each of the person's
/// cases with the case's registration time, so a page is read in order. A person merged into another
/// (Features/Duplicates/MergePersons) lends its names to the kept person and the kept person's cases.
/// </summary>
internal static class NameIndex
{
    public static IEnumerable<string> TokensOf(Person p) =>
        NameKey.Tokens($"{p.GivenName} {p.FamilyName} {p.Aliases.Replace('\n', ' ')}");

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
        return list.Concat(Sounds(list));
    }

    private static IEnumerable<string> Sounds(IEnumerable<string> tokens) =>
        tokens.Select(PhoneticKey.For).Where(k => k.Length > 1).Select(k => "~" + k);

    /// <summary>
    /// The tokens of a new person, not yet merged with anyone (names and their sound keys), and those each of its cases
    /// is indexed under in the case list (the names only). Each name is hashed once; the bulk import calls this per row.
    /// </summary>
    public static (List<string> Person, List<string> Case) NewTokens(FieldProtection protection, Person p)
    {
        var names = TokensOf(p).ToList();
        var caseTokens = names.Select(protection.SearchToken).Distinct().ToList();
        return ([.. caseTokens.Concat(Sounds(names).Select(protection.SearchToken)).Distinct()], caseTokens);
    }

    /// <summary>
    /// Brings the person's tokens, and those of each of their cases, in line with their current names and those of
    /// the persons merged into them (call before SaveChanges; cases moved to the person must be saved first).
    /// </summary>
    public static async Task RefreshAsync(SigurDb db, Person p, CancellationToken ct)
    {
        if (db.Entry(p).State == EntityState.Added)
        {
            foreach (var token in NewTokens(db.Protection, p).Person)
                db.PersonNameTokens.Add(new PersonNameToken { PersonId = p.Id, OrganisationId = p.OrganisationId, Token = token });
            return;
        }
        var names = TokensOf(p).ToList();
        foreach (var merged in await db.Persons.IgnoreQueryFilters().AsNoTracking().Where(x => x.MergedIntoId == p.Id && x.OrganisationId == p.OrganisationId).ToListAsync(ct))
            names.AddRange(TokensOf(merged));

        var wanted = WithSounds(names).Select(db.Protection.SearchToken).ToHashSet();
        var existing = await db.PersonNameTokens.Where(t => t.PersonId == p.Id).ToListAsync(ct);
        db.PersonNameTokens.RemoveRange(existing.Where(t => !wanted.Contains(t.Token)));
        foreach (var token in wanted.Except(existing.Select(t => t.Token)))
            db.PersonNameTokens.Add(new PersonNameToken { PersonId = p.Id, OrganisationId = p.OrganisationId, Token = token });

        var caseTokens = names.Select(db.Protection.SearchToken).ToHashSet();
        var cases = await db.Cases.Where(c => c.PersonId == p.Id).Select(c => new { c.Id, c.OrganisationId, c.RegisteredAt }).ToListAsync(ct);
        var caseIds = cases.Select(c => c.Id).ToList();
        var indexed = await db.CaseNameTokens.Where(t => caseIds.Contains(t.CaseId)).ToListAsync(ct);
        db.CaseNameTokens.RemoveRange(indexed.Where(t => !caseTokens.Contains(t.Token)));
        foreach (var c in cases)
        foreach (var token in caseTokens.Except(indexed.Where(t => t.CaseId == c.Id).Select(t => t.Token)))
            db.CaseNameTokens.Add(new CaseNameToken { CaseId = c.Id, OrganisationId = c.OrganisationId, RegisteredAt = c.RegisteredAt, Token = token });
    }

    /// <summary>Indexes a new case under its person's names (call before SaveChanges).</summary>
    public static void AddCase(SigurDb db, Case c, Person p)
    {
        foreach (var token in NewTokens(db.Protection, p).Case)
            db.CaseNameTokens.Add(new CaseNameToken { CaseId = c.Id, OrganisationId = c.OrganisationId, RegisteredAt = c.RegisteredAt, Token = token });
    }
}
