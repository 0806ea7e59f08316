using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Referrals;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.Services;

/// <summary>
/// Adds or changes a directory entry. An organisation keeps only its own entries: another organisation's entry
/// answers 404 as if it did not exist. Administrators keep every organisation's (and name the organisation when they
/// add one). Changes carry the version read (409 when someone changed the entry in between).
/// </summary>
public static partial class EditService
{
    /// <summary>Adding and changing entries; reading one is for any signed-in user.</summary>
    public const string Policy = Policies.ServiceDirectoryEdit;
    public const string ReadPolicy = Policies.SignedIn;

    public sealed record Request(ServiceType Type, string Name, string Region, IReadOnlyList<string>? Languages, bool ServesFemale, bool ServesMale,
        bool ServesAdults, bool ServesChildren, string? OpeningHours, string? Contact, int? Capacity, Guid? OrganisationId = null, bool IsActive = true,
        long Version = 0);

    public static async Task<Results<Created<ServiceView>, ValidationProblem, ProblemHttpResult>> Add(
        Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var errors = Validate(request);
        var organisationId = user.Role == Role.Administrator ? request.OrganisationId ?? user.OrganisationId!.Value : user.OrganisationId!.Value;
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId && o.IsActive, ct)) errors["organisationId"] = ["An active organisation."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var service = new OrganisationService { OrganisationId = organisationId };
        Apply(service, request, clock.GetUtcNow().UtcDateTime);
        db.Add(service);
        await db.SaveChangesAsync(ct);
        var name = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleAsync(ct);
        return TypedResults.Created($"/api/v1/services/{service.Id}", ServiceView.From(service, name));
    }

    public static async Task<Results<Ok<ServiceView>, ValidationProblem, ProblemHttpResult>> Change(
        Guid id, Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var service = await db.OrganisationServices().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (service is null || (user.Role != Role.Administrator && service.OrganisationId != user.OrganisationId)) return Problems.NotFound();
        var errors = Validate(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        db.Entry(service).Property(s => s.Version).OriginalValue = request.Version;
        service.Version = request.Version;
        Apply(service, request, clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict();
        }
        var name = await db.Organisations.Where(o => o.Id == service.OrganisationId).Select(o => o.Name).SingleAsync(ct);
        return TypedResults.Ok(ServiceView.From(service, name));
    }

    [Policy(ReadPolicy)]
    public static async Task<Results<Ok<ServiceView>, ProblemHttpResult>> Get(Guid id, SigurDb db, CancellationToken ct)
    {
        var row = await db.OrganisationServices().AsNoTracking().Where(s => s.Id == id)
            .Join(db.Organisations, s => s.OrganisationId, o => o.Id, (s, o) => new { s, o.Name }).SingleOrDefaultAsync(ct);
        return row is null ? Problems.NotFound() : TypedResults.Ok(ServiceView.From(row.s, row.Name));
    }

    private static Dictionary<string, string[]> Validate(Request r)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(r.Type)) errors["type"] = ["A known type of service."];
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Length > 200) errors["name"] = ["Required, at most 200 characters."];
        if (string.IsNullOrWhiteSpace(r.Region) || r.Region.Length > 100) errors["region"] = ["Required, at most 100 characters."];
        if (r.Languages is { } languages && (languages.Count > 20 || languages.Any(l => l is null || !LanguageCode().IsMatch(l.Trim().ToLowerInvariant()))))
            errors["languages"] = ["Two-letter language codes (ISO 639-1), at most 20."];
        if (!r.ServesFemale && !r.ServesMale) errors["servesFemale"] = ["The service serves women, men or both."];
        if (!r.ServesAdults && !r.ServesChildren) errors["servesAdults"] = ["The service serves adults, children or both."];
        if ((r.OpeningHours?.Length ?? 0) > 200) errors["openingHours"] = ["At most 200 characters."];
        if ((r.Contact?.Length ?? 0) > 300) errors["contact"] = ["At most 300 characters."];
        if (r.Capacity is < 0 or > 100_000) errors["capacity"] = ["From 0 to 100000, or empty."];
        return errors;
    }

    private static void Apply(OrganisationService s, Request r, DateTime now)
    {
        s.Type = r.Type;
        s.Name = r.Name.Trim();
        s.Region = r.Region.Trim();
        s.Languages = [.. (r.Languages ?? []).Select(l => l.Trim().ToLowerInvariant()).Distinct()];
        (s.ServesFemale, s.ServesMale, s.ServesAdults, s.ServesChildren) = (r.ServesFemale, r.ServesMale, r.ServesAdults, r.ServesChildren);
        s.OpeningHours = r.OpeningHours?.Trim() ?? "";
        s.Contact = r.Contact?.Trim() ?? "";
        s.Capacity = r.Capacity;
        s.IsActive = r.IsActive;
        s.UpdatedAt = now;
    }

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguageCode();
}
