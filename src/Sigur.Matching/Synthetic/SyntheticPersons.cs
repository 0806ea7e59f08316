using System.Globalization;
using System.Text;

namespace Sigur.Matching;

/// <summary>Given names and surnames by origin, as read from the shared names list (list name → names).</summary>
public sealed record NameStock(
    IReadOnlyList<string> SerbianMale, IReadOnlyList<string> SerbianFemale, IReadOnlyList<string> SerbianSurnames,
    IReadOnlyList<string> MacedonianMale, IReadOnlyList<string> MacedonianFemale,
    IReadOnlyList<string> MacedonianMaleSurnames, IReadOnlyList<string> MacedonianFemaleSurnames,
    IReadOnlyList<string> OtherMale, IReadOnlyList<string> OtherFemale, IReadOnlyList<string> OtherSurnames)
{
    /// <summary>From (list, name) rows of balkan_names.csv.</summary>
    public static NameStock From(IEnumerable<(string List, string Name)> rows)
    {
        var byList = rows.GroupBy(r => r.List).ToDictionary(g => g.Key, g => g.Select(r => r.Name).Distinct().ToList());
        List<string> Lists(params string[] names) => names.SelectMany(n => byList.GetValueOrDefault(n) ?? []).Distinct().ToList();
        return new NameStock(
            Lists("serbianMaleFirstNames"), Lists("serbianFemaleFirstNames"), Lists("serbianLastNames", "last_name_generic").Where(n => !Transliteration.ContainsCyrillic(n)).ToList(),
            Lists("macedonianMaleFirstNames", "first_name_male").Where(IsCyrillic).ToList(), Lists("macedonianFemaleFirstNames", "first_name_female").Where(IsCyrillic).ToList(),
            Lists("macedonianMaleLastNames", "last_name_male").Where(IsCyrillic).ToList(), Lists("macedonianFemaleLastNames", "last_name_female").Where(IsCyrillic).ToList(),
            Lists("albanianMaleFirstNames", "bosnianMaleFirstNames", "croatianMaleFirstNames", "slovenianMaleFirstNames"),
            Lists("albanianFemaleFirstNames", "bosnianFemaleFirstNames", "croatianFemaleFirstNames", "slovenianFemaleFirstNames"),
            Lists("albanianLastNames", "bosnianLastNames", "croatianLastNames", "slovenianLastNames"));
    }

    private static bool IsCyrillic(string s) => Transliteration.ContainsCyrillic(s);
}

/// <summary>A generated register row.</summary>
public sealed record SyntheticRecord(string Id, string GivenName, string Surname, string BirthDate, string Sex, string Citizenship, string PersonalId, int Person);

/// <summary>
/// Generates person registers as agencies fill them in: Serbian names in either script, Macedonian names in
/// Cyrillic, official or passport Latin, Albanian, Bosnian, Croatian and Slovenian names in Latin; and
/// duplicates that carry typing errors, a switch of script, diacritics dropped, names in swapped order,
/// partial or day/month-swapped dates. Deterministic for a seed. For tests, demo data and benchmarks.
/// </summary>
public sealed class SyntheticPersons(NameStock names, int seed)
{
    private readonly Random rng = new(seed);

    private sealed record Person(int Number, string Origin, bool Male, string Given, string Surname, DateOnly Birth, string Citizenship, string? Jmbg);

    /// <summary>A register of <paramref name="count"/> rows, <paramref name="duplicateShare"/> of them second registrations of someone already in it.</summary>
    public List<SyntheticRecord> Register(int count, double duplicateShare)
    {
        int originals = (int)Math.Round(count * (1 - duplicateShare));
        var people = new List<Person>(originals);
        var rows = new List<SyntheticRecord>(count);
        for (int i = 0; i < originals; i++)
        {
            var p = NewPerson(i);
            people.Add(p);
            rows.Add(Write(p, $"r{i:D7}", dirty: false, Script.AsRegistered));
        }
        for (int i = originals; i < count; i++)
        {
            var p = people[rng.Next(people.Count)];
            rows.Add(Write(p, $"r{i:D7}", dirty: true, Script.AsRegistered));
        }
        // Shuffle so duplicates are not all at the end.
        for (int i = rows.Count - 1; i > 0; i--) { int j = rng.Next(i + 1); (rows[i], rows[j]) = (rows[j], rows[i]); }
        return rows;
    }

