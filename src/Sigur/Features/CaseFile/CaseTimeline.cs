using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Assistance;
using Sigur.Features.Cases;
using Sigur.Features.Fund;
using Sigur.Features.Identification;
using Sigur.Features.Justice;
using Sigur.Features.Referrals;
using Sigur.Features.Shelters;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.CaseFile;

/// <summary>
/// Everything that happened to a case, newest first, built from the records themselves (nothing is copied into a log
/// of its own, so the timeline cannot disagree with them): registration, screenings and decisions, legal clocks,
/// consents and referrals, shelter placements, services, disbursements, proceedings, journal notes and documents.
/// Each record is read through SigurDb's filters, so a reader sees exactly the events of the records they may see: an
/// organisation the case is referred to sees its own referral, its disbursements and the notes and documents of the
/// groups its consent covers, and no more. Filterable by kind.
/// </summary>
public static class CaseTimeline
{
    public const string Policy = Policies.CaseRead;

    /// <summary>
    /// One event. <paramref name="Label"/> is a string-table key ("ServiceType.Medical") that says what, in the reader's
    /// language; <paramref name="Text"/> is a note's text; <paramref name="Who"/> the writer of a note or document.
    /// </summary>
    public sealed record Entry(DateTime At, TimelineKind Kind, TimelineEvent Event, Guid RecordId, string? Label = null, string? Text = null,
        Platform.Access.DataGroup? Group = null, string? Who = null);

