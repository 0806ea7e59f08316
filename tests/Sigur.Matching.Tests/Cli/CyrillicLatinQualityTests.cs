namespace Sigur.Matching.Tests.Cli;

/// <summary>
/// The case the product exists for: the same people registered once in Cyrillic and once in Latin without
/// diacritics, with typing errors and swapped name order, generated from the shared Balkan names list.
/// </summary>
public class CyrillicLatinQualityTests(ITestOutputHelper output) : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sigur-cyrlat-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Dedupe_finds_people_across_scripts()
    {
        var generator = new SyntheticPersons(NameStock.From(SharedData.BalkanNames()), seed: 7);
        var rows = generator.CyrillicLatinPairs(2000);
        Assert.Contains(rows, r => Transliteration.ContainsCyrillic(r.Surname));
        Assert.Contains(rows, r => r.Id.StartsWith('l') && r.Surname.All(char.IsAscii));
        // Local headers (ime, prezime, datum_rodjenja, pol) are recognised without --map.
        var input = Path.Combine(dir, "register.csv");
        File.WriteAllLines(input, rows.Select(r => string.Join(',', r.Id, r.GivenName, r.Surname, r.BirthDate, r.Sex, r.PersonalId))
            .Prepend("id,ime,prezime,datum_rodjenja,pol,jmbg"));
        var outPath = Path.Combine(dir, "pairs.csv");

        var (exit, _, error) = await SigurCli.Run("match", "dedupe", input, "--id", "id", "--out", outPath);

        output.WriteLine(error);
        Assert.Equal(0, exit);
        var quality = Quality.Of(Quality.ReadPairs(outPath), SyntheticPersons.TruePairs(rows));
        output.WriteLine($"Cyrillic/Latin persons (2000 × 2 records) dedupe: {quality}");
        Assert.True(quality.F1 >= 0.95, quality.ToString());
    }

    [Fact]
    public async Task Link_pairs_the_cyrillic_register_with_the_latin_one()
    {
        var generator = new SyntheticPersons(NameStock.From(SharedData.BalkanNames()), seed: 11);
        var rows = generator.CyrillicLatinPairs(1500);
        string Write(string name, char prefix)
        {
            var path = Path.Combine(dir, name);
            File.WriteAllLines(path, rows.Where(r => r.Id[0] == prefix)
                .Select(r => string.Join(',', r.Id, r.GivenName, r.Surname, r.BirthDate, r.Sex))
                .Prepend("rec_id,first_name,last_name,dob,sex"));
            return path;
        }
        var outPath = Path.Combine(dir, "links.csv");

        var (exit, _, error) = await SigurCli.Run("match", "link", Write("cyrillic.csv", 'c'), Write("latin.csv", 'l'), "--id", "rec_id", "--out", outPath);

        output.WriteLine(error);
        Assert.Equal(0, exit);
        var truth = rows.GroupBy(r => r.Person).Select(g => (g.Single(r => r.Id[0] == 'c').Id, g.Single(r => r.Id[0] == 'l').Id));
        var quality = Quality.Of(Quality.ReadPairs(outPath), truth, ordered: true);
        output.WriteLine($"Cyrillic register ↔ Latin register (1500 persons) link: {quality}");
        Assert.True(quality.F1 >= 0.95, quality.ToString());
    }
}
