namespace Sigur.Matching;

/// <summary>
/// A record's matching features, computed once: folded names and their sound keys, the parsed date,
/// normalised identifiers. Equal values share one string instance (see <see cref="ValuePool"/>), so most
/// agreements are decided by a reference comparison.
/// </summary>
public sealed class PersonFeatures
{
    public string Given = "", Surname = "";
    public string GivenSound = "", SurnameSound = "";
    public BirthDate Birth;
    public Sex Sex;
    public string Citizenship = "", PersonalId = "", Passport = "";
    public string StreetNumber = "", Address = "", Locality = "", Postcode = "", Region = "";

    /// <summary>Left (0) or right (1) source when linking two files.</summary>
    public byte Side;

    public static PersonFeatures From(PersonRecord record, ValuePool pool)
    {
        var f = new PersonFeatures
        {
            Given = pool.Derived(record[FieldRole.GivenName], 1, FoldedName),
            Surname = pool.Derived(record[FieldRole.Surname], 1, FoldedName),
            Citizenship = pool.Derived(record[FieldRole.Citizenship], 2, NameFolding.Fold),
            PersonalId = pool.Intern(DocumentNumber.Normalise(record[FieldRole.PersonalId])),
            Passport = pool.Intern(DocumentNumber.MatchKey(record[FieldRole.Passport])),
            StreetNumber = pool.Intern(NameFolding.Fold(record[FieldRole.StreetNumber])),
            Address = pool.Intern(NameFolding.Fold(record[FieldRole.Address])),
            Locality = pool.Intern(NameFolding.Fold(record[FieldRole.Locality])),
            Postcode = pool.Intern(DocumentNumber.Normalise(record[FieldRole.Postcode])),
            Region = pool.Intern(NameFolding.Fold(record[FieldRole.Region])),
            Birth = BirthDate.Parse(record[FieldRole.BirthDate]),
            Sex = SexOf(record[FieldRole.Sex]),
        };
        f.GivenSound = pool.Derived(f.Given, 3, Sound);
        f.SurnameSound = pool.Derived(f.Surname, 3, Sound);
        // A valid JMBG states the date of birth even when the form left it empty.
        if (f.Birth.IsUnknown && f.PersonalId.Length == 13 && Jmbg.IsValid(f.PersonalId))
            f.Birth = Jmbg.BirthDateOf(f.PersonalId);
        return f;
    }

    private static string FoldedName(string text) => string.Join(' ', NameKey.Tokens(text));

    /// <summary>Term-frequency adjustments for exact agreement on this record's names, set once frequencies are known.</summary>
    public double GivenFrequencyAdjustment, SurnameFrequencyAdjustment;

    /// <summary>The sound key of a whole (possibly multi-token) folded name.</summary>
    private static string Sound(string folded)
    {
        if (folded.Length == 0) return "";
        Span<char> key = stackalloc char[folded.Length + 1];
        int n = PhoneticKey.Encode(folded.Replace(" ", "", StringComparison.Ordinal), key);
        return new string(key[..n]);
    }

    public static Sex SexOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Sex.Unknown;
        var s = text.Length == 1 && char.IsAscii(text[0]) ? text.ToLowerInvariant() : NameFolding.Fold(text);
        return s switch
        {
            "m" or "male" or "man" or "muski" or "musko" or "masko" or "mashko" or "mashkull" or "1" => Sex.Male,
            "f" or "female" or "woman" or "z" or "zenski" or "zensko" or "femer" or "femre" or "2" or "w" => Sex.Female,
            _ => Sex.Unknown,
        };
    }
}

public enum Sex : byte { Unknown, Male, Female }
