using Sigur.Platform;

namespace Sigur.Features.Cases;

// The shapes cases and persons travel in over the API and between the pages and the use cases.

public sealed record PersonInput(
    string GivenName,
    string FamilyName,
    IReadOnlyList<string>? Aliases = null,
    string? DateOfBirth = null,
    int? EstimatedAge = null,
    bool PossiblyChild = false,
    Sex Sex = Sex.Unknown,
    IReadOnlyList<string>? Citizenships = null,
    IReadOnlyList<string>? Languages = null,
    string? Contact = null,
    string? Documents = null);

public sealed record CaseInput(
    IntakeChannel IntakeChannel,
    DateOnly IntakeDate,
    IReadOnlyList<string>? FormsOfExploitation = null,
    IReadOnlyList<string>? MeansOfControl = null,
    IReadOnlyList<string>? CountriesOfOrigin = null,
    IReadOnlyList<string>? CountriesOfTransit = null,
    IReadOnlyList<string>? CountriesOfExploitation = null,
    string? Region = null,
    string? Narrative = null,
    CaseStatus Status = CaseStatus.Active,
    IdentificationStatus IdentificationStatus = IdentificationStatus.Potential);

public sealed record PersonDetail(
    Guid Id, string GivenName, string FamilyName, IReadOnlyList<string> Aliases, string DateOfBirth, int? EstimatedAge,
    bool PossiblyChild, bool IsChild, Sex Sex, IReadOnlyList<string> Citizenships, IReadOnlyList<string> Languages,
    string Contact, string Documents, long Version)
{
    public static PersonDetail From(Person p, DateOnly today) => new(
        p.Id, p.GivenName, p.FamilyName, SplitLines(p.Aliases), p.DateOfBirth, p.EstimatedAge, p.PossiblyChild, p.IsChild(today),
        p.Sex, p.Citizenships, p.Languages, p.Contact, p.Documents, p.Version);

    internal static IReadOnlyList<string> SplitLines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed record CaseDetail(
    Guid Id, string Reference, Guid OrganisationId, IntakeChannel IntakeChannel, DateOnly IntakeDate, DateTime RegisteredAt,
    CaseStatus Status, IdentificationStatus IdentificationStatus, IReadOnlyList<string> FormsOfExploitation,
    IReadOnlyList<string> MeansOfControl, IReadOnlyList<string> CountriesOfOrigin, IReadOnlyList<string> CountriesOfTransit,
    IReadOnlyList<string> CountriesOfExploitation, string Region, string Narrative, long Version, PersonDetail Person, string RegionName)
{
    public static CaseDetail From(Case c, Person p, DateOnly today) => new(
        c.Id, c.Reference, c.OrganisationId, c.IntakeChannel, DateOnly.FromDateTime(c.IntakeDate), c.RegisteredAt, c.Status,
        c.IdentificationStatus, c.FormsOfExploitation, c.MeansOfControl, c.CountriesOfOrigin, c.CountriesOfTransit,
        c.CountriesOfExploitation, c.Region, c.Narrative, c.Version, PersonDetail.From(p, today), Regions.Name(c.Region));
}

public sealed record CaseSummary(
    Guid Id, string Reference, string PersonName, DateOnly IntakeDate, CaseStatus Status,
    IdentificationStatus IdentificationStatus, IReadOnlyList<string> FormsOfExploitation, bool IsChild);

/// <summary>Field checks shared by registration and editing. Messages name the field, never repeat the value.</summary>
internal static class CaseValidation
{
    public const int NameMax = 200;
    public const int TextMax = 20_000;

    public static Dictionary<string, string[]> Check(PersonInput? person, CaseInput? c, DateOnly today, string reportingCountry)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        if (person is not null)
        {
            if (string.IsNullOrWhiteSpace(person.GivenName) && string.IsNullOrWhiteSpace(person.FamilyName))
                Fail("person.givenName", "A given name or a family name is required (an alias or 'unknown' will do).");
            if ((person.GivenName?.Length ?? 0) > NameMax) Fail("person.givenName", $"At most {NameMax} characters.");
            if ((person.FamilyName?.Length ?? 0) > NameMax) Fail("person.familyName", $"At most {NameMax} characters.");
            if (person.Aliases?.Any(a => a.Length > NameMax) == true) Fail("person.aliases", $"Each alias at most {NameMax} characters.");
            if (!string.IsNullOrEmpty(person.DateOfBirth) && !IsPartialDate(person.DateOfBirth, today))
                Fail("person.dateOfBirth", "Use YYYY-MM-DD, YYYY-MM or YYYY, not in the future.");
            if (person.EstimatedAge is < 0 or > 120) Fail("person.estimatedAge", "Between 0 and 120.");
            if (person.Citizenships?.FirstOrDefault(code => !CodeLists.IsCountry(code)) is not null)
                Fail("person.citizenships", "Use ISO 3166-1 alpha-2 country codes (for example RS, MK, AL).");
            if (person.Languages?.FirstOrDefault(code => !CodeLists.IsLanguage(code)) is not null)
                Fail("person.languages", "Use ISO 639 language codes (for example sr, mk, sq).");
            if ((person.Contact?.Length ?? 0) > 2000) Fail("person.contact", "At most 2000 characters.");
            if ((person.Documents?.Length ?? 0) > 2000) Fail("person.documents", "At most 2000 characters.");
        }
        if (c is not null)
        {
            if (!Enum.IsDefined(c.IntakeChannel)) Fail("case.intakeChannel", "Unknown intake channel.");
            if (c.IntakeDate > today || c.IntakeDate.Year < 1990) Fail("case.intakeDate", "The intake date must be between 1990 and today.");
            if (c.FormsOfExploitation?.FirstOrDefault(f => !CodeLists.FormsOfExploitation.Contains(f)) is not null)
                Fail("case.formsOfExploitation", "Use the codes of the forms-of-exploitation list.");
            if (c.MeansOfControl?.FirstOrDefault(m => !CodeLists.MeansOfControl.Contains(m)) is not null)
                Fail("case.meansOfControl", "Use the codes of the means-of-control list.");
            foreach (var (field, list) in new[] { ("case.countriesOfOrigin", c.CountriesOfOrigin), ("case.countriesOfTransit", c.CountriesOfTransit), ("case.countriesOfExploitation", c.CountriesOfExploitation) })
                if (list?.FirstOrDefault(code => !CodeLists.IsCountry(code)) is not null) Fail(field, "Use ISO 3166-1 alpha-2 country codes.");
            if (!Regions.IsValid(reportingCountry, c.Region?.Trim())) Fail("case.region", Regions.UnknownMessage);
            if ((c.Narrative?.Length ?? 0) > TextMax) Fail("case.narrative", $"At most {TextMax} characters.");
            if (!Enum.IsDefined(c.Status)) Fail("case.status", "Unknown case status.");
            if (!Enum.IsDefined(c.IdentificationStatus)) Fail("case.identificationStatus", "Unknown identification status.");
        }
        return errors;
    }

    private static bool IsPartialDate(string value, DateOnly today)
    {
        string[] formats = ["yyyy-MM-dd", "yyyy-MM", "yyyy"];
        return DateOnly.TryParseExact(value, formats, System.Globalization.CultureInfo.InvariantCulture,
                   System.Globalization.DateTimeStyles.None, out var date)
               && date <= today && date.Year >= 1900;
    }

    public static void Apply(PersonInput input, Person p)
    {
        p.GivenName = input.GivenName?.Trim() ?? "";
        p.FamilyName = input.FamilyName?.Trim() ?? "";
        p.Aliases = string.Join('\n', (input.Aliases ?? []).Select(a => a.Trim()).Where(a => a.Length > 0));
        p.DateOfBirth = input.DateOfBirth?.Trim() ?? "";
        p.EstimatedAge = input.EstimatedAge;
        p.PossiblyChild = input.PossiblyChild;
        p.Sex = input.Sex;
        SetIfDifferent(p.Citizenships, input.Citizenships, list => p.Citizenships = list);
        SetIfDifferent(p.Languages, input.Languages, list => p.Languages = list);
        p.Contact = input.Contact?.Trim() ?? "";
        p.Documents = input.Documents?.Trim() ?? "";
    }

    public static void Apply(CaseInput input, Case c)
    {
        c.IntakeChannel = input.IntakeChannel;
        c.IntakeDate = input.IntakeDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        SetIfDifferent(c.FormsOfExploitation, input.FormsOfExploitation, list => c.FormsOfExploitation = list);
        SetIfDifferent(c.MeansOfControl, input.MeansOfControl, list => c.MeansOfControl = list);
        SetIfDifferent(c.CountriesOfOrigin, input.CountriesOfOrigin, list => c.CountriesOfOrigin = list);
        SetIfDifferent(c.CountriesOfTransit, input.CountriesOfTransit, list => c.CountriesOfTransit = list);
        SetIfDifferent(c.CountriesOfExploitation, input.CountriesOfExploitation, list => c.CountriesOfExploitation = list);
        c.Region = input.Region?.Trim() ?? "";
        c.Narrative = input.Narrative ?? "";
        c.Status = input.Status;
        // IdentificationStatus is not applied: it changes only through Case.Decide and Case.Review (Features/Identification).
    }

    // Replacing a list with an equal one would still mark it modified; the audit should name only what changed.
    private static void SetIfDifferent(List<string> current, IReadOnlyList<string>? incoming, Action<List<string>> set)
    {
        var next = (incoming ?? []).Distinct().ToList();
        if (!current.SequenceEqual(next)) set(next);
    }
}
