using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.MobileTeams;

/// <summary>
/// Records a field visit of a team the user's organisation coordinates or belongs to. Persons met are counted, not
/// described; indicators are codes; cases are named by reference only, so a visit never carries a name.
/// </summary>
public static partial class RecordFieldVisit
{
    public const string Policy = Policies.MobileTeams;

    public sealed record Request(DateOnly VisitedOn, string Region, string Place, IReadOnlyList<Guid>? MemberIds, int PersonsMet,
        IReadOnlyList<string>? Indicators, int Identifications, int Referrals, IReadOnlyList<string>? CaseReferences);

    public sealed record VisitView(Guid Id, Guid TeamId, DateOnly VisitedOn, string Region, string Place, IReadOnlyList<Guid> MemberIds, int PersonsMet,
        IReadOnlyList<string> Indicators, int Identifications, int Referrals, IReadOnlyList<string> CaseReferences)
    {
        public static VisitView From(FieldVisit v) => new(v.Id, v.TeamId, DateOnly.FromDateTime(v.VisitedOn), v.Region, v.Place, v.MemberIds, v.PersonsMet,
            v.Indicators, v.Identifications, v.Referrals, v.CaseReferences);
    }

    public static async Task<Results<Created<VisitView>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var team = await MobileTeamAccess.Visible(db, user).AsNoTracking().Include(t => t.Members).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (team is null) return Problems.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        if (request.VisitedOn.Year < 2000 || request.VisitedOn > DateOnly.FromDateTime(now)) errors["visitedOn"] = ["A date from 2000 to today."];
        if (string.IsNullOrWhiteSpace(request.Region) || request.Region.Length > 100) errors["region"] = ["Required, at most 100 characters."];
        if (string.IsNullOrWhiteSpace(request.Place) || request.Place.Length > 300) errors["place"] = ["Required, at most 300 characters."];
        var memberIds = (request.MemberIds ?? []).Distinct().ToList();
        if (memberIds.Count == 0 || memberIds.Any(m => team.Members.All(x => x.Id != m))) errors["memberIds"] = ["At least one member, all of this team."];
        if (request.PersonsMet is < 0 or > 10_000) errors["personsMet"] = ["From 0 to 10000."];
        if (request.Identifications < 0 || request.Identifications > request.PersonsMet) errors["identifications"] = ["From 0 to the number of persons met."];
        if (request.Referrals < 0 || request.Referrals > request.PersonsMet) errors["referrals"] = ["From 0 to the number of persons met."];
        var indicators = (request.Indicators ?? []).Select(i => i?.Trim().ToLowerInvariant() ?? "").Distinct().ToList();
        if (indicators.Count > 50 || indicators.Any(i => !IndicatorCode().IsMatch(i))) errors["indicators"] = ["Indicator codes (a-z, 0-9 and dashes, at most 60 characters), at most 50."];
        var references = (request.CaseReferences ?? []).Select(r => r?.Trim() ?? "").Distinct().ToList();
        if (references.Count > 100 || references.Any(r => !CaseReference().IsMatch(r))) errors["caseReferences"] = ["Case references only (letters, digits and dashes, at most 20 characters)."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var visit = new FieldVisit
        {
            TeamId = id, OrganisationId = user.OrganisationId!.Value, VisitedOn = request.VisitedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            Region = request.Region.Trim(), Place = request.Place.Trim(), MemberIds = memberIds, PersonsMet = request.PersonsMet, Indicators = indicators,
            Identifications = request.Identifications, Referrals = request.Referrals, CaseReferences = references, RecordedAt = now, RecordedBy = user.UserId!.Value,
        };
        db.Add(visit);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/mobile-teams/{id}/visits", VisitView.From(visit));
    }

    public static async Task<Results<Ok<List<VisitView>>, ProblemHttpResult>> List(Guid id, SigurDb db, CurrentUser user, Platform.Audit.Audit audit, CancellationToken ct)
    {
        if (!await MobileTeamAccess.Visible(db, user).AnyAsync(t => t.Id == id, ct)) return Problems.NotFound();
        var visits = await db.Set<FieldVisit>().AsNoTracking().Where(v => v.TeamId == id).OrderByDescending(v => v.VisitedOn).Take(500).ToListAsync(ct);
        await audit.ListAsync(nameof(FieldVisit), visits.Select(v => v.Id), FieldGroups.Location);
        return TypedResults.Ok(visits.ConvertAll(VisitView.From));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,59}$")]
    private static partial Regex IndicatorCode();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,19}$")]
    private static partial Regex CaseReference();
}
