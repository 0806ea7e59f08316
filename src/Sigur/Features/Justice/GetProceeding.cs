using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.Justice;

/// <summary>
/// Proceedings as the police, prosecution and coordinator see them (everything, with defendants' names), and as a
/// case worker sees them (<see cref="ForVictim"/>: that they exist, their stage, the victim's role, protection and
/// compensation; never the suspects).
/// </summary>
public static class GetProceeding
{
    public const string Policy = Policies.CaseRead;
    public const string FilePolicy = Policies.Justice;

    public sealed record StageEntry(ProceedingStage Stage, DateOnly Date, string Reference);

    public sealed record ChargeEntry(Guid Id, Guid SuspectId, string Defendant, string Country, string Edition, string Article, string Paragraph,
        ProceedingStage Stage, DateOnly Date, string Reason, bool Current, Guid? SupersededById);

    public sealed record OutcomeEntry(Guid Id, Guid SuspectId, string Defendant, ProceedingStage Stage, Verdict Verdict, DateOnly Date, string Article,
        string Paragraph, int? SentenceMonths, bool Suspended, long? FineMinor, string? FineCurrency);

    public sealed record ClaimEntry(Guid Id, Guid? SuspectId, string Currency, long ClaimedMinor, long? AwardedMinor, long PaidMinor, DateOnly ClaimedOn);

    public sealed record ProceedingDetail(Guid Id, Guid CaseId, string CaseReference, string Country, ProceedingStage Stage, DateOnly StageDate,
        IReadOnlyList<ProceedingStage> NextStages, string PoliceReference, string ProsecutorReference, string CourtReference, VictimRole VictimRole,
        IReadOnlyList<string> ProtectionMeasures, NonPunishment NonPunishment, string NonPunishmentNote, string ConfiscationDescription,
        long? ConfiscatedMinor, string? ConfiscatedCurrency, long Version, IReadOnlyList<StageEntry> Stages, IReadOnlyList<ChargeEntry> Charges,
        IReadOnlyList<OutcomeEntry> Outcomes, IReadOnlyList<ClaimEntry> Claims);

    public sealed record ProceedingSummary(Guid Id, Guid CaseId, string CaseReference, ProceedingStage Stage, DateOnly StageDate, DateOnly OpenedOn);

    /// <summary>What a case worker may know: no references that lead to the suspects' files, no defendants.</summary>
    public sealed record VictimView(Guid Id, ProceedingStage Stage, DateOnly StageDate, IReadOnlyList<StageEntry> Stages, VictimRole VictimRole,
        IReadOnlyList<string> ProtectionMeasures, NonPunishment NonPunishment, IReadOnlyList<ClaimEntry> Claims);

    internal static Task<Proceeding?> LoadAsync(SigurDb db, Guid id, CancellationToken ct, bool tracking = true)
    {
        var q = db.Set<Proceeding>().Include(p => p.Stages).Include(p => p.Charges).Include(p => p.Outcomes).Include(p => p.Claims).AsSplitQuery();
        return (tracking ? q : q.AsNoTracking()).SingleOrDefaultAsync(p => p.Id == id, ct);
    }

    [Policy(FilePolicy)]
    public static async Task<Results<Ok<ProceedingDetail>, ProblemHttpResult>> Handle(Guid id, SigurDb db, Audit audit, CancellationToken ct)
    {
        var p = await LoadAsync(db, id, ct, tracking: false);
        if (p is null) return Problems.NotFound();
        await audit.ReadAsync(nameof(Proceeding), id, JusticeFieldGroups.Proceedings, JusticeFieldGroups.VictimInProceedings, JusticeFieldGroups.Suspects, FieldGroups.Narrative);
        return TypedResults.Ok(await DetailAsync(db, p, ct));
    }

