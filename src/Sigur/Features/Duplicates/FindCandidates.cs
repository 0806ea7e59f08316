using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Matching;
using Sigur.Platform.Access;
using Sigur.Platform;
using Sigur.Platform.Audit;
using MatchingSex = Sigur.Matching.Sex;

namespace Sigur.Features.Duplicates;

/// <summary>
/// At intake, before a new person is created: the persons the user's own organisation already holds who are likely
/// the same human being, so the new case can be attached to them instead. Candidates come from the keyed name index
/// (a shared name token or sound key, in any script), then each is compared with the Sigur.Matching comparators (names
/// allowing typos and swapped order, the date of birth allowing a swapped day and month or only a year). Only the
/// organisation's own persons are ever considered: not those it reads through a referral or break-glass. The names
/// travel in the body (POST /api/v1/persons/candidates), never in a URL.
/// </summary>
public static class FindCandidates
{
    public const string Policy = Policies.CaseWrite;

    public const int MaxCandidates = 10;
    // Persons sharing the most tokens are compared; more would only be weaker candidates, and each costs decryptions.
    private const int MaxCompared = 200;
    /// <summary>Shown from this match probability on.</summary>
    public const double ShowFrom = 0.5;

    public sealed record Request(string? GivenName, string? FamilyName, IReadOnlyList<string>? Aliases = null, string? DateOfBirth = null, Cases.Sex? Sex = null);

    public sealed record Candidate(Guid PersonId, string GivenName, string FamilyName, string DateOfBirth, Cases.Sex Sex, double Score, IReadOnlyList<string> CaseReferences);

    public sealed record Response(IReadOnlyList<Candidate> Candidates);

    public static async Task<Results<Ok<Response>, ValidationProblem>> Handle(Request request, SigurDb db, CurrentUser user, Audit audit, CancellationToken ct)
    {
        var names = $"{request.GivenName} {request.FamilyName} {string.Join(' ', request.Aliases ?? [])}";
        if (string.IsNullOrWhiteSpace(request.GivenName) && string.IsNullOrWhiteSpace(request.FamilyName))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["familyName"] = ["Give a name to look for."] });
        if (names.Length > 1000)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["givenName"] = ["At most 1000 characters of names."] });

        var organisationId = user.OrganisationId!.Value;
        var tokens = NameIndex.CandidateTokens(db, names);
        if (tokens.Count == 0) return TypedResults.Ok(new Response([]));
        // Only the organisation's own persons: the query filter also lets in persons read through a referral or break-glass.
        var ids = await db.PersonNameTokens
            .Where(t => t.OrganisationId == organisationId && tokens.Contains(t.Token))
            .GroupBy(t => t.PersonId).Select(g => new { PersonId = g.Key, Shared = g.Count() })
            .OrderByDescending(g => g.Shared).ThenBy(g => g.PersonId).Take(MaxCompared).Select(g => g.PersonId)
            .ToListAsync(ct);
        var persons = await db.Held<Person>().AsNoTracking()
            .Where(p => ids.Contains(p.Id) && p.MergedIntoId == null)
            .Select(p => new { p.Id, p.GivenName, p.FamilyName, p.Aliases, p.DateOfBirth, p.Sex })
            .ToListAsync(ct);

        var pool = new ValuePool();
        var wanted = IntakeComparison.Features(request.GivenName, request.FamilyName, request.DateOfBirth, request.Sex, pool);
        var scored = persons
            .Select(p => (Person: p, Score: IntakeComparison.Best(wanted, p.GivenName, p.FamilyName, p.Aliases, p.DateOfBirth, p.Sex, pool)))
            .Where(x => x.Score >= ShowFrom)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Person.Id).Take(MaxCandidates).ToList();

        var shownIds = scored.Select(x => x.Person.Id).ToList();
        var references = (await db.Held<Case>().AsNoTracking().Where(c => shownIds.Contains(c.PersonId))
                .Select(c => new { c.PersonId, c.Reference }).ToListAsync(ct))
            .ToLookup(c => c.PersonId, c => c.Reference);
        await audit.ListAsync(nameof(Person), shownIds, FieldGroups.Identity, FieldGroups.DateOfBirth);
        return TypedResults.Ok(new Response(scored.Select(x => new Candidate(x.Person.Id, x.Person.GivenName, x.Person.FamilyName, x.Person.DateOfBirth,
            x.Person.Sex, Math.Round(x.Score, 3), references[x.Person.Id].Order(StringComparer.Ordinal).ToList())).ToList()));
    }
}

/// <summary>
/// One query compared with one person, without a register to estimate a model from: fixed Fellegi–Sunter weights
/// (log₂ m/u, in bits) over the library's agreement levels, set so that the same full name alone, or a name with one
/// typo and an agreeing date of birth, passes <see cref="FindCandidates.ShowFrom"/>, and a shared surname alone does not.
/// </summary>
internal static class IntakeComparison
{
    private static readonly double[] Given = [6, 5, 3, 0, -4];
    private static readonly double[] Surname = [8, 6, 4, 0, -5];
    // DateAgreement: Exact, DayMonthSwapped, PartialAgrees, TwoOfThree, YearClose, Different.
    private static readonly double[] Birth = [7, 5, 3, 3, 0, -6];
    private const double SexDiffers = -4;
    // Within one organisation's register, about one record in 250 is a second registration of someone.
    private const double Prior = -8;

    public static PersonFeatures Features(string? given, string? family, string? dateOfBirth, Cases.Sex? sex, ValuePool pool)
    {
        var record = new PersonRecord("")
        {
            [FieldRole.GivenName] = given,
            [FieldRole.Surname] = family,
            [FieldRole.BirthDate] = dateOfBirth,
        };
        var f = PersonFeatures.From(record, pool);
        f.Sex = sex switch { Cases.Sex.Female => MatchingSex.Female, Cases.Sex.Male => MatchingSex.Male, _ => MatchingSex.Unknown };
        return f;
    }

    /// <summary>The best probability over the person's name and each alias (an alias is a whole other name).</summary>
    public static double Best(PersonFeatures wanted, string given, string family, string aliases, string dateOfBirth, Cases.Sex sex, ValuePool pool)
    {
        var held = Features(given, family, dateOfBirth, sex, pool);
        var best = Probability(wanted, held);
        foreach (var alias in aliases.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // "Mara" for Marija: an alias replaces the given name, the surname stays.
            var aliasOfHeld = Features(alias, family, dateOfBirth, sex, pool);
            best = Math.Max(best, Probability(wanted, aliasOfHeld));
        }
        return best;
    }

    public static double Probability(PersonFeatures a, PersonFeatures b)
    {
        double w = Prior;
        var (g, s, _) = PairComparison.Names(a, b);
        if (g != PairComparison.Missing) w += Given[g];
        if (s != PairComparison.Missing) w += Surname[s];
        var date = PairComparison.Level(ComparisonField.BirthDate, a, b);
        if (date != PairComparison.Missing) w += Birth[date];
        if (PairComparison.Level(ComparisonField.Sex, a, b) == 1) w += SexDiffers;
        return FellegiSunterModel.Probability(w);
    }
}
