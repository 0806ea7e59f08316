namespace Sigur.Matching;

/// <summary>A compared attribute. Levels run from 0 (strongest agreement) upward; <see cref="PairComparison.Missing"/> when either side is empty.</summary>
public enum ComparisonField : byte
{
    PersonalId, Passport, BirthDate, Sex, Citizenship, StreetNumber, Postcode, Region, Locality, Address, GivenName, Surname,
}

public static class ComparisonFields
{
    public static int LevelCount(ComparisonField field) => field switch
    {
        ComparisonField.PersonalId or ComparisonField.Passport => 3,   // exact, one edit, different
        ComparisonField.BirthDate => 6,                                // DateAgreement without Missing
        ComparisonField.Sex or ComparisonField.StreetNumber or ComparisonField.Region => 2,
        ComparisonField.Postcode => 3,
        ComparisonField.Citizenship => 2,
        ComparisonField.Locality or ComparisonField.Address => 4,
        ComparisonField.GivenName or ComparisonField.Surname => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    public static string LevelName(ComparisonField field, int level) => field switch
    {
        ComparisonField.BirthDate => ((DateAgreement)level).ToString(),
        ComparisonField.GivenName or ComparisonField.Surname => level switch
        {
            0 => "exact", 1 => "jw≥0.95", 2 => "jw≥0.88, same sound or one edit", 3 => "jw≥0.75", _ => "different",
        },
        ComparisonField.Locality or ComparisonField.Address => level switch { 0 => "exact", 1 => "jw≥0.92", 2 => "jw≥0.80", _ => "different" },
        ComparisonField.PersonalId or ComparisonField.Passport or ComparisonField.Postcode => level switch { 0 => "exact", 1 => "one edit", _ => "different" },
        _ => level == 0 ? "agree" : "different",
    };

    /// <summary>The fields worth comparing given which features the records carry.</summary>
    public static ComparisonField[] Present(IReadOnlyList<PersonFeatures> records)
    {
        var present = new List<ComparisonField>();
        foreach (var field in Enum.GetValues<ComparisonField>())
        {
            if (records.Any(r => HasValue(field, r))) present.Add(field);
        }
        return present.ToArray();
    }

    public static bool HasValue(ComparisonField field, PersonFeatures r) => field switch
    {
        ComparisonField.PersonalId => r.PersonalId.Length > 0,
        ComparisonField.Passport => r.Passport.Length > 0,
        ComparisonField.BirthDate => !r.Birth.IsUnknown,
        ComparisonField.Sex => r.Sex != Sex.Unknown,
        ComparisonField.Citizenship => r.Citizenship.Length > 0,
        ComparisonField.StreetNumber => r.StreetNumber.Length > 0,
        ComparisonField.Postcode => r.Postcode.Length > 0,
        ComparisonField.Region => r.Region.Length > 0,
        ComparisonField.Locality => r.Locality.Length > 0,
        ComparisonField.Address => r.Address.Length > 0,
        ComparisonField.GivenName => r.Given.Length > 0,
        ComparisonField.Surname => r.Surname.Length > 0,
        _ => false,
    };
}

/// <summary>The comparison of two records, field by field.</summary>
public static class PairComparison
{
    public const byte Missing = 15;

    /// <summary>Level of one non-name field.</summary>
    public static byte Level(ComparisonField field, PersonFeatures a, PersonFeatures b) => field switch
    {
        ComparisonField.PersonalId => Identifier(a.PersonalId, b.PersonalId),
        ComparisonField.Passport => Identifier(a.Passport, b.Passport),
        ComparisonField.BirthDate => Date(a.Birth, b.Birth),
        ComparisonField.Sex => a.Sex == Sex.Unknown || b.Sex == Sex.Unknown ? Missing : a.Sex == b.Sex ? (byte)0 : (byte)1,
        ComparisonField.Citizenship => Exact(a.Citizenship, b.Citizenship),
        ComparisonField.StreetNumber => Exact(a.StreetNumber, b.StreetNumber),
        ComparisonField.Region => Exact(a.Region, b.Region),
        ComparisonField.Postcode => Identifier(a.Postcode, b.Postcode),
        ComparisonField.Locality => Text(a.Locality, b.Locality),
        ComparisonField.Address => Text(a.Address, b.Address),
        _ => throw new ArgumentOutOfRangeException(nameof(field), "names are compared together, see Names"),
    };

    /// <summary>
    /// Given name and surname levels, allowing for the two being written in swapped order
    /// (Marko Petrović / Petrović Marko): the crossed comparison is taken when it agrees better.
    /// </summary>
    public static (byte Given, byte Surname, bool Swapped) Names(PersonFeatures a, PersonFeatures b)
    {
        byte g = Name(a.Given, b.Given, a.GivenSound, b.GivenSound);
        byte s = Name(a.Surname, b.Surname, a.SurnameSound, b.SurnameSound);
        if (g <= 1 && s <= 1) return (g, s, false);
        byte gx = Name(a.Given, b.Surname, a.GivenSound, b.SurnameSound);
        if (gx > 3) return (g, s, false);
        byte sx = Name(a.Surname, b.Given, a.SurnameSound, b.GivenSound);
        if (sx > 3) return (g, s, false);
        return Rank(gx) + Rank(sx) < Rank(g) + Rank(s) ? (gx, sx, true) : (g, s, false);
    }

    private static int Rank(byte level) => level == Missing ? 3 : level;

    public static byte Name(string a, string b, string soundA, string soundB)
    {
        if (a.Length == 0 || b.Length == 0) return Missing;
        if (ReferenceEquals(a, b) || a == b) return 0;
        double jw = JaroWinkler.Similarity(a, b);
        if (jw >= 0.95) return 1;
        // One typing error in a short name ("Lepa"/"Lkpa") drags Jaro-Winkler down further than in a long one.
        if (jw >= 0.88 || (soundA.Length > 1 && soundA == soundB)) return 2;
        if (jw >= 0.7 && Math.Abs(a.Length - b.Length) <= 1 && EditDistance.Damerau(a, b) <= 1) return 2;
        return jw >= 0.75 ? (byte)3 : (byte)4;
    }

    private static byte Date(BirthDate a, BirthDate b)
    {
        var agreement = BirthDateComparison.Compare(a, b);
        return agreement == DateAgreement.Missing ? Missing : (byte)agreement;
    }

    private static byte Exact(string a, string b) =>
        a.Length == 0 || b.Length == 0 ? Missing : ReferenceEquals(a, b) || a == b ? (byte)0 : (byte)1;

    private static byte Identifier(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return Missing;
        if (ReferenceEquals(a, b) || a == b) return 0;
        return EditDistance.Damerau(a, b) <= 1 ? (byte)1 : (byte)2;
    }

    private static byte Text(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return Missing;
        if (ReferenceEquals(a, b) || a == b) return 0;
        double jw = JaroWinkler.Similarity(a, b);
        return jw >= 0.92 ? (byte)1 : jw >= 0.80 ? (byte)2 : (byte)3;
    }
}
