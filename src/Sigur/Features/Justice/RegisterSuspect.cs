using Microsoft.AspNetCore.Http.HttpResults;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;

namespace Sigur.Features.Justice;

public sealed record SuspectInput(
    string GivenName,
    string FamilyName,
    IReadOnlyList<string>? Aliases = null,
    string? DateOfBirth = null,
    Sex Sex = Sex.Unknown,
    IReadOnlyList<string>? Citizenships = null,
    string? Notes = null);

/// <summary>Registers a suspect with the user's organisation. Link them to cases with <see cref="LinkSuspect"/>.</summary>
public static class RegisterSuspect
{
    public const string Policy = Policies.Justice;

    public sealed record Response(Guid Id);

    public static async Task<Results<Created<Response>, ValidationProblem>> Handle(SuspectInput request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var errors = SuspectValidation.Check(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var s = new Suspect { OrganisationId = user.OrganisationId!.Value, CreatedAt = clock.GetUtcNow().UtcDateTime };
        SuspectValidation.Apply(request, s);
        db.Add(s);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/suspects/{s.Id}", new Response(s.Id));
    }
}

internal static class SuspectValidation
{
    public static Dictionary<string, string[]> Check(SuspectInput? s)
    {
        var errors = new Dictionary<string, string[]>();
        if (s is null) { errors["suspect"] = ["The suspect is required."]; return errors; }
        if (string.IsNullOrWhiteSpace(s.GivenName) && string.IsNullOrWhiteSpace(s.FamilyName))
            errors["givenName"] = ["A given name or a family name is required (a nickname or 'unknown' will do)."];
        if ((s.GivenName?.Length ?? 0) > 200) errors["givenName"] = ["At most 200 characters."];
        if ((s.FamilyName?.Length ?? 0) > 200) errors["familyName"] = ["At most 200 characters."];
        if (s.Aliases?.Any(a => a.Length > 200) == true) errors["aliases"] = ["Each alias at most 200 characters."];
        if (!string.IsNullOrEmpty(s.DateOfBirth) && !DateOnly.TryParseExact(s.DateOfBirth, ["yyyy-MM-dd", "yyyy-MM", "yyyy"],
                System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
            errors["dateOfBirth"] = ["Use YYYY-MM-DD, YYYY-MM or YYYY."];
        if (!Enum.IsDefined(s.Sex)) errors["sex"] = ["Unknown sex."];
        if (s.Citizenships?.FirstOrDefault(c => !CodeLists.IsCountry(c)) is not null) errors["citizenships"] = ["Use ISO 3166-1 alpha-2 country codes."];
        if ((s.Notes?.Length ?? 0) > 20_000) errors["notes"] = ["At most 20000 characters."];
        return errors;
    }

    public static void Apply(SuspectInput input, Suspect s)
    {
        s.GivenName = input.GivenName?.Trim() ?? "";
        s.FamilyName = input.FamilyName?.Trim() ?? "";
        s.Aliases = string.Join('\n', (input.Aliases ?? []).Select(a => a.Trim()).Where(a => a.Length > 0));
        s.DateOfBirth = input.DateOfBirth?.Trim() ?? "";
        s.Sex = input.Sex;
        var citizenships = (input.Citizenships ?? []).Distinct().ToList();
        if (!s.Citizenships.SequenceEqual(citizenships)) s.Citizenships = citizenships;
        s.Notes = input.Notes ?? "";
    }
}