    internal static async Task<ProceedingDetail> DetailAsync(SigurDb db, Proceeding p, CancellationToken ct)
    {
        var reference = await db.Cases.AsNoTracking().Where(c => c.Id == p.CaseId).Select(c => c.Reference).SingleOrDefaultAsync(ct) ?? "";
        var suspectIds = p.Charges.Select(c => c.SuspectId).Concat(p.Outcomes.Select(o => o.SuspectId)).Distinct().ToList();
        var names = (await db.Set<Suspect>().AsNoTracking().IgnoreQueryFilters().Where(s => suspectIds.Contains(s.Id)).ToListAsync(ct))
            .ToDictionary(s => s.Id, s => s.FullName);
        string Name(Guid id) => names.GetValueOrDefault(id, "");
        return new ProceedingDetail(p.Id, p.CaseId, reference, p.Country, p.Stage, Dates.Day(p.StageDate), Proceeding.Transitions[p.Stage],
            p.PoliceReference, p.ProsecutorReference, p.CourtReference, p.VictimRole, p.ProtectionMeasures, p.NonPunishment, p.NonPunishmentNote,
            p.ConfiscationDescription, p.ConfiscatedMinor, p.ConfiscatedCurrency, p.Version, Stages(p),
            [.. p.Charges.OrderBy(c => c.RecordedAt).Select(c => new ChargeEntry(c.Id, c.SuspectId, Name(c.SuspectId), c.Country, c.Edition, c.Article, c.Paragraph,
                c.Stage, Dates.Day(c.Date), c.Reason, c.SupersededAt is null, c.SupersededById))],
            [.. p.Outcomes.OrderBy(o => o.Date).ThenBy(o => o.RecordedAt).Select(o => new OutcomeEntry(o.Id, o.SuspectId, Name(o.SuspectId), o.Stage, o.Verdict,
                Dates.Day(o.Date), o.Article, o.Paragraph, o.SentenceMonths, o.Suspended, o.FineMinor, o.FineCurrency))],
            Claims(p));
    }

    private static List<StageEntry> Stages(Proceeding p) =>
        [.. p.Stages.OrderBy(s => s.RecordedAt).ThenBy(s => s.Id).Select(s => new StageEntry(s.Stage, Dates.Day(s.Date), s.Reference))];

    private static List<ClaimEntry> Claims(Proceeding p) =>
        [.. p.Claims.OrderBy(c => c.ClaimedOn).Select(c => new ClaimEntry(c.Id, c.SuspectId, c.Currency, c.ClaimedMinor, c.AwardedMinor, c.PaidMinor, Dates.Day(c.ClaimedOn)))];

    /// <summary>The proceedings in the user's scope, newest first (police, prosecution, coordinator).</summary>
    [Policy(FilePolicy)]
    public static async Task<Ok<IReadOnlyList<ProceedingSummary>>> List(SigurDb db, Audit audit, CancellationToken ct)
    {
        var rows = await (from p in db.Set<Proceeding>().AsNoTracking()
                          join c in db.Cases.AsNoTracking() on p.CaseId equals c.Id
                          orderby p.OpenedAt descending
                          select new { p.Id, p.CaseId, c.Reference, p.Stage, p.StageDate, p.OpenedAt }).Take(200).ToListAsync(ct);
        await audit.ListAsync(nameof(Proceeding), rows.Select(r => r.Id), JusticeFieldGroups.Proceedings);
        return TypedResults.Ok<IReadOnlyList<ProceedingSummary>>([.. rows.Select(r => new ProceedingSummary(r.Id, r.CaseId, r.Reference, r.Stage,
            Dates.Day(r.StageDate), Dates.Day(r.OpenedAt)))]);
    }

    /// <summary>The proceedings of a case as a case worker sees them.</summary>
    public static async Task<Results<Ok<IReadOnlyList<VictimView>>, ProblemHttpResult>> ForVictim(Guid caseId, SigurDb db, Audit audit, CancellationToken ct)
    {
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, ct)) return Problems.NotFound();
        var rows = await db.Set<Proceeding>().AsNoTracking().Include(p => p.Stages).Include(p => p.Claims).AsSplitQuery()
            .Where(p => p.CaseId == caseId).OrderBy(p => p.OpenedAt).ToListAsync(ct);
        await audit.ListAsync(nameof(Proceeding), rows.Select(r => r.Id), JusticeFieldGroups.VictimInProceedings);
        return TypedResults.Ok<IReadOnlyList<VictimView>>([.. rows.Select(p => new VictimView(p.Id, p.Stage, Dates.Day(p.StageDate),
            [.. Stages(p).Select(s => s with { Reference = "" })], p.VictimRole, p.ProtectionMeasures, p.NonPunishment, Claims(p)))]);
    }
}
