using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Sigur.Features.Cases;
using Sigur.Matching;
using Sigur.Platform;

namespace Sigur.Bench.Cases;

/// <summary>
/// The yardstick: the case search and case detail queries of the API, in the same SQL shape (same tables, joins,
/// token semi-joins, order and page size), run on raw Npgsql with no sign-in, no authorisation, no audit and no
/// decryption — the sensitive columns go out as the ciphertext they are stored as. Mapped only in the bench host.
/// </summary>
public static class BareEndpoints
{
    public sealed record BareSummary(Guid Id, string Reference, string GivenName, string FamilyName, DateTime IntakeDate,
        string Status, string IdentificationStatus, string[] FormsOfExploitation, string DateOfBirth, int? EstimatedAge, bool PossiblyChild);

    public sealed record BareDetail(Guid Id, string Reference, Guid OrganisationId, string IntakeChannel, DateTime IntakeDate,
        DateTime RegisteredAt, string Status, string IdentificationStatus, string[] FormsOfExploitation, string[] MeansOfControl,
        string[] CountriesOfOrigin, string[] CountriesOfTransit, string[] CountriesOfExploitation, string Region, string Narrative,
        long Version, Guid PersonId, string GivenName, string FamilyName, string Aliases, string DateOfBirth, string Contact,
        string Documents, string Sex, int? EstimatedAge, bool PossiblyChild, string[] Citizenships, string[] Languages, long PersonVersion);

    private const string CaseColumns =
        "c.id, c.reference, c.organisation_id, c.intake_channel, c.intake_date, c.registered_at, c.status, c.identification_status, " +
        "c.forms_of_exploitation, c.means_of_control, c.countries_of_origin, c.countries_of_transit, c.countries_of_exploitation, " +
        "c.region, c.narrative, c.version";

    private const string PersonColumns =
        "p.id, p.given_name, p.family_name, p.aliases, p.date_of_birth, p.contact, p.documents, p.sex, p.estimated_age, " +
        "p.possibly_child, p.citizenships, p.languages, p.version";

    /// <param name="organisationId">The organisation whose cases the bare endpoints read (the bench user's).</param>
    public static void Map(WebApplication app, NpgsqlDataSource data, FieldProtection protection, Guid organisationId)
    {
        app.MapGet("/bare/cases", async (string? q, CancellationToken ct) =>
        {
            // The keyed search token is part of the query's shape (it is what the index holds), not of its protection.
            var tokens = NameKey.Tokens(q ?? "").Select(protection.SearchToken).Distinct().ToList();
            await using var cmd = data.CreateCommand(SearchSql(tokens.Count));
            cmd.Parameters.AddWithValue(organisationId);
            foreach (var t in tokens) cmd.Parameters.AddWithValue(t);
            var rows = new List<BareSummary>(21);
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                    rows.Add(new BareSummary(reader.GetGuid(0), reader.GetString(1), reader.GetString(16 + 1), reader.GetString(16 + 2),
                        reader.GetDateTime(4), reader.GetString(6), reader.GetString(7), reader.GetFieldValue<string[]>(8),
                        reader.GetString(16 + 4), reader.IsDBNull(16 + 8) ? null : reader.GetInt32(16 + 8), reader.GetBoolean(16 + 9)));
            }
            var hasMore = rows.Count > 20;
            if (hasMore) rows.RemoveAt(20);
            return TypedResults.Ok(new { Items = rows, Page = 1, PageSize = 20, HasMore = hasMore });
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/bare/cases/{id:guid}", async (Guid id, CancellationToken ct) =>
        {
            await using var cmd = data.CreateCommand(DetailSql);
            cmd.Parameters.AddWithValue(organisationId);
            cmd.Parameters.AddWithValue(id);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return Results.NotFound();
            var p = 16;
            return TypedResults.Ok(new BareDetail(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3),
                reader.GetDateTime(4), reader.GetDateTime(5), reader.GetString(6), reader.GetString(7), reader.GetFieldValue<string[]>(8),
                reader.GetFieldValue<string[]>(9), reader.GetFieldValue<string[]>(10), reader.GetFieldValue<string[]>(11),
                reader.GetFieldValue<string[]>(12), reader.GetString(13), reader.GetString(14), reader.GetInt64(15),
                reader.GetGuid(p), reader.GetString(p + 1), reader.GetString(p + 2), reader.GetString(p + 3), reader.GetString(p + 4),
                reader.GetString(p + 5), reader.GetString(p + 6), reader.GetString(p + 7), reader.IsDBNull(p + 8) ? null : reader.GetInt32(p + 8),
                reader.GetBoolean(p + 9), reader.GetFieldValue<string[]>(p + 10), reader.GetFieldValue<string[]>(p + 11), reader.GetInt64(p + 12)));
        }).AllowAnonymous().ExcludeFromDescription();
    }

    public static string SearchSql(int tokens)
    {
        var others = string.Concat(Enumerable.Range(1, tokens - 1).Select(i =>
            $" AND EXISTS (SELECT 1 FROM case_name_tokens u WHERE u.case_id = t.case_id AND u.token = ${i + 2})"));
        return $"SELECT {CaseColumns}, {PersonColumns} FROM case_name_tokens t JOIN cases c ON c.id = t.case_id " +
               $"JOIN persons p ON p.id = c.person_id WHERE t.token = $2 AND t.organisation_id = $1{others} " +
               "ORDER BY t.registered_at DESC, t.case_id DESC LIMIT 21";
    }

    public const string DetailSql =
        $"SELECT {CaseColumns}, {PersonColumns} FROM cases c JOIN persons p ON p.id = c.person_id AND p.organisation_id = $1 " +
        "WHERE c.organisation_id = $1 AND c.id = $2";
}
