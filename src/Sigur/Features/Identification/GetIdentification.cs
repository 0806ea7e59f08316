using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;
using static Sigur.Features.Identification.IdentificationSupport;

namespace Sigur.Features.Identification;

/// <summary>
/// Start here for identification: a case's whole identification picture in one read — the status and the decisions it
/// may take next, the history of decisions, reviews and appeals, the screenings with their summaries, the legal clocks,
/// and, for a child, the child-protection record. Audited as a read.
/// </summary>
public static class GetIdentification
{
    public const string Policy = Policies.CaseRead;

    public sealed record DecisionItem(
        Guid Id, int Sequence, DecisionKind Kind, IdentificationStatus From, IdentificationStatus To, Guid? ReviewOf, ReviewOutcome? Outcome,
        DateOnly DecidedOn, DecidingBodyType DecidingBodyType, string DecidingOrganisation, string FormalAuthority, string Reasons,
        DateTime RecordedAt, bool Reversed, bool Reviewable);

    public sealed record ScreeningItem(Guid Id, string ChecklistId, int ChecklistVersion, string ChecklistTitle, DateOnly ScreenedOn, string Screener,
        IReadOnlyList<string> Observed, string Notes, ScreeningSummary Summary);

    public sealed record ClockItem(
        Guid Id, ClockType Type, ClockState State, DateOnly StartsOn, DateOnly DueOn, DateOnly OriginalDueOn, DateOnly? CompletedOn, int DaysLeft,
        ReminderStage Stage, int Extensions, ResidencePermitType? PermitType, DateOnly? RenewalRequestedOn, DateOnly? RenewalDecidedOn,
        bool? RenewalGranted, int Renewals, Guid? SubjectId, string Notes, long Version);

    public sealed record ChildItem(
        Guid Id, long Version, string GuardianName, string GuardianAuthority, DateOnly? GuardianAppointedOn, DateOnly? BestInterestsAssessedOn,
        string BestInterestsAssessment, DateOnly? BestInterestsDeterminedOn, string BestInterestsDeterminedBy, string BestInterestsDetermination,
        string ChildViews, IReadOnlyList<string> Safeguards, string ProcedureNotes, DateOnly? AgeAssessedOn, AgeAssessmentOutcome? AgeAssessment,
        string AgeAssessedBy, string AgeAssessmentNotes);

    public sealed record Response(
        Guid CaseId, string CaseReference, IdentificationStatus Status, IReadOnlyList<IdentificationStatus> AllowedDecisions, bool IsChild,
        bool PresumedMinor, long CaseVersion, IReadOnlyList<DecisionItem> Decisions, IReadOnlyList<ScreeningItem> Screenings,
        IReadOnlyList<ClockItem> Clocks, ChildItem? Child, string? FormalAuthority);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(
        Guid caseId, SigurDb db, Platform.Audit.Audit audit, TimeProvider clock, IdentificationRules rules, CancellationToken ct)
    {
        var row = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new { Case = c, c.Person }).SingleOrDefaultAsync(ct);
        if (row?.Person is null) return NotFound();
        var c = row.Case;
        var today = Today(clock);
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;

        var decisions = await db.IdentificationDecisions().AsNoTracking().Where(d => d.CaseId == caseId).OrderBy(d => d.Sequence).ToListAsync(ct);
        var reversed = decisions.Where(d => d.Outcome == ReviewOutcome.Reversed && d.ReviewOf is not null).Select(d => d.ReviewOf!.Value).ToHashSet();
        var effective = decisions.Where(d => d.ChangesStatus).MaxBy(d => d.Sequence)?.Id;
        var screenings = await db.Screenings().AsNoTracking().Where(s => s.CaseId == caseId).OrderByDescending(s => s.ScreenedOn).ThenByDescending(s => s.RecordedAt).ToListAsync(ct);
        var clocks = await db.LegalClocks().AsNoTracking().Where(k => k.CaseId == caseId).OrderBy(k => k.State).ThenBy(k => k.DueOn).ToListAsync(ct);
        var child = await db.ChildProtections().AsNoTracking().SingleOrDefaultAsync(p => p.CaseId == caseId, ct);
        var country = await db.Organisations.AsNoTracking().Where(o => o.Id == c.OrganisationId).Select(o => o.Country).SingleAsync(ct);

        var screeningItems = new List<ScreeningItem>();
        foreach (var s in screenings)
        {
            var checklist = await ChecklistLibrary.FindAsync(db, s.ChecklistId, s.ChecklistVersion, ct);
            screeningItems.Add(new ScreeningItem(s.Id, s.ChecklistId, s.ChecklistVersion, checklist?.TitleIn(culture) ?? s.ChecklistId,
                LegalClock.DayOf(s.ScreenedOn), s.Screener, s.Observed, s.Notes,
                checklist is null ? new ScreeningSummary(s.Observed.Count, 0, [], false, false, false, ScreeningSummary.NotADecision) : ScreeningSummary.Of(checklist, s.Observed)));
        }

        var groups = new List<string> { FieldGroups.CaseAdministration, FieldGroups.Narrative, FieldGroups.Exploitation };
        if (child is not null) groups.AddRange([FieldGroups.Contact, FieldGroups.Profile]);
        await audit.ReadAsync("Identification", caseId, [.. groups]);

        var isChild = row.Person.IsChild(today);
        return TypedResults.Ok(new Response(
            c.Id, c.Reference, c.IdentificationStatus, Case.AllowedDecisions(c.IdentificationStatus), isChild,
            isChild && row.Person.PossiblyChild && row.Person.AgeOn(today) is null && child?.AgeAssessment is null or AgeAssessmentOutcome.Inconclusive,
            c.Version,
            [.. decisions.Select(d => new DecisionItem(d.Id, d.Sequence, d.Kind, d.From, d.To, d.ReviewOf, d.Outcome, LegalClock.DayOf(d.DecidedOn),
                d.DecidingBodyType, d.DecidingOrganisation, d.FormalAuthority, d.Reasons, d.RecordedAt, reversed.Contains(d.Id), d.Id == effective))],
            screeningItems,
            [.. clocks.Select(k => Clock(k, today))],
            child is null ? null : new ChildItem(child.Id, child.Version, child.GuardianName, child.GuardianAuthority, Day(child.GuardianAppointedOn),
                Day(child.BestInterestsAssessedOn), child.BestInterestsAssessment, Day(child.BestInterestsDeterminedOn), child.BestInterestsDeterminedBy,
                child.BestInterestsDetermination, child.ChildViews, child.Safeguards, child.ProcedureNotes, Day(child.AgeAssessedOn), child.AgeAssessment,
                child.AgeAssessedBy, child.AgeAssessmentNotes),
            rules.FormalAuthority(country)));
    }

    internal static ClockItem Clock(LegalClock k, DateOnly today)
    {
        var due = LegalClock.DayOf(k.DueOn);
        return new ClockItem(k.Id, k.Type, k.State, LegalClock.DayOf(k.StartsOn), due, LegalClock.DayOf(k.OriginalDueOn), Day(k.CompletedOn),
            due.DayNumber - today.DayNumber, k.StageOn(today), k.Extensions, k.PermitType, Day(k.RenewalRequestedOn), Day(k.RenewalDecidedOn),
            k.RenewalGranted, k.Renewals, k.SubjectId, k.Notes, k.Version);
    }

    private static DateOnly? Day(DateTime? d) => d is { } v ? LegalClock.DayOf(v) : null;
}
