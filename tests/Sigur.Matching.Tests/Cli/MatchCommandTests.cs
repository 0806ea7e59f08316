namespace Sigur.Matching.Tests.Cli;

public class MatchCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sigur-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData(new[] { "names", "latin", "ЉУБА Гусиње" }, "LJUBA Gusinje")]
    [InlineData(new[] { "names", "latin", "Ѓорѓи Ќосевски, 1990" }, "Ǵorǵi Ḱosevski, 1990")]
    [InlineData(new[] { "names", "latin", "Ѓорѓи Ќосевски", "--lang", "mk" }, "Ǵorǵi Ḱosevski")]
    [InlineData(new[] { "names", "latin", "Ѓорѓи Ќосевски", "--lang", "mk", "--system", "passport" }, "Gjorgji Kjosevski")]
    [InlineData(new[] { "names", "key", "Петровић Марко" }, "marko petrovic")]
    public async Task Names_verbs_print_one_line(string[] args, string expected)
    {
        var (exit, stdout, _) = await SigurCli.Run(args);
        Assert.Equal(0, exit);
        Assert.Equal(expected + Environment.NewLine, stdout);
    }

    private string Csv(string name, params string[] lines)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public async Task Dedupe_with_a_mapped_column_swapped_names_and_name_variants()
    {
        // The model is estimated from the register itself, so the cases sit among a thousand other people.
        var others = new SyntheticPersons(NameStock.From(SharedData.BalkanNames()), seed: 3).Register(1000, duplicateShare: 0)
            .Select(r => string.Join(',', r.Id, r.GivenName, r.Surname, r.BirthDate));
        var input = Csv("in.csv", [
            "nr,ime,prezime,rodjen",
            .. others,
            "a2,Марко,Петровић,12.03.1990",
            "a1,Petrovic,Marko,1990",
            "a3,Jelena,Nikolić,01.01.1985",
            "a4,Mohammad,Rahimi,07.07.1991",
            "a5,Muhamed,Rahimi,1991"]);
        var outPath = Path.Combine(dir, "out.csv");
        var (exit, stdout, error) = await SigurCli.Run("match", "dedupe", input, "--id", "nr", "--map", "birth_date=rodjen", "--out", outPath);
        Assert.True(exit == 0, error);
        Assert.Equal("", stdout);
        var lines = File.ReadAllLines(outPath);
        Assert.Equal("id1,id2,score", lines[0]);
        var pairs = lines.Skip(1).Select(l => string.Join(',', l.Split(',')[..2])).ToList();
        Assert.Contains("a1,a2", pairs);
        Assert.Contains("a4,a5", pairs);
        Assert.DoesNotContain(pairs, p => p.Contains("a3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_file_is_named_and_exit_code_is_2()
    {
        var outPath = Path.Combine(dir, "out.csv");
        var (exit, _, error) = await SigurCli.Run("match", "dedupe", Path.Combine(dir, "nope.csv"), "--id", "rec_id", "--out", outPath);
        Assert.Equal(2, exit);
        Assert.Contains("nope.csv: file not found", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public async Task Missing_id_column_is_named()
    {
        var input = Csv("in.csv", "id,given_name,surname", "1,Ana,Ilić");
        var outPath = Path.Combine(dir, "out.csv");
        var (exit, _, error) = await SigurCli.Run("match", "dedupe", input, "--id", "rec_id", "--out", outPath);
        Assert.Equal(2, exit);
        Assert.Contains("no column 'rec_id'", error);
        Assert.Contains("in.csv", error);
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public async Task Unknown_map_role_is_refused()
    {
        var input = Csv("in.csv", "id,given_name,surname", "1,Ana,Ilić");
        var outPath = Path.Combine(dir, "out.csv");
        var (exit, _, error) = await SigurCli.Run("match", "dedupe", input, "--id", "id", "--map", "nickname=given_name", "--out", outPath);
        Assert.Equal(2, exit);
        Assert.Contains("unknown role 'nickname'", error);
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public async Task Empty_id_names_the_row_and_leaves_an_existing_output_untouched()
    {
        var left = Csv("left.csv", "id,given_name,surname", "1,Ana,Ilić");
        var right = Csv("right.csv", "id,given_name,surname", "7,Ana,Ilic", ",Marko,Marković");
        var outPath = Csv("links.csv", "previous run");
        var (exit, _, error) = await SigurCli.Run("match", "link", left, right, "--id", "id", "--out", outPath);
        Assert.Equal(2, exit);
        Assert.Contains("right.csv: row 3 has no value in id column 'id'", error);
        Assert.Equal(["previous run"], File.ReadAllLines(outPath));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }
}
