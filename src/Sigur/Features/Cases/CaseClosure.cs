using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Sigur.Data;
using Sigur.Features.Fund;
using Sigur.Features.Identification;
using Sigur.Features.Referrals;
using Sigur.Features.Shelters;
using Sigur.Platform;
using Sigur.Platform.Access;

namespace Sigur.Features.Cases;

/// <summary>
/// Start here for closing and reopening. One closure or reopening of a case, kept as history: the reason from the
/// list (closure) or in words (reopening), and what was still open and consciously carried over. A closed case is
/// read-only (<see cref="ClosedCaseGuard"/>); the one write it takes is its reopening.
/// </summary>
public sealed class CaseClosure : ICaseOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public ClosureStep Step { get; set; }
    /// <summary>Why the case was closed; null for a reopening.</summary>
    [FieldGroup(FieldGroups.CaseAdministration)] public ClosureReason? Reason { get; set; }
    /// <summary>The closure's remark or the reopening's reason, in the worker's words. Encrypted.</summary>
    [Sensitive(FieldGroups.Narrative)] public string Note { get; set; } = "";
    /// <summary>The open items (referrals, placements, disbursements, clocks) left open on purpose: they may still change on the closed case.</summary>
    [FieldGroup(FieldGroups.CaseAdministration)] public List<Guid> CarriedOver { get; set; } = [];
    public DateTime At { get; set; }
    public Guid By { get; set; }
}

public enum ClosureStep { Closed, Reopened }

/// <summary>The reasons a case is closed (the list case workers choose from).</summary>
public enum ClosureReason { GoalsMet, Returned, MovedAbroad, ContactLost, Deceased, NotAVictim, Transferred, Other }

public enum OpenItemKind { Referral, Placement, Disbursement, Clock }

/// <summary>Something still running on a case: to settle (on its own page) or carry over before the case is closed. <paramref name="State"/> is a code-list value (a status, a clock's type).</summary>
public sealed record OpenItem(OpenItemKind Kind, Guid Id, string State, DateOnly Since, string Link);

public static class CaseClosureModel
{
    public static DbSet<CaseClosure> CaseClosures(this SigurDb db) => db.Set<CaseClosure>();

    public static void Configure(SigurDb db, ModelBuilder b)
    {
        b.Entity<CaseClosure>(e =>
        {
            e.ToTable("case_closures");
            e.HasIndex(x => new { x.CaseId, x.At });
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        });
        db.ScopeToCase<CaseClosure>(b);
    }

    /// <summary>
    /// What is still open on a case, whoever's record it is: a referral, a shelter stay or a fund request may belong to
    /// the organisation that provides it, and the holder must still see that its case is not finished. Only states
    /// and dates are read, nothing encrypted.
    /// </summary>
    public static async Task<List<OpenItem>> OpenItemsAsync(SigurDb db, Guid caseId, CancellationToken ct)
    {
        var items = new List<OpenItem>();
        var referrals = await db.Set<Referral>().IgnoreQueryFilters().AsNoTracking().Where(r => r.CaseId == caseId && Referral.Active.Contains(r.Status))
            .Select(r => new { r.Id, r.Status, r.RequestedAt }).ToListAsync(ct);
        items.AddRange(referrals.Select(r => new OpenItem(OpenItemKind.Referral, r.Id, r.Status.ToString(), DateOnly.FromDateTime(r.RequestedAt), "/Referrals/Refer/" + caseId)));
        var stays = await db.Set<ShelterPlacement>().IgnoreQueryFilters().AsNoTracking().Where(p => p.CaseId == caseId && p.DischargedAt == null)
            .Select(p => new { p.Id, p.AdmittedAt }).ToListAsync(ct);
        items.AddRange(stays.Select(p => new OpenItem(OpenItemKind.Placement, p.Id, "", DateOnly.FromDateTime(p.AdmittedAt), "/Shelters")));
        var payments = await db.Set<Disbursement>().IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.CaseId == caseId && (d.Status == DisbursementStatus.Requested || d.Status == DisbursementStatus.Approved))
            .Select(d => new { d.Id, d.Status, d.RequestedAt }).ToListAsync(ct);
        items.AddRange(payments.Select(d => new OpenItem(OpenItemKind.Disbursement, d.Id, d.Status.ToString(), DateOnly.FromDateTime(d.RequestedAt), "/Fund")));
        var clocks = await db.LegalClocks().IgnoreQueryFilters().AsNoTracking().Where(k => k.CaseId == caseId && k.State == ClockState.Running)
            .Select(k => new { k.Id, k.Type, k.DueOn }).ToListAsync(ct);
        items.AddRange(clocks.Select(k => new OpenItem(OpenItemKind.Clock, k.Id, k.Type.ToString(), DateOnly.FromDateTime(k.DueOn), "/Identification/Case/" + caseId)));
        return items;
    }
}