    /// <summary>Every person twice: once in Cyrillic, once in Latin without diacritics, with typos and swapped order here and there.</summary>
    public List<SyntheticRecord> CyrillicLatinPairs(int persons)
    {
        var rows = new List<SyntheticRecord>(2 * persons);
        for (int i = 0; i < persons; i++)
        {
            var p = NewPerson(i, slavicOnly: true);
            rows.Add(Write(p, $"c{i:D5}", dirty: rng.NextDouble() < 0.3, Script.Cyrillic));
            rows.Add(Write(p, $"l{i:D5}", dirty: true, Script.AsciiLatin));
        }
        for (int i = rows.Count - 1; i > 0; i--) { int j = rng.Next(i + 1); (rows[i], rows[j]) = (rows[j], rows[i]); }
        return rows;
    }

    /// <summary>Pairs of row ids that are the same person.</summary>
    public static IEnumerable<(string, string)> TruePairs(IEnumerable<SyntheticRecord> rows)
    {
        foreach (var g in rows.GroupBy(r => r.Person))
        {
            var ids = g.Select(r => r.Id).Order(StringComparer.Ordinal).ToList();
            for (int i = 0; i < ids.Count; i++)
                for (int j = i + 1; j < ids.Count; j++) yield return (ids[i], ids[j]);
        }
    }

    private enum Script { AsRegistered, Cyrillic, AsciiLatin }

    private Person NewPerson(int number, bool slavicOnly = false)
    {
        double r = rng.NextDouble();
        string origin = slavicOnly ? (r < 0.55 ? "rs" : "mk") : r < 0.4 ? "rs" : r < 0.7 ? "mk" : "other";
        bool male = rng.NextDouble() < 0.5;
        string given, surname;
        switch (origin)
        {
            case "rs":
                given = Pick(male ? names.SerbianMale : names.SerbianFemale);
                surname = Pick(names.SerbianSurnames);
                break;
            case "mk":
                given = Pick(male ? names.MacedonianMale : names.MacedonianFemale);
                surname = Pick(male ? names.MacedonianMaleSurnames : names.MacedonianFemaleSurnames);
                break;
            default:
                given = Pick(male ? names.OtherMale : names.OtherFemale);
                surname = Pick(names.OtherSurnames);
                break;
        }
        var birth = new DateOnly(1950, 1, 1).AddDays(rng.Next(365 * 58));
        string citizenship = origin switch { "rs" => "Serbia", "mk" => "North Macedonia", _ => Pick(["Albania", "Bosnia and Herzegovina", "Croatia", "Kosovo", "Slovenia"]) };
        string? jmbg = origin != "other" && rng.NextDouble() < 0.3 ? MakeJmbg(birth, male) : null;
        return new Person(number, origin, male, given, surname, birth, citizenship, jmbg);
    }

