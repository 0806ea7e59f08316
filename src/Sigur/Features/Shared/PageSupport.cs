using Sigur.Host;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Shared;

/// <summary>What the pages share: the culture cookie, use-case errors shown beside their fields, localised code-list labels.</summary>
public static class PageSupport
{
    /// <summary>Sets ASP.NET Core's culture cookie, which the request localisation reads first.</summary>
    public static void SetCultureCookie(HttpResponse response, string culture)
    {
        if (!SigurHost.Cultures.Contains(culture)) culture = "en";
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/" });
    }

    /// <summary>
    /// Puts a use case's ValidationProblem errors ("person.givenName", "case.intakeDate") beside the page's fields
    /// ("Form.GivenName"); errors that name no field go to the summary. Messages are looked up in the string table,
    /// falling back to the use case's English.
    /// </summary>
    public static void AddProblemErrors(this ModelStateDictionary state, IDictionary<string, string[]> errors, string prefix, IStringLocalizer localizer,
        IEnumerable<string>? fields = null)
    {
        foreach (var (key, messages) in errors)
        {
            var field = key.Contains('.') ? key[(key.LastIndexOf('.') + 1)..] : key;
            field = field.Length == 0 ? "" : char.ToUpperInvariant(field[0]) + field[1..];
            var target = fields is null || fields.Contains(field) ? (prefix.Length == 0 ? field : $"{prefix}.{field}") : "";
            foreach (var message in messages) state.AddModelError(target, localizer[message]);
        }
    }

    /// <summary>"IntakeChannel.BorderPolice" and the like: every enum value shown on a page has a localised label.</summary>
    public static string Label<T>(this IStringLocalizer localizer, T value) where T : struct, Enum => localizer[$"{typeof(T).Name}.{value}"];

    public static string FormLabel(this IStringLocalizer localizer, string code) => localizer[$"Form.{code}"];

    /// <summary>A region's name in the interface language; a value from before regions were codes shows as it was stored.</summary>
    public static string RegionLabel(this IStringLocalizer localizer, string? code) =>
        string.IsNullOrEmpty(code) ? "" : localizer[$"Region.{code}"] is { ResourceNotFound: false } name ? name.Value : code;

    /// <summary>
    /// The choices of a region select: "not recorded" and the country's regions by name; a value stored before regions
    /// were codes stays visible (and is refused on saving until a region is chosen).
    /// </summary>
    public static IEnumerable<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> RegionOptions(this IStringLocalizer localizer, string country, string? current)
    {
        yield return new(localizer["Not recorded"], "");
        var codes = Cases.Regions.Of(country);
        if (!string.IsNullOrEmpty(current) && !codes.Contains(current)) yield return new(current, current);
        foreach (var code in codes) yield return new(localizer.RegionLabel(code), code);
    }

    public static string MeansLabel(this IStringLocalizer localizer, string code) => localizer[$"Means.{code}"];

    public static bool May(this CurrentUser user, string policy) => user.Role is { } role && Policies.RolesOf(policy).Contains(role);

    public static string? LocalOrNull(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : null;

    public sealed record Header(string DisplayName, string Organisation);

    public static async Task<Header?> HeaderAsync(SigurDb db, CurrentUser user, CancellationToken ct)
    {
        if (user.UserId is not { } id) return null;
        return await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Join(db.Organisations, u => u.OrganisationId, o => o.Id, (u, o) => new Header(u.DisplayName, o.Name))
            .SingleOrDefaultAsync(ct);
    }

    public static readonly IReadOnlyList<(string Culture, string Name)> Languages =
    [
        ("en", "English"), ("mk", "Македонски"), ("sr-Cyrl", "Српски (ћирилица)"), ("sr-Latn", "Srpski (latinica)"), ("sq", "Shqip"),
        ("bs", "Bosanski"), ("hr", "Hrvatski"), ("sr-Latn-ME", "Crnogorski (latinica)"), ("sr-Cyrl-ME", "Црногорски (ћирилица)"),
    ];
}
