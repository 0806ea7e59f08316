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

    /// <param name="UserId">The member's user account, where they have one: its organisation and, when no name is given, its display name are the member's.</param>
    public sealed record MemberInput(Guid OrganisationId, string Name, string? Function, Guid? UserId = null);
    public sealed record Request(string Name, string Region, IReadOnlyList<MemberInput>? Members);

    public sealed record MemberView(Guid Id, Guid OrganisationId, string Name, string Function, Guid? UserId = null);
    public sealed record TeamView(Guid Id, Guid CoordinatorOrganisationId, string Name, string Region, IReadOnlyList<MemberView> Members, long Version)
    {
        public static TeamView From(MobileTeam t) => new(t.Id, t.OrganisationId, t.Name, t.Region,
            [.. t.Members.OrderBy(m => m.Name).Select(m => new MemberView(m.Id, m.OrganisationId, m.Name, m.Function, m.UserId))], t.Version);
    }

    public static async Task<Results<Created<TeamView>, ValidationProblem, ProblemHttpResult>> Create(
        Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200) errors["name"] = ["Required, at most 200 characters."];
        if (string.IsNullOrWhiteSpace(request.Region) || request.Region.Length > 100) errors["region"] = ["Required, at most 100 characters."];
        var members = request.Members ?? [];
        if (members.Count > 50) errors["members"] = ["At most 50 members."];
        members = await CheckMembers(db, members, errors, ct);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var team = new MobileTeam { OrganisationId = user.OrganisationId!.Value, Name = request.Name.Trim(), Region = request.Region.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime };
        team.Members.AddRange(members.Select(m => new MobileTeamMember { TeamId = team.Id, OrganisationId = m.OrganisationId, UserId = m.UserId, Name = m.Name.Trim(), Function = m.Function?.Trim() ?? "" }));
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
        var input = (await CheckMembers(db, [request], errors, ct))[0];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var member = new MobileTeamMember { TeamId = id, OrganisationId = input.OrganisationId, UserId = input.UserId, Name = input.Name.Trim(), Function = input.Function?.Trim() ?? "" };
        db.Add(member);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/mobile-teams/{id}", new MemberView(member.Id, member.OrganisationId, member.Name, member.Function, member.UserId));
    }

    public static async Task<List<TeamView>> List(SigurDb db, CurrentUser user, CancellationToken ct) =>
        (await MobileTeamAccess.Visible(db, user).AsNoTracking().Include(t => t.Members).OrderBy(t => t.Name).Take(500).ToListAsync(ct)).ConvertAll(TeamView.From);

    public static async Task<Results<Ok<TeamView>, ProblemHttpResult>> Get(Guid id, SigurDb db, CurrentUser user, CancellationToken ct)
    {
        var team = await MobileTeamAccess.Visible(db, user).AsNoTracking().Include(t => t.Members).SingleOrDefaultAsync(t => t.Id == id, ct);
        return team is null ? Problems.NotFound() : TypedResults.Ok(TeamView.From(team));
    }

    /// <summary>
    /// The members as they will be kept: one with a user account takes the account's organisation and, without a name
    /// of its own, its display name; an account that does not exist or is disabled is refused.
    /// </summary>
    private static async Task<IReadOnlyList<MemberInput>> CheckMembers(SigurDb db, IReadOnlyList<MemberInput> members, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var userIds = members.Where(m => m.UserId is not null).Select(m => m.UserId!.Value).Distinct().ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && !u.IsDisabled)
            .ToDictionaryAsync(u => u.Id, u => (u.OrganisationId, u.DisplayName), ct);
        if (accounts.Count != userIds.Count) errors["userId"] = ["Each member's user account exists and is not disabled."];
        members = [.. members.Select(m => m.UserId is { } u && accounts.TryGetValue(u, out var a)
            ? m with { OrganisationId = a.OrganisationId, Name = string.IsNullOrWhiteSpace(m.Name) ? a.DisplayName : m.Name }
            : m)];
        if (members.Any(m => string.IsNullOrWhiteSpace(m.Name) || m.Name.Length > 200 || (m.Function?.Length ?? 0) > 100))
            errors["members"] = ["Each member needs a name (at most 200 characters) and a function of at most 100."];
        var orgs = members.Select(m => m.OrganisationId).Distinct().ToList();
        if (await db.Organisations.CountAsync(o => orgs.Contains(o.Id) && o.IsActive, ct) != orgs.Count)
            errors["organisationId"] = ["Each member belongs to an active organisation."];
        return members;
    }
}