    public sealed record Response(Guid CaseId, string Reference, IReadOnlyList<Entry> Entries);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(Guid id, TimelineKind[]? kind, SigurDb db, Audit audit, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Id, x.Reference, x.RegisteredAt, x.IntakeChannel, x.PersonId }).SingleOrDefaultAsync(ct);
        if (c is null) return Problems.NotFound();
        var kinds = kind is { Length: > 0 } ? kind.ToHashSet() : [.. Enum.GetValues<TimelineKind>()];
        var entries = new List<Entry>();
        if (kinds.Contains(TimelineKind.Registration))
            entries.Add(new(c.RegisteredAt, TimelineKind.Registration, TimelineEvent.Registered, c.Id, Label(c.IntakeChannel)));
        if (kinds.Contains(TimelineKind.Identification))
        {
            foreach (var s in await db.Screenings().AsNoTracking().Where(x => x.CaseId == id).Select(x => new { x.Id, x.RecordedAt }).ToListAsync(ct))
                entries.Add(new(s.RecordedAt, TimelineKind.Identification, TimelineEvent.Screened, s.Id));
            foreach (var d in await db.IdentificationDecisions().AsNoTracking().Where(x => x.CaseId == id).Select(x => new { x.Id, x.RecordedAt, x.To, x.Kind }).ToListAsync(ct))
                entries.Add(new(d.RecordedAt, TimelineKind.Identification, d.Kind == DecisionKind.Decision ? TimelineEvent.Decided : TimelineEvent.Reviewed, d.Id, Label(d.To)));
        }
        if (kinds.Contains(TimelineKind.Clock))
            foreach (var k in await db.LegalClocks().AsNoTracking().Where(x => x.CaseId == id).Select(x => new { x.Id, x.Type, x.StartsOn, x.CompletedOn }).ToListAsync(ct))
            {
                entries.Add(new(k.StartsOn, TimelineKind.Clock, TimelineEvent.ClockStarted, k.Id, Label(k.Type)));
                if (k.CompletedOn is { } done) entries.Add(new(done, TimelineKind.Clock, TimelineEvent.ClockCompleted, k.Id, Label(k.Type)));
            }
        if (kinds.Contains(TimelineKind.Consent))
            foreach (var k in await db.Set<Consent>().AsNoTracking().Where(x => x.CaseId == id).Select(x => new { x.Id, x.Basis, x.RecordedAt, x.WithdrawnAt }).ToListAsync(ct))
            {
                entries.Add(new(k.RecordedAt, TimelineKind.Consent, TimelineEvent.ConsentRecorded, k.Id, Label(k.Basis)));
                if (k.WithdrawnAt is { } w) entries.Add(new(w, TimelineKind.Consent, TimelineEvent.ConsentWithdrawn, k.Id, Label(k.Basis)));
            }
        if (kinds.Contains(TimelineKind.Referral))
            foreach (var r in await db.Set<Referral>().AsNoTracking().Where(x => x.CaseId == id)
                         .Select(x => new { x.Id, x.Status, x.RequestedAt, x.AnsweredAt, x.CompletedAt, x.RevokedAt }).ToListAsync(ct))
            {
                entries.Add(new(r.RequestedAt, TimelineKind.Referral, TimelineEvent.ReferralRequested, r.Id));
                if (r.AnsweredAt is { } a) entries.Add(new(a, TimelineKind.Referral, TimelineEvent.ReferralAnswered, r.Id,
                    Label(r.Status is ReferralStatus.Declined ? ReferralStatus.Declined : ReferralStatus.Accepted)));
                if (r.CompletedAt is { } done) entries.Add(new(done, TimelineKind.Referral, TimelineEvent.ReferralCompleted, r.Id));
                if (r.RevokedAt is { } rev) entries.Add(new(rev, TimelineKind.Referral, TimelineEvent.ReferralRevoked, r.Id));
            }
        if (kinds.Contains(TimelineKind.Placement))
            foreach (var p in await db.Set<ShelterPlacement>().AsNoTracking().Where(x => x.CaseId == id).Select(x => new { x.Id, x.AdmittedAt, x.DischargedAt }).ToListAsync(ct))
            {
                entries.Add(new(p.AdmittedAt, TimelineKind.Placement, TimelineEvent.Admitted, p.Id));
                if (p.DischargedAt is { } d) entries.Add(new(d, TimelineKind.Placement, TimelineEvent.Discharged, p.Id));
            }
        if (kinds.Contains(TimelineKind.Service))
            foreach (var s in await db.Set<PlannedService>().AsNoTracking().Where(x => x.CaseId == id).Select(x => new { x.Id, x.Type, x.PlannedOn, x.DeliveredOn }).ToListAsync(ct))
            {
                entries.Add(new(s.PlannedOn, TimelineKind.Service, TimelineEvent.ServicePlanned, s.Id, Label(s.Type)));
                if (s.DeliveredOn is { } d) entries.Add(new(d, TimelineKind.Service, TimelineEvent.ServiceDelivered, s.Id, Label(s.Type)));
            }
        if (kinds.Contains(TimelineKind.Disbursement))
            foreach (var d in await db.Set<Disbursement>().AsNoTracking().Where(x => x.CaseId == id)
                         .Select(x => new { x.Id, x.Category, x.Status, x.RequestedAt, x.DecidedAt, x.PaidOn }).ToListAsync(ct))
            {
                entries.Add(new(d.RequestedAt, TimelineKind.Disbursement, TimelineEvent.DisbursementRequested, d.Id, Label(d.Category)));
                if (d.DecidedAt is { } at) entries.Add(new(at, TimelineKind.Disbursement, TimelineEvent.DisbursementDecided, d.Id,
                    Label(d.Status == DisbursementStatus.Rejected ? DisbursementStatus.Rejected : DisbursementStatus.Approved)));
                if (d.PaidOn is { } paid) entries.Add(new(paid, TimelineKind.Disbursement, TimelineEvent.DisbursementPaid, d.Id, Label(d.Category)));
            }
        if (kinds.Contains(TimelineKind.Proceeding))
            foreach (var s in await db.Set<ProceedingStageEvent>().AsNoTracking().Where(x => x.CaseId == id).Select(x => new { x.ProceedingId, x.Stage, x.Date }).ToListAsync(ct))
                entries.Add(new(s.Date, TimelineKind.Proceeding, TimelineEvent.ProceedingStage, s.ProceedingId, Label(s.Stage)));
        var notes = kinds.Contains(TimelineKind.Note)
            ? await db.Set<CaseNote>().AsNoTracking().Where(x => x.CaseId == id).ToListAsync(ct) : [];
        foreach (var n in notes)
            entries.Add(new(n.WrittenAt, TimelineKind.Note, TimelineEvent.NoteWritten, n.Id, Label(n.Group), n.Text, n.Group, n.WrittenByName));
        if (kinds.Contains(TimelineKind.Document))
        {
            foreach (var d in await Documents.VisibleAsync(db, db.Set<CaseDocument>().Where(x => x.CaseId == id), c.PersonId, ct))
                entries.Add(new(d.UploadedAt, TimelineKind.Document, TimelineEvent.DocumentAdded, d.Id, Label(d.Kind), Group: d.Group, Who: d.UploadedBy));
        }
        // What was shown is what was read: the notes' text is narrative, the rest the case's administration.
        await audit.ReadAsync("CaseTimeline", id, notes.Count > 0 ? [FieldGroups.CaseAdministration, FieldGroups.Narrative] : [FieldGroups.CaseAdministration]);
        return TypedResults.Ok(new Response(c.Id, c.Reference, [.. entries.OrderByDescending(e => e.At).ThenByDescending(e => e.RecordId)]));
    }

    private static string Label<T>(T value) where T : struct, Enum => $"{typeof(T).Name}.{value}";
}

public enum TimelineKind { Registration, Identification, Clock, Consent, Referral, Placement, Service, Disbursement, Proceeding, Note, Document }

public enum TimelineEvent
{
    Registered, Screened, Decided, Reviewed, ClockStarted, ClockCompleted, ConsentRecorded, ConsentWithdrawn, ReferralRequested, ReferralAnswered,
    ReferralCompleted, ReferralRevoked, Admitted, Discharged, ServicePlanned, ServiceDelivered, DisbursementRequested, DisbursementDecided,
    DisbursementPaid, ProceedingStage, NoteWritten, DocumentAdded,
}
