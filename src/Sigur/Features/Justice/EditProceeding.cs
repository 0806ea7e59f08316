using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.Justice;

/// <summary>
/// Edits what is not a stage move: reference numbers, the victim's procedural role and protection, non-punishment,
/// confiscation. Optimistic concurrency: 409 on a stale version.
/// </summary>
public static class EditProceeding
{
    public const string Policy = Policies.Justice;

    public sealed record Request(
        long Version,
        string? PoliceReference = null,
        string? ProsecutorReference = null,
        string? CourtReference = null,
        VictimRole VictimRole = VictimRole.None,
        IReadOnlyList<string>? ProtectionMeasures = null,
        NonPunishment NonPunishment = NonPunishment.NotRaised,
        string? NonPunishmentNote = null,
        string? ConfiscationDescription = null,
        long? ConfiscatedMinor = null,
        string? ConfiscatedCurrency = null);

    public sealed record Response(Guid Id, long Version);

    public static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> Handle(Guid id, Request request, SigurDb db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, value) in new[] { ("policeReference", request.PoliceReference), ("prosecutorReference", request.ProsecutorReference), ("courtReference", request.CourtReference) })
            if ((value?.Length ?? 0) > 100) errors[field] = ["At most 100 characters."];
        if (!Enum.IsDefined(request.VictimRole)) errors["victimRole"] = ["Unknown role."];
        if (!Enum.IsDefined(request.NonPunishment)) errors["nonPunishment"] = ["Unknown value."];
        if (request.ProtectionMeasures?.FirstOrDefault(m => !JusticeVocabulary.ProtectionMeasures.Contains(m)) is not null)
            errors["protectionMeasures"] = ["Use the codes of the protection-measures list."];
        if ((request.NonPunishmentNote?.Length ?? 0) > 4000) errors["nonPunishmentNote"] = ["At most 4000 characters."];
        if ((request.ConfiscationDescription?.Length ?? 0) > 2000) errors["confiscationDescription"] = ["At most 2000 characters."];
        if (request.ConfiscatedMinor is < 0) errors["confiscatedMinor"] = ["Not negative."];
        if (request.ConfiscatedMinor is not null && !Money.IsCurrency(request.ConfiscatedCurrency)) errors["confiscatedCurrency"] = ["An ISO 4217 code such as RSD, MKD or EUR."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var p = await db.Set<Proceeding>().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return Problems.NotFound();
        db.Entry(p).Property(x => x.Version).OriginalValue = request.Version;
        p.Version = request.Version;
        p.PoliceReference = request.PoliceReference?.Trim() ?? "";
        p.ProsecutorReference = request.ProsecutorReference?.Trim() ?? "";
        p.CourtReference = request.CourtReference?.Trim() ?? "";
        p.VictimRole = request.VictimRole;
        var measures = (request.ProtectionMeasures ?? []).Distinct().ToList();
        if (!p.ProtectionMeasures.SequenceEqual(measures)) p.ProtectionMeasures = measures;
        p.NonPunishment = request.NonPunishment;
        p.NonPunishmentNote = request.NonPunishmentNote?.Trim() ?? "";
        p.ConfiscationDescription = request.ConfiscationDescription?.Trim() ?? "";
        p.ConfiscatedMinor = request.ConfiscatedMinor;
        p.ConfiscatedCurrency = request.ConfiscatedMinor is null ? null : request.ConfiscatedCurrency;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict();
        }
        return TypedResults.Ok(new Response(p.Id, p.Version));
    }
}

internal static class Money
{
    public static bool IsCurrency(string? code) => code is { Length: 3 } && code.All(char.IsAsciiLetterUpper);
}
