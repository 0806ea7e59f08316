using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Statistics;

/// <summary>
/// One cross-table for the statistics page, the API and `sigur stats table`: rows by a dimension, columns by another
/// (or none), within filters; small cells withheld at the internal threshold, or at the publication threshold, and
/// protected against differencing with any other such table (see <see cref="FreeTables"/>).
/// The query names dimensions and categories only: aggregates carry no personal data in the URL.
/// </summary>
public static class GetTable
{
    public const string Policy = Policies.Aggregates;

    public static async Task<Results<Ok<PublishedTable>, ValidationProblem>> Handle(
        [FromQuery] string? rows, [FromQuery] string? cols, [FromQuery] string[]? filter, [FromQuery] string? unit,
        [FromQuery] string? reference, [FromQuery] bool? publication, FactSnapshot snapshot, SigurDb db, StatisticsSettings statistics, CancellationToken ct)
    {
        var errors = Parse(rows, cols, filter, unit, reference, out var spec);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        try
        {
            return TypedResults.Ok(await FreeTables.PublishAsync(snapshot, db, statistics, spec, publication == true, ct));
        }
        catch (FreeTables.TooLarge e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["filter"] = [e.Message] });
        }
    }

    /// <summary>The table asked for, checked: dimension names, filters, unit and reference date (the same for the page, the API and the files).</summary>
    public static Dictionary<string, string[]> Parse(string? rows, string? cols, string[]? filter, string? unit, string? reference, out TableSpec spec)
    {
        var errors = CrossTab.Validate(rows, cols, filter ?? [], out var filters);
        FreeTables.Check(rows, cols, filters, errors);
        var u = CountingUnit.Person;
        var r = ReferenceDate.Intake;
        if (unit is not null && (!Enum.TryParse(unit, true, out u) || !Enum.IsDefined(u))) errors["unit"] = ["person, case or proceeding."];
        if (reference is not null && (!Enum.TryParse(reference, true, out r) || !Enum.IsDefined(r))) errors["reference"] = ["intake, registration or decision."];
        spec = new TableSpec(rows ?? "", cols, filters, u, r);
        return errors;
    }

    public sealed record DimensionInfo(string Name, string Label, bool MultiValued, IReadOnlyList<string>? Categories);

    public sealed record Catalogue(IReadOnlyList<DimensionInfo> Dimensions, IReadOnlyList<Rule> CountingRules);

    public sealed record Rule(string Title, string Text);

    public static Ok<Catalogue> Dimensions() => TypedResults.Ok(new Catalogue(
        [.. Statistics.Dimensions.All.Select(d => new DimensionInfo(d.Name, d.Label, d.MultiValued, d.FixedCategories))],
        [.. Statistics.CountingRules.Rules.Select(r => new Rule(r.Title, r.Text))]));
}
