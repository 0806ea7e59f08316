using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.CaseFile;

/// <summary>
/// The case file on paper, as PDF in the reader's interface language: the case summary (what the reader may see of
/// the case and its timeline, so a referral recipient's printout holds no more than their screen), and a consent form
/// for the person (for a child, the guardian) to sign — the holding organisation's, which records the consent. Each
/// printout is audited as an export: the data leave Sigur on paper.
/// </summary>
public static class Printouts
{
    public const string Policy = Policies.CaseRead;

    public sealed record Pdf(byte[] Bytes, string Name);

    public static async Task<Pdf?> SummaryAsync(Guid id, SigurDb db, Audit audit, CurrentUser user, IStringLocalizer L, CancellationToken ct)
    {
        var row = await db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => new { Case = c, c.Person }).SingleOrDefaultAsync(ct);
        if (row?.Person is null) return null;
        var c = CaseDetail.From(row.Case, row.Person, db.Today);
        if (await CaseTimeline.Handle(id, null, db, audit, ct) is not { Result: Ok<CaseTimeline.Response> { Value: { } timeline } }) return null;
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == c.OrganisationId).Select(o => o.Name).SingleAsync(ct);

        using var pdf = new PdfPages($"{L["Case summary"]} {c.Reference}", await CaseFileLookups.NameOfAsync(db, user, ct));
        pdf.Text($"{L["Case summary"]} {c.Reference}", pdf.Title);
        pdf.Text(string.Format(CultureInfo.CurrentCulture, L["Printed {0} by {1}."], db.Today.ToString("D", CultureInfo.CurrentCulture), await CaseFileLookups.NameOfAsync(db, user, ct)));
        pdf.Gap();
        pdf.Text(L["Person"], pdf.Bold);
        var p = c.Person;
        pdf.Field(L["Name"], $"{p.GivenName} {p.FamilyName}".Trim());
        pdf.Field(L["Aliases"], string.Join(", ", p.Aliases));
        pdf.Field(L["Sex"], L.Label(p.Sex));
        pdf.Field(L["Date of birth"], p.DateOfBirth);
        pdf.Field(L["Estimated age"], p.EstimatedAge?.ToString(CultureInfo.CurrentCulture) ?? "");
        pdf.Field(L["Child"], p.IsChild ? L["Yes"] : L["No"]);
        pdf.Field(L["Citizenships"], string.Join(", ", p.Citizenships));
        pdf.Gap();
        pdf.Text(L["Case"], pdf.Bold);
        pdf.Field(L["Holding organisation"], organisation);
        pdf.Field(L["Intake channel"], L.Label(c.IntakeChannel));
        pdf.Field(L["Intake date"], c.IntakeDate.ToString("D", CultureInfo.CurrentCulture));
        pdf.Field(L["Case status"], L.Label(c.Status));
        pdf.Field(L["Identification status"], L.Label(c.IdentificationStatus));
        pdf.Field(L["Forms of exploitation"], string.Join(", ", c.FormsOfExploitation.Select(L.FormLabel)));
        pdf.Field(L["Region"], L.RegionLabel(c.Region));
        pdf.Field(L["Narrative"], c.Narrative);
        pdf.Gap();
        pdf.Text(L["Timeline"], pdf.Bold);
        foreach (var e in timeline.Entries)
        {
            var what = L[$"TimelineEvent.{e.Event}"] + (e.Label is null ? "" : ": " + L[e.Label]);
            pdf.Field(e.At.ToString("d", CultureInfo.CurrentCulture), e.Text is null ? what : $"{what} — {e.Text}");
        }
        await audit.EventAsync(AuditAction.Export, nameof(Case), id.ToString(), reason: "case summary (PDF)");
        return new Pdf(pdf.ToArray(), $"case-{c.Reference}.pdf");
    }

    public static async Task<Pdf?> ConsentFormAsync(Guid id, SigurDb db, Audit audit, CurrentUser user, IStringLocalizer L, CancellationToken ct)
    {
        var row = await db.Held<Case>().AsNoTracking().Where(c => c.Id == id).Select(c => new { Case = c, c.Person }).SingleOrDefaultAsync(ct);
        if (row?.Person is null) return null;
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == row.Case.OrganisationId).Select(o => o.Name).SingleAsync(ct);
        var child = row.Person.IsChild(db.Today);

        using var pdf = new PdfPages($"{L["Consent to share data"]} {row.Case.Reference}", await CaseFileLookups.NameOfAsync(db, user, ct));
        pdf.Text(L["Consent to share data"], pdf.Title);
        pdf.Field(L["Reference"], row.Case.Reference);
        pdf.Field(L["Name"], row.Person.FullName);
        pdf.Field(L["Holding organisation"], organisation);
        pdf.Gap();
        pdf.Text(string.Format(CultureInfo.CurrentCulture, L["I agree that {0} shares the data ticked below with the organisations named below, for the purpose stated, until the date stated. I may withdraw this consent at any time, and the organisations then lose access at once."], organisation));
        pdf.Gap();
        pdf.Text(L["Data that may be shared"], pdf.Bold);
        foreach (var group in Enum.GetValues<DataGroup>()) pdf.Text("☐  " + L.Label(group));
        pdf.WritingLine(L["Organisations that may receive them"]);
        pdf.WritingLine(L["Purpose"]);
        pdf.WritingLine(L["Valid until"]);
        pdf.Gap();
        pdf.WritingLine(child ? L["Signature of the guardian (for a child)"] : L["Signature of the person"]);
        if (child) pdf.WritingLine(L["Name of the guardian"]);
        pdf.WritingLine(L["Signature of the case worker"]);
        pdf.WritingLine(L["Place and date"]);
        await audit.EventAsync(AuditAction.Export, nameof(Case), id.ToString(), reason: "consent form (PDF)");
        return new Pdf(pdf.ToArray(), $"consent-{row.Case.Reference}.pdf");
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CaseSummaryPdf(Guid id, SigurDb db, Audit audit, CurrentUser user,
        IStringLocalizer<SharedResource> L, CancellationToken ct) =>
        await SummaryAsync(id, db, audit, user, L, ct) is { } pdf ? TypedResults.File(pdf.Bytes, "application/pdf", pdf.Name) : Problems.NotFound();

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ConsentFormPdf(Guid id, SigurDb db, Audit audit, CurrentUser user,
        IStringLocalizer<SharedResource> L, CancellationToken ct) =>
        await ConsentFormAsync(id, db, audit, user, (IStringLocalizer)L, ct) is { } pdf ? TypedResults.File(pdf.Bytes, "application/pdf", pdf.Name) : Problems.NotFound();
}
