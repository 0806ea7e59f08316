using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Identification;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.Hotline;

/// <summary>
/// Turns one or more hotline contacts into a case, in one transaction: the case is registered with the hotline as its
/// intake channel (through <see cref="RegisterCase"/>, so it gets its reference and identification deadline like any
/// case), and each contact keeps the link to it. A contact already in a case cannot be taken again (409).
/// </summary>
public static class ConvertToCase
{
    public const string Policy = Policies.Hotline;

    public sealed record Request(IReadOnlyList<Guid> ContactIds, PersonInput? Person = null, Guid? ExistingPersonId = null, CaseInput? Case = null);

    public sealed record Response(Guid CaseId, string Reference, Guid PersonId, IReadOnlyList<Guid> ContactIds);

    public static async Task<Results<Created<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, SigurDb db, CurrentUser user, TimeProvider clock, IdentificationRules rules, CancellationToken ct,
        Statistics.StatisticsSettings? statistics = null)
    {
        var ids = (request.ContactIds ?? []).Distinct().ToList();
        if (ids.Count is 0 or > 50)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["contactIds"] = ["Give one to fifty contacts."] });
        var contacts = await db.HotlineContacts().Where(c => ids.Contains(c.Id)).OrderBy(c => c.ReceivedAt).ToListAsync(ct);
        if (contacts.Count != ids.Count) return Problems.NotFound();
        if (contacts.Any(c => c.CaseId is not null))
            return new Refusal("A contact is already part of a case.").Problem("Already in a case");

        var first = contacts[0];
        var caseInput = (request.Case ?? new CaseInput(IntakeChannel.Hotline, DateOnly.FromDateTime(first.ReceivedAt))) with
        {
            // However the form was filled, a case made from hotline contacts came through the hotline.
            IntakeChannel = IntakeChannel.Hotline,
        };
        if (request.Case is null)
        {
            caseInput = caseInput with
            {
                Region = first.Region,
                Narrative = string.Join("\n\n", contacts.Where(c => c.WhatHappened.Length > 0).Select(c => $"[{c.Reference}] {c.WhatHappened}")),
            };
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var registered = await RegisterCase.Handle(new RegisterCase.Request(caseInput, request.Person, request.ExistingPersonId), db, user, clock, ct, rules, statistics);
        if (registered.Result is not Created<RegisterCase.Response> { Value: { } created })
            return (ValidationProblem)registered.Result;
        foreach (var c in contacts)
        {
            c.CaseId = created.Id;
            c.Outcome = ContactOutcome.CaseOpened;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("A contact was changed at the same time; nothing was registered. Try again.");
        }
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/cases/{created.Id}", new Response(created.Id, created.Reference, created.PersonId, ids));
    }
}