/// <summary>
/// The one place a closed case is made read-only: every save that adds, changes or deletes the case or anything
/// hanging on it (any record with a CaseId) is refused while the case is closed, unless the save is the case's own
/// reopening (it records a <see cref="CaseClosure"/>), or the record was carried over at the closure. Registered as
/// a save participant, so no use case can forget it.
/// </summary>
public sealed class ClosedCaseGuard : ISaveParticipant
{
    // What follows the person rather than the case (a merge moves the cases, a corrected birth date restamps their
    // age at intake): a closed case keeps up with its person.
    private static readonly HashSet<string> Bookkeeping = [nameof(Case.PersonId), nameof(Case.AgeAtIntake), nameof(Case.Version)];

    public SaveWork? Prepare(ChangeTracker changes)
    {
        var touched = new List<(Guid CaseId, Guid? RecordId)>();
        var closingOrReopening = new HashSet<Guid>();
        foreach (var e in changes.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (e.Entity is CaseClosure { } step && e.State == EntityState.Added) closingOrReopening.Add(step.CaseId);
            else if (e.Entity is CaseNameToken) continue; // the name index follows the person, whichever of their cases is closed
            else if (e.Entity is Work.CaseTask { IsOpen: false } && e.State == EntityState.Modified) continue; // work may always end (a carried-over referral answered)
            else if (e.Entity is Case c)
            {
                if (e.State != EntityState.Modified || e.Properties.Any(p => p.IsModified && !Bookkeeping.Contains(p.Metadata.Name))) touched.Add((c.Id, c.Id));
            }
            else if (e.Metadata.FindProperty(nameof(ICaseOwned.CaseId)) is { } p && e.Property(p.Name).CurrentValue is Guid caseId)
                touched.Add((caseId, e.Metadata.FindPrimaryKey()?.Properties is [{ } key] && e.Property(key.Name).CurrentValue is Guid id ? id : null));
        }
        touched.RemoveAll(t => closingOrReopening.Contains(t.CaseId));
        if (touched.Count == 0) return null;
        return new SaveWork(InTransaction: async (db, ct) =>
        {
            var ids = touched.Select(t => t.CaseId).Distinct().ToList();
            var closed = await db.Cases.IgnoreQueryFilters().Where(c => ids.Contains(c.Id) && (c.Status == CaseStatus.Closed || c.Status == CaseStatus.ClosedReferred))
                .Select(c => c.Id).ToListAsync(ct);
            if (closed.Count == 0) return;
            var carried = (await db.CaseClosures().IgnoreQueryFilters().AsNoTracking().Where(x => closed.Contains(x.CaseId) && x.Step == ClosureStep.Closed)
                    .OrderByDescending(x => x.At).Select(x => new { x.CaseId, x.CarriedOver }).ToListAsync(ct))
                .GroupBy(x => x.CaseId).ToDictionary(g => g.Key, g => g.First().CarriedOver.ToHashSet());
            foreach (var (caseId, recordId) in touched)
            {
                if (!closed.Contains(caseId)) continue;
                if (recordId is { } id && carried.TryGetValue(caseId, out var kept) && kept.Contains(id)) continue;
                throw new ClosedCaseException();
            }
        });
    }
}
