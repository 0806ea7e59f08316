using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.MobileTeams;

/// <summary>One team: its members, its field visits, a form to record one, and its report for a period.</summary>
[Authorize(Policy = Policies.MobileTeams)]
public sealed class TeamModel(SigurDb db, CurrentUser me, Platform.Audit.Audit audit, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public ManageTeams.TeamView Team { get; private set; } = null!;
    public List<RecordFieldVisit.VisitView> Visits { get; private set; } = [];
    public TeamReport.Response? Report { get; private set; }
    public List<Organisation> Organisations { get; private set; } = [];
    public bool Coordinates => Team.CoordinatorOrganisationId == me.OrganisationId;

    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    [BindProperty] public DateOnly? VisitedOn { get; set; }
    [BindProperty] public string? Region { get; set; }
    [BindProperty] public string? Place { get; set; }
    [BindProperty] public List<Guid> Present { get; set; } = [];
    [BindProperty] public int PersonsMet { get; set; }
    [BindProperty] public string? Indicators { get; set; }
    [BindProperty] public int Identifications { get; set; }
    [BindProperty] public int Referrals { get; set; }
    [BindProperty] public string? CaseReferences { get; set; }
    [BindProperty] public Guid MemberOrganisation { get; set; }
    [BindProperty] public string? MemberName { get; set; }
    [BindProperty] public string? MemberFunction { get; set; }
    [BindProperty] public Guid? MemberAccount { get; set; }
    /// <summary>The user accounts a member can be chosen among: active staff of active organisations, by name.</summary>
    public List<(Guid Id, string Label)> Accounts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostVisitAsync(Guid id, CancellationToken ct)
    {
        static List<string> Split(string? s) => [.. (s ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        var result = await RecordFieldVisit.Handle(id, new RecordFieldVisit.Request(VisitedOn ?? default, Region ?? "", Place ?? "", Present, PersonsMet,
            Split(Indicators), Identifications, Referrals, Split(CaseReferences)), db, me, clock, ct);
        return await AfterAsync(id, result.Result, ct);
    }

    public async Task<IActionResult> OnPostMemberAsync(Guid id, CancellationToken ct) =>
        await AfterAsync(id, (await ManageTeams.AddMember(id, new ManageTeams.MemberInput(MemberOrganisation, MemberName ?? "", MemberFunction, MemberAccount), db, me, ct)).Result, ct);

    private Task<IActionResult> AfterAsync(Guid id, IResult result, CancellationToken ct) =>
        this.AnswerAsync(result, L, L["Saved."], () => RedirectToPage("Team", new { id }), async () => await LoadAsync(id, ct) ? Page() : NotFound());

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await ManageTeams.Get(id, db, me, ct) is not { Result: Ok<ManageTeams.TeamView> { Value: { } team } }) return false;
        Team = team;
        if (await RecordFieldVisit.List(id, db, me, audit, ct) is { Result: Ok<List<RecordFieldVisit.VisitView>> { Value: { } visits } }) Visits = visits;
        if (await TeamReport.Handle(id, From, To, db, me, clock, ct) is { Result: Ok<TeamReport.Response> { Value: { } report } }) Report = report;
        Organisations = await db.Organisations.AsNoTracking().Where(o => o.IsActive).OrderBy(o => o.Name).ToListAsync(ct);
        if (Coordinates)
            Accounts = [.. (await db.Users.AsNoTracking().Where(u => !u.IsDisabled && u.Role != Role.Administrator)
                    .Join(db.Organisations.Where(o => o.IsActive), u => u.OrganisationId, o => o.Id, (u, o) => new { u.Id, u.DisplayName, Organisation = o.Name })
                    .OrderBy(x => x.DisplayName).Take(1000).ToListAsync(ct))
                .Select(x => (x.Id, $"{x.DisplayName} ({x.Organisation})"))];
        return true;
    }

    public string OrganisationName(Guid id) => Organisations.FirstOrDefault(o => o.Id == id)?.Name ?? "–";
}
