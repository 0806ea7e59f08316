namespace Sigur.Matching;

/// <summary>What a column of a person register holds, as far as matching is concerned.</summary>
public enum FieldRole
{
    GivenName, Surname, BirthDate, Sex, Citizenship, PersonalId, Passport,
    StreetNumber, Address, Locality, Postcode, Region,
}

/// <summary>One registered person as read from a source: an identifier and raw values by role.</summary>
public sealed class PersonRecord(string id)
{
    public static readonly int RoleCount = Enum.GetValues<FieldRole>().Length;

    public string Id { get; } = id;
    private readonly string?[] values = new string?[RoleCount];

    public string? this[FieldRole role]
    {
        get => values[(int)role];
        set => values[(int)role] = value;
    }
}
