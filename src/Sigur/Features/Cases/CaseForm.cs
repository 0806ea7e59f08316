namespace Sigur.Features.Cases;

/// <summary>
/// The intake and edit form as the browser posts it: lists as text (one alias per line, country codes separated by
/// commas or spaces) and code lists as checkboxes. It only reshapes; checking is RegisterCase's and EditCase's.
/// Property names match the use cases' field names, so their errors land beside the right field.
/// </summary>
public sealed class CaseForm
{
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? Aliases { get; set; }
    public string? DateOfBirth { get; set; }
    public int? EstimatedAge { get; set; }
    public bool PossiblyChild { get; set; }
    public Sex Sex { get; set; } = Sex.Unknown;
    public string? Citizenships { get; set; }
    public string? Languages { get; set; }
    public string? Contact { get; set; }
    public string? Documents { get; set; }

    public IntakeChannel IntakeChannel { get; set; } = IntakeChannel.Police;
    public DateOnly IntakeDate { get; set; }
    public List<string> FormsOfExploitation { get; set; } = [];
    public List<string> MeansOfControl { get; set; } = [];
    public string? CountriesOfOrigin { get; set; }
    public string? CountriesOfTransit { get; set; }
    public string? CountriesOfExploitation { get; set; }
    public string? Region { get; set; }
    public string? Narrative { get; set; }
    public CaseStatus Status { get; set; } = CaseStatus.Active;
    public IdentificationStatus IdentificationStatus { get; set; } = IdentificationStatus.Potential;

    public static readonly IReadOnlySet<string> Fields = typeof(CaseForm).GetProperties().Select(p => p.Name).ToHashSet();

    public PersonInput ToPerson() => new(
        GivenName ?? "", FamilyName ?? "", Lines(Aliases), Blank(DateOfBirth), EstimatedAge, PossiblyChild, Sex,
        Codes(Citizenships, upper: true), Codes(Languages, upper: false), Blank(Contact), Blank(Documents));

    public CaseInput ToCase() => new(
        IntakeChannel, IntakeDate, FormsOfExploitation, MeansOfControl, Codes(CountriesOfOrigin, true), Codes(CountriesOfTransit, true),
        Codes(CountriesOfExploitation, true), Blank(Region), Narrative, Status, IdentificationStatus);

    public static CaseForm From(CaseDetail c) => new()
    {
        GivenName = c.Person.GivenName, FamilyName = c.Person.FamilyName, Aliases = string.Join('\n', c.Person.Aliases),
        DateOfBirth = c.Person.DateOfBirth, EstimatedAge = c.Person.EstimatedAge, PossiblyChild = c.Person.PossiblyChild, Sex = c.Person.Sex,
        Citizenships = string.Join(", ", c.Person.Citizenships), Languages = string.Join(", ", c.Person.Languages),
        Contact = c.Person.Contact, Documents = c.Person.Documents,
        IntakeChannel = c.IntakeChannel, IntakeDate = c.IntakeDate, FormsOfExploitation = [.. c.FormsOfExploitation],
        MeansOfControl = [.. c.MeansOfControl], CountriesOfOrigin = string.Join(", ", c.CountriesOfOrigin),
        CountriesOfTransit = string.Join(", ", c.CountriesOfTransit), CountriesOfExploitation = string.Join(", ", c.CountriesOfExploitation),
        Region = c.Region, Narrative = c.Narrative, Status = c.Status, IdentificationStatus = c.IdentificationStatus,
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static List<string> Codes(string? text, bool upper) =>
        (text ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(c => upper ? c.ToUpperInvariant() : c.ToLowerInvariant()).Distinct().ToList();
}
