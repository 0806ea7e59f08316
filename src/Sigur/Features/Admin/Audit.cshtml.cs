using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Audit;

namespace Sigur.Features.Admin;

/// <summary>
/// The audit log (<see cref="AuditLogQuery"/>) with its filters. The filters are identifiers, action names and dates,
/// never personal data, so they may sit in the address and the page can be bookmarked.
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class AuditModel(SigurDb db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public Guid? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? OrganisationId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? RecordId { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<AuditLogQuery.Row> Rows { get; private set; } = [];
    public Dictionary<Guid, string> UserNames { get; private set; } = [];
    public Dictionary<Guid, string> Organisations { get; private set; } = [];

    public static IReadOnlyList<string> Actions => AuditActionText.All;
    /// <summary>The stored form of each action and the action it names, for its label.</summary>
    public static readonly IReadOnlyDictionary<string, AuditAction> ActionOf = Enum.GetValues<AuditAction>().ToDictionary(a => a.Text());
    /// <summary>The references of the cases the shown rows name: a case is known by its reference, not its id.</summary>
    public Dictionary<Guid, string> CaseReferences { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        // One more row than shown tells whether there is a next page.
        Rows = await AuditLogQuery.Handle(new AuditLogQuery.Filter(UserId, OrganisationId, Action, RecordId?.Trim(),
            From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), To?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            PageNumber, PageSize), db, ct);
        // People by name, with the account name that tells two of the same name apart.
        UserNames = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => $"{u.DisplayName} ({u.UserName})", ct);
        var caseIds = Rows.Where(r => r.RecordType == nameof(Features.Cases.Case)).SelectMany(r => (r.RecordIds ?? "").Split(' '))
            .Select(id => Guid.TryParse(id, out var g) ? g : (Guid?)null).OfType<Guid>().Distinct().ToList();
        // The administrator reads no case; the reference is what identifies a case without saying anything about its person.
        CaseReferences = caseIds.Count == 0 ? [] : await db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Reference, ct);
        Organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    public Dictionary<string, string?> RouteFor(int page) => new()
    {
        ["UserId"] = UserId?.ToString(), ["OrganisationId"] = OrganisationId?.ToString(), ["Action"] = Action, ["RecordId"] = RecordId,
        ["From"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["To"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