    private SyntheticRecord Write(Person p, string id, bool dirty, Script script)
    {
        string given = p.Given, surname = p.Surname;
        // Script as registered: Serbian in either alphabet, Macedonian mostly Cyrillic.
        if (script == Script.AsRegistered)
        {
            double r = rng.NextDouble();
            script = p.Origin switch
            {
                "rs" => r < 0.4 ? Script.Cyrillic : r < 0.8 ? Script.AsRegistered : Script.AsciiLatin,
                "mk" => r < 0.6 ? Script.Cyrillic : Script.AsciiLatin,
                _ => r < 0.8 ? Script.AsRegistered : Script.AsciiLatin,
            };
        }
        (given, surname) = (Render(given, p.Origin, script), Render(surname, p.Origin, script));
        string birth = p.Birth.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        string sex = p.Male ? "M" : "F";
        string personalId = p.Jmbg ?? "";
        if (dirty)
        {
            if (rng.NextDouble() < 0.5) given = Typo(given);
            if (rng.NextDouble() < 0.4) surname = Typo(surname);
            if (rng.NextDouble() < 0.15) (given, surname) = (surname, given);
            double d = rng.NextDouble();
            if (d < 0.1) birth = p.Birth.Year.ToString(CultureInfo.InvariantCulture);
            else if (d < 0.2) birth = p.Birth.ToString("MM.yyyy", CultureInfo.InvariantCulture);
            else if (d < 0.28 && p.Birth.Day <= 12) birth = p.Birth.ToString("MM.dd.yyyy", CultureInfo.InvariantCulture);
            else if (d < 0.35) birth = "";
            if (rng.NextDouble() < 0.1) sex = "";
            if (rng.NextDouble() < 0.5) personalId = "";
        }
        else if (rng.NextDouble() < 0.05) birth = p.Birth.Year.ToString(CultureInfo.InvariantCulture);
        if (rng.NextDouble() < 0.3) personalId = "";
        return new SyntheticRecord(id, given, surname, birth, sex, p.Citizenship, personalId, p.Number);
    }

    private string Render(string name, string origin, Script script)
    {
        bool cyrillicSource = Transliteration.ContainsCyrillic(name);
        switch (script)
        {
            case Script.Cyrillic when origin == "rs": return Transliteration.SerbianLatinToCyrillic(name);
            case Script.Cyrillic: return name;
            case Script.AsciiLatin:
                string latin = cyrillicSource
                    ? Transliteration.ToLatin(name, CyrillicLanguage.Macedonian, rng.NextDouble() < 0.5 ? MacedonianRomanisation.Passport : MacedonianRomanisation.Official)
                    : name;
                return StripDiacritics(latin);
            default:
                return cyrillicSource ? Transliteration.ToLatin(name, CyrillicLanguage.Macedonian) : name;
        }
    }

    /// <summary>Diacritics dropped as on a keyboard without them: đ → dj (or d), the rest to the base letter.</summary>
    private string StripDiacritics(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        foreach (char c in s)
        {
            switch (c)
            {
                case 'đ': sb.Append(rng.NextDouble() < 0.8 ? "dj" : "d"); break;
                case 'Đ': sb.Append(rng.NextDouble() < 0.8 ? "Dj" : "D"); break;
                default:
                    foreach (char d in c.ToString().Normalize(NormalizationForm.FormD))
                        if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark) sb.Append(d);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>One typing error: a letter dropped, doubled, replaced by a neighbour, or two letters exchanged.</summary>
    private string Typo(string s)
    {
        if (s.Length < 4) return s;
        int i = 1 + rng.Next(s.Length - 2);
        return rng.Next(4) switch
        {
            0 => s.Remove(i, 1),
            1 => s.Insert(i, s[i].ToString()),
            2 => s[..i] + Neighbour(s[i]) + s[(i + 1)..],
            _ => s[..i] + s[i + 1] + s[i] + s[(i + 2)..],
        };
    }

    private char Neighbour(char c)
    {
        const string row = "qwertyuiopasdfghjklzxcvbnmйцукенгшщзхфывапролджячсмитьбю";
        int k = row.IndexOf(char.ToLowerInvariant(c));
        if (k < 0) return c;
        char n = row[k == 0 ? 1 : k - 1];
        return char.IsUpper(c) ? char.ToUpperInvariant(n) : n;
    }

    private string Pick(IReadOnlyList<string> list) => list[rng.Next(list.Count)];

    private string MakeJmbg(DateOnly birth, bool male)
    {
        string first = $"{birth.Day:00}{birth.Month:00}{birth.Year % 1000:000}{rng.Next(71, 80):00}{(male ? rng.Next(0, 500) : rng.Next(500, 1000)):000}";
        return first + Jmbg.CheckDigit(first).ToString(CultureInfo.InvariantCulture);
    }
}
