using System.Globalization;
using Sigur.Matching;
using Sigur.Platform;

namespace Sigur.Features.Duplicates;

/// <summary>Bad input for a match command: the message is one line that names the file, column or row.</summary>
public sealed class MatchInputException(string message) : Exception(message);

/// <summary>
/// Reads person registers from CSV for the match commands. Columns get roles from common header names
/// (given_name, first_name, surname, last_name, date_of_birth, dob, sex, citizenship, soc_sec_id, …) or
/// from --map role=column; values are trimmed (FEBRL files put a space after every comma).
/// </summary>
public static class MatchCsv
{
    /// <summary>Role names accepted by --map, and the header names recognised without one.</summary>
    private static readonly (FieldRole Role, string MapName, string[] Headers)[] Roles =
    [
        (FieldRole.GivenName, "given_name", ["given_name", "givenname", "first_name", "firstname", "forename", "given", "ime"]),
        (FieldRole.Surname, "surname", ["surname", "last_name", "lastname", "family_name", "familyname", "prezime", "mbiemri"]),
        (FieldRole.BirthDate, "birth_date", ["date_of_birth", "dob", "birth_date", "birthdate", "born", "datum_rodjenja", "datum_rodenja"]),
        (FieldRole.Sex, "sex", ["sex", "gender", "pol"]),
        (FieldRole.Citizenship, "citizenship", ["citizenship", "nationality", "citizen"]),
        (FieldRole.PersonalId, "personal_id", ["soc_sec_id", "personal_id", "personal_number", "jmbg", "embg", "national_id", "ssn", "id_number"]),
        (FieldRole.Passport, "passport", ["passport", "passport_number", "passport_no", "pasos"]),
        (FieldRole.StreetNumber, "street_number", ["street_number", "house_number"]),
        (FieldRole.Address, "address", ["address_1", "address", "street", "address1"]),
        (FieldRole.Locality, "locality", ["suburb", "city", "town", "locality", "place", "municipality", "grad", "mesto"]),
        (FieldRole.Postcode, "postcode", ["postcode", "zip", "postal_code", "zip_code"]),
        (FieldRole.Region, "region", ["state", "region", "province"]),
    ];

    private static readonly Dictionary<string, FieldRole> MapAliases = Roles
        .SelectMany(r => r.Headers.Append(r.MapName).Select(h => (h, r.Role)))
        .DistinctBy(x => x.h)
        .ToDictionary(x => x.h, x => x.Role, StringComparer.OrdinalIgnoreCase);

    public static string KnownRoles => string.Join(", ", Roles.Select(r => r.MapName));

    /// <summary>Parses --map values (role=column) into role → column; unknown roles are an error.</summary>
    public static Dictionary<FieldRole, string> ParseMap(IEnumerable<string>? maps)
    {
        var result = new Dictionary<FieldRole, string>();
        foreach (var m in maps ?? [])
        {
            int eq = m.IndexOf('=');
            if (eq <= 0 || eq == m.Length - 1) throw new MatchInputException($"--map '{m}': expected role=column");
            var role = m[..eq].Trim();
            if (!MapAliases.TryGetValue(Normalise(role), out var r))
                throw new MatchInputException($"--map '{m}': unknown role '{role}' (known roles: {KnownRoles})");
            result[r] = m[(eq + 1)..].Trim();
        }
        return result;
    }

    public static List<PersonRecord> Read(string path, string idColumn, IReadOnlyDictionary<FieldRole, string> map)
    {
        if (!File.Exists(path)) throw new MatchInputException($"{path}: file not found");
        using var rows = CsvText.ReadFile(path, trim: true).GetEnumerator();
        if (!rows.MoveNext() || rows.Current.Values is [] or [""]) throw new MatchInputException($"{path}: no header row");
        var names = rows.Current.Values;
        int Column(string name, string what)
        {
            int i = Array.FindIndex(names, h => string.Equals(h, name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (i < 0) throw new MatchInputException($"{path}: no column '{name}' for {what} (columns: {string.Join(", ", names)})");
            return i;
        }
        int idIndex = Column(idColumn, "--id");
        var roleColumns = new List<(FieldRole Role, int Index)>();
        foreach (var (role, _, headers) in Roles)
        {
            if (map.TryGetValue(role, out var mapped)) { roleColumns.Add((role, Column(mapped, "--map"))); continue; }
            int i = Array.FindIndex(names, h => headers.Contains(Normalise(h)));
            if (i >= 0 && i != idIndex) roleColumns.Add((role, i));
        }
        var records = new List<PersonRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (long row = 2; rows.MoveNext(); row++) // the header is row 1
        {
            var values = rows.Current.Values;
            string? id = values.Length > idIndex ? values[idIndex] : null;
            if (string.IsNullOrEmpty(id)) throw new MatchInputException($"{path}: row {row} has no value in id column '{names[idIndex]}'");
            if (!seen.Add(id)) throw new MatchInputException($"{path}: row {row} repeats id '{id}'");
            var record = new PersonRecord(id);
            foreach (var (role, index) in roleColumns)
                if (index < values.Length) record[role] = values[index];
            records.Add(record);
        }
        return records;
    }

    /// <summary>Writes the rows through a temporary file moved into place, so a failed run leaves no half-written output.</summary>
    public static void Write(string path, string[] header, IEnumerable<MatchedPair> rows)
    {
        try
        {
            CsvText.WriteFileAtomically(path, rows
                .Select(r => (IReadOnlyList<string>)[r.Id1, r.Id2, r.Score.ToString("0.####", CultureInfo.InvariantCulture)])
                .Prepend(header));
        }
        catch (DirectoryNotFoundException)
        {
            throw new MatchInputException($"{path}: directory does not exist");
        }
    }

    private static string Normalise(string header) =>
        header.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
}
