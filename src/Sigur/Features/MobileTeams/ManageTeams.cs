using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform.Access;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.MobileTeams;

/// <summary>Sets up a team (the user's organisation coordinates it), adds members, lists and shows teams.</summary>
public static class ManageTeams
{
    public const string Policy = Policies.MobileTeams;

    public sealed record MemberInput(Guid OrganisationId, string Name, string? Function);
    public sealed record Request(string Name, string Region, IReadOnlyList<MemberInput>? Members);

    public sealed record MemberView(Guid Id, Guid OrganisationId, string Name, string Function);
    public sealed record TeamView(Guid Id, Guid CoordinatorOrganisationId, string Name, string Region, IReadOnlyList<MemberView> Members, long Version)
    {
        public static TeamView From(MobileTeam t) => new(t.Id, t.OrganisationId, t.Name, t.Region,
            [.. t.Members.OrderBy(m => m.Name).Select(m => new MemberView(m.Id, m.OrganisationId, m.Name, m.Function))], t.Version);
    }

    public static async Task<Results<Created<TeamView>, ValidationProblem, ProblemHttpResult>> Create(
        Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200) errors["name"] = ["Required, at most 200 characters."];
        if (string.IsNullOrWhiteSpace(request.Region) || request.Region.Length > 100) errors["region"] = ["Required, at most 100 characters."];
        var members = request.Members ?? [];
        if (members.Count > 50) errors["members"] = ["At most 50 members."];
        await CheckMembers(db, members, errors, ct);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var team = new MobileTeam { OrganisationId = user.OrganisationId!.Value, Name = request.Name.Trim(), Region = request.Region.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime };
        team.Members.AddRange(members.Select(m => new MobileTeamMember { TeamId = team.Id, OrganisationId = m.OrganisationId, Name = m.Name.Trim(), Function = m.Function?.Trim() ?? "" }));
        db.Add(team);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/mobile-teams/{team.Id}", TeamView.From(team));
    }

    /// <summary>Only the coordinating organisation changes the membership.</summary>
    public static async Task<Results<Created<MemberView>, ValidationProblem, ProblemHttpResult>> AddMember(
        Guid id, MemberInput request, SigurDb db, CurrentUser user, CancellationToken ct)
    {
        var team = await db.Held<MobileTeam>().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (team is null) return Problems.NotFound();
        var errors = new Dictionary<string, string[]>();
        await CheckMembers(db, [request], errors, ct);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var member = new MobileTeamMember { TeamId = id, OrganisationId = request.OrganisationId, Name = request.Name.Trim(), Function = request.Function?.Trim() ?? "" };
        db.Add(member);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/mobile-teams/{id}", new MemberView(member.Id, member.OrganisationId, member.Name, member.Function));
    }

    public static async Task<List<TeamView>> List(SigurDb db, CurrentUser user, CancellationToken ct) =>
        (await MobileTeamAccess.Visible(db, user).AsNoTracking().Include(t => t.Members).OrderBy(t => t.Name).Take(500).ToListAsync(ct)).ConvertAll(TeamView.From);

    public static async Task<Results<Ok<TeamView>, ProblemHttpResult>> Get(Guid id, SigurDb db, CurrentUser user, CancellationToken ct)
    {
        var team = await MobileTeamAccess.Visible(db, user).AsNoTracking().Include(t => t.Members).SingleOrDefaultAsync(t => t.Id == id, ct);
        return team is null ? Problems.NotFound() : TypedResults.Ok(TeamView.From(team));
    }

    private static async Task CheckMembers(SigurDb db, IReadOnlyList<MemberInput> members, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (members.Any(m => string.IsNullOrWhiteSpace(m.Name) || m.Name.Length > 200 || (m.Function?.Length ?? 0) > 100))
            errors["members"] = ["Each member needs a name (at most 200 characters) and a function of at most 100."];
        var orgs = members.Select(m => m.OrganisationId).Distinct().ToList();
        if (await db.Organisations.CountAsync(o => orgs.Contains(o.Id) && o.IsActive, ct) != orgs.Count)
            errors["organisationId"] = ["Each member belongs to an active organisation."];
    }
}
