using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;

namespace Sigur.Features.Cases;

/// <summary>
/// The case list: the organisation's cases, newest first, optionally filtered by a name (any script, any
/// diacritics, any order) or a case reference. Every list shown is audited with the ids of the records it showed.
/// A name travels in the request body (POST /api/v1/cases/search), never in a URL, where proxies and access logs
/// would keep it.
/// </summary>
public static class SearchCases
{
    public const string Policy = Policies.CaseRead;

    public const int MaxPageSize = 100;

    public sealed record Request(string? Q = null, int? Page = null, int? PageSize = null);

    public sealed record Response(IReadOnlyList<CaseSummary> Items, int Page, int PageSize, bool HasMore);

    /// <summary>GET /api/v1/cases: the newest cases, no name filter.</summary>
    public static Task<Response> List(int? page, int? pageSize, SigurDb db, Audit audit, TimeProvider clock, CancellationToken ct) =>
        Handle(new Request(null, page, pageSize), db, audit, clock, ct);

    /// <param name="heldOnly">Only the cases the user's organisation holds, not those referred to it or opened by break-glass.</param>
    public static async Task<Response> Handle(Request request, SigurDb db, Audit audit, TimeProvider clock, CancellationToken ct, bool heldOnly = false)
    {
        var (q, page, pageSize) = (request.Q, request.Page, request.PageSize);
        var size = Math.Clamp(pageSize ?? 20, 1, MaxPageSize);
        var pageNumber = Math.Max(page ?? 1, 1);
        var cases = db.Cases.AsNoTracking();
        // The query filters already limit everything to what the user may see. When that is just their own
        // organisation, saying so again lets the database walk the organisation's part of an index in order and
        // stop after one page, where the filter's OR would make it read and sort every match.
        var ownOnly = db.User.OrganisationId is { } own && !db.User.IsSystem && (heldOnly || db.Scope.IsOwnOrganisationOnly) ? own : (Guid?)null;
        if (ownOnly is not null) cases = cases.Where(c => c.OrganisationId == ownOnly);
        var query = q?.Trim() ?? "";
        if (IsReference(query))
        {
            cases = cases.Where(c => c.Reference == query).OrderBy(c => c.Id);
        }
        else if (query.Length > 0)
        {
            var tokens = NameIndex.QueryTokens(db, query);
            if (tokens.Count == 0) return new Response([], pageNumber, size, false);
            // Driven from the case list's name index, newest first: the first token's entries in order, each checked
            // for the other tokens, until a page is full.
            var first = tokens[0];
            var hits = db.CaseNameTokens.AsNoTracking().Where(t => t.Token == first);
            if (ownOnly is not null) hits = hits.Where(t => t.OrganisationId == ownOnly);
            foreach (var token in tokens.Skip(1))
                hits = hits.Where(t => db.CaseNameTokens.Any(u => u.CaseId == t.CaseId && u.Token == token));
            cases = from t in hits
                    join c in cases on t.CaseId equals c.Id
                    orderby t.RegisteredAt descending, t.CaseId descending
                    select c;
        }
        else
        {
            cases = cases.OrderByDescending(c => c.RegisteredAt).ThenByDescending(c => c.Id);
        }
        // Only the columns the summary shows: every encrypted column read is a decryption, and a page has many rows.
        var rows = await cases
            .Skip((pageNumber - 1) * size).Take(size + 1)
            .Select(c => new Row(c.Id, c.OrganisationId, c.PersonId, c.Reference, c.IntakeDate, c.Status, c.IdentificationStatus, c.FormsOfExploitation,
                c.Person!.GivenName, c.Person.FamilyName, c.Person.DateOfBirth, c.Person.EstimatedAge, c.Person.PossiblyChild))
            .ToListAsync(ct);
        var hasMore = rows.Count > size;
        if (hasMore) rows.RemoveAt(size);

        await audit.ListAsync(nameof(Case), rows.Select(r => r.Id), FieldGroups.Identity, FieldGroups.CaseAdministration);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var items = rows.Select(r =>
        {
            var person = new Person
            {
                Id = r.PersonId, OrganisationId = r.OrganisationId, GivenName = r.GivenName, FamilyName = r.FamilyName, DateOfBirth = r.DateOfBirth,
                EstimatedAge = r.EstimatedAge, PossiblyChild = r.PossiblyChild,
            };
            var c = new Case { Id = r.Id, OrganisationId = r.OrganisationId, Reference = r.Reference, FormsOfExploitation = r.FormsOfExploitation };
            // A column projection bypasses the minimisation EF applies to whole entities: apply it here (referral recipients).
            Disclosure.Minimise(db, person);
            Disclosure.Minimise(db, c);
            // A child's identity never appears in a list outside the holding organisation (break-glass, referral): the reference only.
            var child = person.IsChild(today);
            var name = child && r.OrganisationId != db.User.OrganisationId ? "" : person.FullName;
            return new CaseSummary(r.Id, r.Reference, name, DateOnly.FromDateTime(r.IntakeDate), r.Status,
                r.IdentificationStatus, c.FormsOfExploitation, child);
        }).ToList();
        return new Response(items, pageNumber, size, hasMore);
    }

    private sealed record Row(Guid Id, Guid OrganisationId, Guid PersonId, string Reference, DateTime IntakeDate, CaseStatus Status, IdentificationStatus IdentificationStatus,
        List<string> FormsOfExploitation, string GivenName, string FamilyName, string DateOfBirth, int? EstimatedAge, bool PossiblyChild);

    // YYYY-NNNNNN; a year with more than 999,999 cases (a bulk import) goes on to seven digits and more.
    private static bool IsReference(string q) =>
        q.Length is >= 11 and <= 20 && q[4] == '-' && q[..4].All(char.IsAsciiDigit) && q[5..].All(char.IsAsciiDigit);
}
