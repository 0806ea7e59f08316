using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.Hotline;

/// <summary>
/// The hotline's log, newest first, and one contact in full. The log shows what a shift needs to see at a glance
/// (reference, time, channel, caller type, urgency, region, outcome, case) and never the story or the caller's details,
/// which only the single contact shows, audited as a read.
/// </summary>
public static class ListContacts
{
    public const string Policy = Policies.Hotline;

    public sealed record Item(Guid Id, string Reference, DateTime ReceivedAt, ContactChannel Channel, CallerType CallerType, ContactUrgency Urgency,
        string Language, string Region, bool Anonymous, ContactOutcome Outcome, DateOnly? FollowUpOn, Guid? CaseId, string RegionName,
        string? CaseReference = null);

    public sealed record Response(IReadOnlyList<Item> Items, int Page, int PageSize, bool HasMore);

    public sealed record Detail(Guid Id, string Reference, DateTime ReceivedAt, ContactChannel Channel, CallerType CallerType, ContactUrgency Urgency,
        string Language, bool Anonymous, string CallerContact, string Region, string WhatHappened, string AdviceGiven, ContactOutcome Outcome,
        string FollowUp, DateOnly? FollowUpOn, Guid? OperatorId, Guid? CaseId, long Version, string RegionName);

    public static async Task<Response> List(int? page, int? pageSize, Guid? caseId, bool? open, SigurDb db, Audit audit, CancellationToken ct)
    {
        var size = Math.Clamp(pageSize ?? 50, 1, 200);
        var number = Math.Max(page ?? 1, 1);
        var query = db.HotlineContacts().AsNoTracking();
        if (caseId is { } id) query = query.Where(c => c.CaseId == id);
        if (open == true) query = query.Where(c => c.CaseId == null);
        var rows = await query.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).Skip((number - 1) * size).Take(size + 1).ToListAsync(ct);
        var hasMore = rows.Count > size;
        if (hasMore) rows.RemoveAt(size);
        await audit.ListAsync(nameof(HotlineContact), rows.Select(r => r.Id), FieldGroups.CaseAdministration, FieldGroups.Location);
        // The case a contact became, by its reference (what the shift quotes), as far as the reader may see it.
        var caseIds = rows.Where(r => r.CaseId is not null).Select(r => r.CaseId!.Value).Distinct().ToList();
        Dictionary<Guid, string> references = caseIds.Count == 0 ? [] : await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Reference, ct);
        return new Response([.. rows.Select(c => new Item(c.Id, c.Reference, c.ReceivedAt, c.Channel, c.CallerType, c.Urgency, c.Language, c.Region,
            c.Anonymous, c.Outcome, c.FollowUpOn is { } f ? DateOnly.FromDateTime(f) : null, c.CaseId, Regions.Name(c.Region),
            c.CaseId is { } id ? references.GetValueOrDefault(id) : null))], number, size, hasMore);
    }

    public static async Task<Results<Ok<Detail>, ProblemHttpResult>> Get(Guid id, SigurDb db, Audit audit, CancellationToken ct)
    {
        var c = await db.HotlineContacts().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Problems.NotFound();
        await audit.ReadAsync(nameof(HotlineContact), id, FieldGroups.CaseAdministration, FieldGroups.Location, FieldGroups.Contact, FieldGroups.Narrative);
        return TypedResults.Ok(new Detail(c.Id, c.Reference, c.ReceivedAt, c.Channel, c.CallerType, c.Urgency, c.Language, c.Anonymous, c.CallerContact,
            c.Region, c.WhatHappened, c.AdviceGiven, c.Outcome, c.FollowUp, c.FollowUpOn is { } f ? DateOnly.FromDateTime(f) : null, c.OperatorId, c.CaseId, c.Version, Regions.Name(c.Region)));
    }
}
