using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.Admin;

/// <summary>Administrators keep the list of organisations of the mechanism.</summary>
public static class ManageOrganisations
{
    public const string Policy = Policies.Administration;

    public sealed record OrganisationInput(string Name, OrganisationType Type, string? Region, string? Country, bool IsActive = true);

    public sealed record OrganisationView(Guid Id, string Name, OrganisationType Type, string Region, string Country, bool IsActive, long Version)
    {
        public static OrganisationView From(Organisation o) => new(o.Id, o.Name, o.Type, o.Region, o.Country, o.IsActive, o.Version);
    }

    public sealed record EditRequest(long Version, OrganisationInput Organisation);

    public static async Task<Ok<List<OrganisationView>>> List(SigurDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct)).ConvertAll(OrganisationView.From));

    public static async Task<Results<Created<OrganisationView>, ValidationProblem>> Create(OrganisationInput input, SigurDb db, CancellationToken ct)
    {
        var errors = Validate(input);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var o = new Organisation { Name = input.Name.Trim() };
        Apply(input, o);
        db.Organisations.Add(o);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/organisations/{o.Id}", OrganisationView.From(o));
    }

    public static async Task<Results<Ok<OrganisationView>, ValidationProblem, ProblemHttpResult>> Edit(Guid id, EditRequest request, SigurDb db, CancellationToken ct)
    {
        var errors = request.Organisation is null ? new() { ["organisation"] = ["Required."] } : Validate(request.Organisation);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var o = await db.Organisations.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (o is null) return Problems.NotFound();
        db.Entry(o).Property(x => x.Version).OriginalValue = request.Version;
        o.Version = request.Version;
        Apply(request.Organisation!, o);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Problems.Conflict(); }
        return TypedResults.Ok(OrganisationView.From(o));
    }

    private static void Apply(OrganisationInput input, Organisation o)
    {
        o.Name = input.Name.Trim();
        o.Type = input.Type;
        o.Region = input.Region?.Trim() ?? "";
        o.Country = string.IsNullOrWhiteSpace(input.Country) ? o.Country : input.Country.Trim();
        o.IsActive = input.IsActive;
    }

    internal static Dictionary<string, string[]> Validate(OrganisationInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 200) errors["name"] = ["A name of 1 to 200 characters is required."];
        if (!Enum.IsDefined(input.Type)) errors["type"] = ["Unknown organisation type."];
        if ((input.Region?.Length ?? 0) > 100) errors["region"] = ["At most 100 characters."];
        if (!string.IsNullOrWhiteSpace(input.Country) && !Cases.CodeLists.IsCountry(input.Country.Trim())) errors["country"] = ["Use an ISO 3166-1 alpha-2 code."];
        return errors;
    }
}
