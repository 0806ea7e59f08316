using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Referrals;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Services;

/// <summary>The service directory: search it (<see cref="SearchServices"/>), and add one's organisation's services (<see cref="EditService"/>).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(SigurDb db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty(SupportsGet = true)] public SearchServices.Query Query { get; set; } = new();
    [BindProperty] public ServiceForm Form { get; set; } = new();
    public List<ServiceView> Results { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Results = await SearchServices.Handle(Query, db, ct);

    [Policy(EditService.Policy)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await EditService.Add(Form.ToRequest(), db, me, clock, ct);
        if (ModelState.Take(result.Result, L) == Outcome.Done)
        {
            TempData["Message"] = L["Saved."].Value;
            return RedirectToPage("Index");
        }
        Results = await SearchServices.Handle(Query, db, ct);
        return Page();
    }

    public bool MayEdit(ServiceView s) => me.May(Policies.ServiceDirectoryEdit) && (me.Role == Role.Administrator || s.OrganisationId == me.OrganisationId);
}

/// <summary>The directory entry's form fields, shared by the add and edit pages.</summary>
public sealed class ServiceForm
{
    public ServiceType Type { get; set; }
    public string? Name { get; set; }
    public string? Region { get; set; }
    /// <summary>Comma-separated two-letter codes.</summary>
    public string? Languages { get; set; }
    public bool ServesFemale { get; set; } = true;
    public bool ServesMale { get; set; } = true;
    public bool ServesAdults { get; set; } = true;
    public bool ServesChildren { get; set; }
    public string? OpeningHours { get; set; }
    public string? Contact { get; set; }
    public int? Capacity { get; set; }
    public bool IsActive { get; set; } = true;
    public long Version { get; set; }

    public EditService.Request ToRequest() => new(Type, Name ?? "", Region ?? "",
        [.. (Languages ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries)], ServesFemale, ServesMale, ServesAdults, ServesChildren,
        OpeningHours, Contact, Capacity, null, IsActive, Version);

    public static ServiceForm From(ServiceView s) => new()
    {
        Type = s.Type, Name = s.Name, Region = s.Region, Languages = string.Join(", ", s.Languages), ServesFemale = s.ServesFemale, ServesMale = s.ServesMale,
        ServesAdults = s.ServesAdults, ServesChildren = s.ServesChildren, OpeningHours = s.OpeningHours, Contact = s.Contact, Capacity = s.Capacity,
        IsActive = s.IsActive, Version = s.Version,
    };
}
