using Sigur.Platform;
using Sigur.Platform.Access;

namespace Sigur.Features.Cases;

/// <summary>
/// A person known to one organisation: a presumed or identified victim, or someone being assessed. Names are kept
/// exactly as typed, in any script; identity, birth date, contact and documents are encrypted at rest, and name
/// search goes through keyed tokens (<see cref="PersonNameToken"/>). A person can have several cases over time.
/// </summary>
public sealed class Person : IVersioned, IOrganisationOwned, IWithholdingAware, IDisclosedInPart
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }

    public IReadOnlySet<DataGroup>? GroupsGranted(AccessScope scope) => scope.GroupsForPerson(Id);

    [Sensitive(FieldGroups.Identity)] public string GivenName { get; set; } = "";
    [Sensitive(FieldGroups.Identity)] public string FamilyName { get; set; } = "";
    /// <summary>Other names the person is known by, one per line.</summary>
    [Sensitive(FieldGroups.Identity)] public string Aliases { get; set; } = "";
    /// <summary>ISO 8601, possibly partial: "1990-04-12", "1990-04" or "1990".</summary>
    [Sensitive(FieldGroups.DateOfBirth)] public string DateOfBirth { get; set; } = "";
    [Sensitive(FieldGroups.Contact)] public string Contact { get; set; } = "";
    /// <summary>Identity documents (type, number, issuing country), one per line.</summary>
    [Sensitive(FieldGroups.Documents)] public string Documents { get; set; } = "";

    [FieldGroup(FieldGroups.Profile)] public Sex Sex { get; set; } = Sex.Unknown;
    /// <summary>Age in years when the date of birth is unknown.</summary>
    [FieldGroup(FieldGroups.Profile)] public int? EstimatedAge { get; set; }
    /// <summary>Age unknown but possibly under 18: treated as a child until an age assessment decides otherwise.</summary>
    [FieldGroup(FieldGroups.Profile)] public bool PossiblyChild { get; set; }
    /// <summary>ISO 3166-1 alpha-2 codes.</summary>
    [FieldGroup(FieldGroups.Profile)] public List<string> Citizenships { get; set; } = [];
    /// <summary>ISO 639-1 codes.</summary>
    [FieldGroup(FieldGroups.Profile)] public List<string> Languages { get; set; } = [];

    public DateTime CreatedAt { get; set; }
    public long Version { get; set; }
    /// <summary>Merged into another person of the same organisation (Features/Duplicates/MergePersons): kept, with no cases, until the merge is undone.</summary>
    public Guid? MergedIntoId { get; set; }

    /// <summary>A child while under 18 (by birth date or estimate) or possibly a child.</summary>
    public bool IsChild(DateOnly today)
    {
        if (PossiblyChild) return true;
        var age = AgeOn(today) ?? EstimatedAge;
        return age is < 18;
    }

    public int? AgeOn(DateOnly today)
    {
        var parts = DateOfBirth.Split('-');
        if (parts.Length == 0 || !int.TryParse(parts[0], out var year)) return null;
        var month = parts.Length > 1 && int.TryParse(parts[1], out var m) ? m : 1;
        var day = parts.Length > 2 && int.TryParse(parts[2], out var d) ? d : 1;
        var age = today.Year - year;
        if (today.Month < month || (today.Month == month && today.Day < day)) age--;
        return age;
    }

    public string FullName => $"{GivenName} {FamilyName}".Trim();

    /// <summary>A referral recipient without identity consent still learns the age (and so whether this is a child), never the birth date.</summary>
    void IWithholdingAware.BeforeWithholding(IReadOnlySet<DataGroup> allowed, DateOnly today)
    {
        if (!allowed.Contains(DataGroup.Identity)) EstimatedAge = AgeOn(today) ?? EstimatedAge;
    }
}

/// <summary>HTCDS prs_Gender, reduced to what the statistics templates ask for.</summary>
public enum Sex { Female, Male, Other, Unknown }

/// <summary>
/// One keyed token of a person's name or alias (see FieldProtection.SearchToken): script- and diacritic-folded, so
/// "Петровић" finds "Petrovic". The token reveals nothing without the key.
/// </summary>
public sealed class PersonNameToken
{
    public Guid PersonId { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Token { get; set; }
}
