using Sigur.Host;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Identification;

/// <summary>
/// An administrator writes the next version of a checklist (or the first of a new one) as a form: its title and every
/// indicator in the five languages, dimension and strength; blank rows add indicators, "remove" drops one. Publishing
/// goes through <see cref="ManageChecklists.Publish"/>, which keeps every earlier version unchanged.
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class ChecklistEditModel(SigurDb db, CurrentUser me, Platform.Audit.Audit audit, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>Blank rows offered for new indicators on each pass through the form.</summary>
    public const int BlankRows = 3;

    public static IReadOnlyList<string> Cultures => SigurHost.Cultures;

    public sealed class IndicatorRow
    {
        public string? Code { get; set; }
        public IndicatorDimension Dimension { get; set; }
        public IndicatorStrength Strength { get; set; } = IndicatorStrength.Medium;
        /// <summary>The text in each of <see cref="Cultures"/>, in that order.</summary>
        public string?[] Texts { get; set; } = new string?[SigurHost.Cultures.Length];
        public bool Remove { get; set; }
    }

    public sealed class ChecklistForm
    {
        public int Version { get; set; }
        public ChecklistAudience Audience { get; set; }
        public List<string> Forms { get; set; } = [];
        public string? Source { get; set; }
        public string?[] Titles { get; set; } = new string?[SigurHost.Cultures.Length];
        public List<IndicatorRow> Indicators { get; set; } = [];
    }

    [BindProperty] public ChecklistForm Form { get; set; } = new();
    public int? CurrentVersion { get; private set; }
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var current = await ChecklistLibrary.FindAsync(db, id, null, ct);
        CurrentVersion = current?.Version;
        Form = current is null ? new ChecklistForm { Version = 1 } : new ChecklistForm
        {
            Version = current.Version + 1,
            Audience = current.Audience,
            Forms = [.. current.Forms],
            Source = current.Source,
            Titles = [.. Cultures.Select(c => current.Title.GetValueOrDefault(c))],
            Indicators = [.. current.Indicators.Select(i => new IndicatorRow
            {
                Code = i.Code, Dimension = i.Dimension, Strength = i.Strength, Texts = [.. Cultures.Select(c => i.Text.GetValueOrDefault(c))],
            })],
        };
        AddBlankRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        var f = Form;
        var checklist = new IndicatorChecklist(id, f.Version, f.Audience, f.Forms, Texts(f.Titles), f.Source?.Trim() ?? "",
            [.. f.Indicators.Where(r => !r.Remove && !IsBlank(r))
                .Select(r => new Indicator(r.Code?.Trim() ?? "", r.Dimension, r.Strength, Texts(r.Texts)))]);
        var result = await ManageChecklists.Publish(id, checklist, db, me, audit, clock, ct);
        switch (result.Result)
        {
            case Created<ManageChecklists.Summary> { Value: { } published }:
                TempData["Message"] = string.Format(L["Version {0} of the checklist is published."], published.Version);
                return RedirectToPage("Checklist", new { id });
            case ValidationProblem invalid:
                ModelState.AddProblemErrors(invalid.ProblemDetails.Errors, "", L, []);
                break;
            case ProblemHttpResult:
                // Someone published in between: keep this form's work, and say which version it would now publish.
                CurrentVersion = (await ChecklistLibrary.FindAsync(db, id, null, ct))?.Version;
                f.Version = (CurrentVersion ?? 0) + 1;
                Refusal = string.Format(L["Version {0} of this checklist was published in the meantime. Look at it in the version history before publishing this form as version {1}."],
                    CurrentVersion, f.Version);
                break;
        }
        CurrentVersion = (await ChecklistLibrary.FindAsync(db, id, null, ct))?.Version;
        f.Indicators.RemoveAll(r => r.Remove || IsBlank(r));
        AddBlankRows();
        return Page();
    }

    private void AddBlankRows()
    {
        for (var i = 0; i < BlankRows; i++) Form.Indicators.Add(new IndicatorRow());
    }

    private static bool IsBlank(IndicatorRow r) => string.IsNullOrWhiteSpace(r.Code) && r.Texts.All(string.IsNullOrWhiteSpace);

    /// <summary>The filled-in translations by culture; a language left empty falls back to English when shown.</summary>
    private static Dictionary<string, string> Texts(string?[]? texts) =>
        Cultures.Select((c, i) => (c, Text: texts is not null && i < texts.Length ? texts[i]?.Trim() : null))
            .Where(x => !string.IsNullOrEmpty(x.Text)).ToDictionary(x => x.c, x => x.Text!);
}
