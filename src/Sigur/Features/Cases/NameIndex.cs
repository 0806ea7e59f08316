using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Matching;

namespace Sigur.Features.Cases;

/// <summary>
/// The keyed search index over names: each folded token of a person's names and aliases is stored as an HMAC, so a
/// name typed in Latin finds the same name stored in Cyrillic, and the index reveals nothing without the key.
/// Persons are found through <see cref="PersonNameToken"/>; the case list through <see cref="CaseNameToken"/>, the
/// same tokens repeated for each of the person's cases with the case's registration time, so a page is read in order.
/// </summary>
internal static class NameIndex
{
    public static IEnumerable<string> TokensOf(Person p) =>
        NameKey.Tokens($"{p.GivenName} {p.FamilyName} {p.Aliases.Replace('\n', ' ')}");

    public static List<string> QueryTokens(SigurDb db, string query) =>
        NameKey.Tokens(query).Select(db.Protection.SearchToken).Distinct().ToList();

    private static HashSet<string> KeyedTokensOf(SigurDb db, Person p) => TokensOf(p).Select(db.Protection.SearchToken).ToHashSet();

    /// <summary>Brings the person's tokens, and those of each of their cases, in line with their current names (call before SaveChanges).</summary>
    public static async Task RefreshAsync(SigurDb db, Person p, CancellationToken ct)
    {
        var wanted = KeyedTokensOf(db, p);
        if (db.Entry(p).State == EntityState.Added)
        {
            foreach (var token in wanted)
                db.PersonNameTokens.Add(new PersonNameToken { PersonId = p.Id, OrganisationId = p.OrganisationId, Token = token });
            return;
        }
        var existing = await db.PersonNameTokens.Where(t => t.PersonId == p.Id).ToListAsync(ct);
        db.PersonNameTokens.RemoveRange(existing.Where(t => !wanted.Contains(t.Token)));
        foreach (var token in wanted.Except(existing.Select(t => t.Token)))
            db.PersonNameTokens.Add(new PersonNameToken { PersonId = p.Id, OrganisationId = p.OrganisationId, Token = token });

        var cases = await db.Cases.Where(c => c.PersonId == p.Id).Select(c => new { c.Id, c.OrganisationId, c.RegisteredAt }).ToListAsync(ct);
        var caseIds = cases.Select(c => c.Id).ToList();
        var indexed = await db.CaseNameTokens.Where(t => caseIds.Contains(t.CaseId)).ToListAsync(ct);
        db.CaseNameTokens.RemoveRange(indexed.Where(t => !wanted.Contains(t.Token)));
        foreach (var c in cases)
        foreach (var token in wanted.Except(indexed.Where(t => t.CaseId == c.Id).Select(t => t.Token)))
            db.CaseNameTokens.Add(new CaseNameToken { CaseId = c.Id, OrganisationId = c.OrganisationId, RegisteredAt = c.RegisteredAt, Token = token });
    }

    /// <summary>Indexes a new case under its person's names (call before SaveChanges).</summary>
    public static void AddCase(SigurDb db, Case c, Person p)
    {
        foreach (var token in KeyedTokensOf(db, p))
            db.CaseNameTokens.Add(new CaseNameToken { CaseId = c.Id, OrganisationId = c.OrganisationId, RegisteredAt = c.RegisteredAt, Token = token });
    }
}
