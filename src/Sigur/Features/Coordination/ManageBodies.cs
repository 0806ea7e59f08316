using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Web;

namespace Sigur.Features.Coordination;

/// <summary>Convenes a body (the user's organisation is its secretariat), seats institutions in it, lists and shows bodies.</summary>
public static class ManageBodies
{
    public const string Policy = Policies.CoordinationManage;
    public const string ReadPolicy = Policies.Coordination;

    public sealed record Request(string Name, BodyKind Kind, Guid? ParentBodyId = null, string? Region = null);
    public sealed record MemberInput(Guid InstitutionId, string Person, MemberRole Role, string? Deputy, DateOnly TermStart, DateOnly? TermEnd);

    public sealed record MemberView(Guid Id, Guid InstitutionId, string Person, MemberRole Role, string Deputy, DateOnly TermStart, DateOnly? TermEnd);
    public sealed record BodyView(Guid Id, Guid ConvenerOrganisationId, string Name, BodyKind Kind, Guid? ParentBodyId, string Region,
        IReadOnlyList<MemberView> Members, long Version)
    {
        public static BodyView From(Body b) => new(b.Id, b.OrganisationId, b.Name, b.Kind, b.ParentBodyId, b.Region,
            [.. b.Members.OrderBy(m => m.Role).ThenBy(m => m.Person).Select(m => new MemberView(m.Id, m.InstitutionId, m.Person, m.Role, m.Deputy, m.TermStart, m.TermEnd))], b.Version);
    }

    public static async Task<Results<Created<BodyView>, ValidationProblem, ProblemHttpResult>> Create(
        Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200) errors["name"] = ["Required, at most 200 characters."];
        if (!Enum.IsDefined(request.Kind)) errors["kind"] = ["Unknown kind of body."];
        if ((request.Region?.Length ?? 0) > 100) errors["region"] = ["At most 100 characters."];
        if (request.ParentBodyId is { } parent && !await db.Held<Body>().AnyAsync(b => b.Id == parent, ct))
            errors["parentBodyId"] = ["The body it reports to must be one your organisation convenes."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var body = new Body
        {
            OrganisationId = user.OrganisationId!.Value, Name = request.Name.Trim(), Kind = request.Kind, ParentBodyId = request.ParentBodyId,
            Region = request.Region?.Trim() ?? "", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(body);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/coordination/bodies/{body.Id}", BodyView.From(body));
    }

    /// <summary>Only the convening organisation seats members; an institution may hold several seats (a member and an observer).</summary>
    public static async Task<Results<Created<MemberView>, ValidationProblem, ProblemHttpResult>> AddMember(
        Guid id, MemberInput request, SigurDb db, CancellationToken ct)
    {
        var body = await db.Held<Body>().SingleOrDefaultAsync(b => b.Id == id, ct);
        if (body is null) return Problems.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Person) || request.Person.Length > 200) errors["person"] = ["Required, at most 200 characters."];
        if ((request.Deputy?.Length ?? 0) > 200) errors["deputy"] = ["At most 200 characters."];
        if (!Enum.IsDefined(request.Role)) errors["role"] = ["Unknown role in the body."];
        if (request.TermEnd is { } end && end < request.TermStart) errors["termEnd"] = ["The term ends after it starts."];
        if (!await db.Organisations.AnyAsync(o => o.Id == request.InstitutionId && o.IsActive, ct)) errors["institutionId"] = ["An active organisation."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var member = new BodyMember
        {
            BodyId = id, InstitutionId = request.InstitutionId, Person = request.Person.Trim(), Role = request.Role, Deputy = request.Deputy?.Trim() ?? "",
            TermStart = request.TermStart, TermEnd = request.TermEnd,
        };
        db.Add(member);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/coordination/bodies/{id}", new MemberView(member.Id, member.InstitutionId, member.Person, member.Role, member.Deputy, member.TermStart, member.TermEnd));
    }

    [Policy(ReadPolicy)]
    public static async Task<List<BodyView>> List(SigurDb db, CurrentUser user, CancellationToken ct) =>
        (await CoordinationAccess.Bodies(db, user).AsNoTracking().Include(b => b.Members).OrderBy(b => b.Name).Take(500).ToListAsync(ct)).ConvertAll(BodyView.From);

    [Policy(ReadPolicy)]
    public static async Task<Results<Ok<BodyView>, ProblemHttpResult>> Get(Guid id, SigurDb db, CurrentUser user, CancellationToken ct)
    {
        var body = await CoordinationAccess.Bodies(db, user).AsNoTracking().Include(b => b.Members).SingleOrDefaultAsync(b => b.Id == id, ct);
        return body is null ? Problems.NotFound() : TypedResults.Ok(BodyView.From(body));
    }
}
