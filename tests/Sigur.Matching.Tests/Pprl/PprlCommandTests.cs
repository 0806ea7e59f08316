using System.Text.Json;
using Xunit;

namespace Sigur.Matching.Tests.Pprl;

/// <summary>`sigur pprl encode` and `match` as a user meets them: formats, and one clear line with exit code 2 for bad input.</summary>
public sealed class PprlCommandTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("sigur-pprl-cli");

    public void Dispose() => _work.Delete(recursive: true);

    private string PathTo(string name) => Path.Combine(_work.FullName, name);

    private string Write(string name, string content)
    {
        File.WriteAllText(PathTo(name), content);
        return PathTo(name);
    }

    private static string Febrl4Schema => SharedData.Path("pprl", "clkhash_febrl_schema_v3_final.json");

    private string RegressionSchema()
    {
        using var vectors = JsonDocument.Parse(File.ReadAllText(SharedData.Path("pprl", "clkhash_regression_vectors.json")));
        return Write("schema.json", vectors.RootElement.GetProperty("schema").GetRawText());
    }

    [Fact]
    public async Task Encode_writes_anonlink_clks_in_input_order_matching_clkhash()
    {
        // The regression rows through the real command, including a quoted field with a comma.
        var input = Write("people.csv", "name,id,dob,gender,children\r\nKÉVIN,kev007,1963-12-13,M,1\r\n\"JOHN HOWARD, ESQ.\",stv534,1992-02-29,M,16\r\n");
        var output = PathTo("clks.json");
        Assert.Equal((0, ""), await PprlCommandRunner.Run("pprl", "encode", input, "--schema", RegressionSchema(), "--secret", "chicken", "--out", output));

        using var written = JsonDocument.Parse(File.ReadAllText(output));
        var clks = written.RootElement.GetProperty("clks").EnumerateArray().Select(e => e.GetString()).ToArray();
        using var vectors = JsonDocument.Parse(File.ReadAllText(SharedData.Path("pprl", "clkhash_regression_vectors.json")));
        var expected = vectors.RootElement.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("clk_base64").GetString()).ToArray();
        Assert.Equal(expected, clks);
        Assert.Empty(Directory.GetFiles(_work.FullName, "*.tmp"));
    }

    [Fact]
    public async Task Match_writes_the_greedy_one_to_one_links()
    {
        // Three CLKs each side; b0 is a copy of a1, b1 of a0, and b2 is unrelated.
        string Clk(params byte[] pattern) => Convert.ToBase64String(Enumerable.Range(0, 128).Select(i => pattern[i % pattern.Length]).ToArray());
        var a = Write("a.json", $$"""{"clks": ["{{Clk(0xF0)}}", "{{Clk(0x0F)}}", "{{Clk(0xFF, 0x00)}}"]}""");
        var b = Write("b.json", $$"""{"clks": ["{{Clk(0x0F)}}", "{{Clk(0xF0)}}", "{{Clk(0x01)}}"]}""");
        var output = PathTo("pairs.csv");
        Assert.Equal((0, ""), await PprlCommandRunner.Run("pprl", "match", a, b, "--threshold", "0.9", "--out", output));
        Assert.Equal(["index_a,index_b,score", "0,1,1", "1,0,1"], File.ReadAllLines(output));
    }

    [Fact]
    public async Task Missing_input_file_is_reported_with_exit_code_2()
    {
        var missing = PathTo("nowhere.csv");
        var output = PathTo("clks.json");
        var (code, error) = await PprlCommandRunner.Run("pprl", "encode", missing, "--schema", Febrl4Schema, "--secret", "s", "--out", output);
        Assert.Equal(2, code);
        Assert.Equal($"{missing}: file not found", error.TrimEnd());
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Csv_row_with_the_wrong_number_of_columns_names_file_and_row()
    {
        var input = Write("people.csv", "name,id,dob,gender,children\nKÉVIN,kev007,1963-12-13,M,1\nJULIA,alp423,F\n");
        var (code, error) = await PprlCommandRunner.Run("pprl", "encode", input, "--schema", RegressionSchema(), "--secret", "s", "--out", PathTo("clks.json"));
        Assert.Equal(2, code);
        Assert.Equal($"{input}: row 3 (line 3) has 3 columns but the schema has 5 features", error.TrimEnd());
    }

    [Fact]
    public async Task Header_that_does_not_name_the_schema_features_is_refused()
    {
        var input = Write("people.csv", "name,identifier,dob,gender,children\nKÉVIN,kev007,1963-12-13,M,1\n");
        var (code, error) = await PprlCommandRunner.Run("pprl", "encode", input, "--schema", RegressionSchema(), "--secret", "s", "--out", PathTo("clks.json"));
        Assert.Equal(2, code);
        Assert.Contains("column 2 is 'identifier' but schema feature 2 is 'id'", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task A_value_that_cannot_be_encoded_leaves_an_existing_output_untouched()
    {
        var output = Write("clks.json", "previous run");
        var input = Write("people.csv", "name,id,dob,gender,children\nKÉVIN,kev007,1963-12-13,M,1\nJULIA,alp423,1999-02-30,F,0\n");
        var (code, error) = await PprlCommandRunner.Run("pprl", "encode", input, "--schema", RegressionSchema(), "--secret", "s", "--out", output);
        Assert.Equal(2, code);
        Assert.StartsWith($"{input}: row 3 (line 3): dob: '1999-02-30' does not match date format", error);
        Assert.Equal("previous run", File.ReadAllText(output));
        Assert.Empty(Directory.GetFiles(_work.FullName, "*.tmp"));
    }

    [Fact]
    public async Task Bad_json_is_reported_with_the_file_name()
    {
        var a = Write("a.json", "{\"clks\": [");
        var b = Write("b.json", "{\"clks\": []}");
        var (code, error) = await PprlCommandRunner.Run("pprl", "match", a, b, "--threshold", "0.8", "--out", PathTo("pairs.csv"));
        Assert.Equal(2, code);
        Assert.StartsWith($"{a}: not valid JSON", error);
        Assert.False(File.Exists(PathTo("pairs.csv")));
    }

    [Fact]
    public async Task Bad_base64_names_the_file_and_the_clk()
    {
        var a = Write("a.json", "{\"clks\": [\"AAAA\", \"not base64!\"]}");
        var b = Write("b.json", "{\"clks\": [\"AAAA\"]}");
        var (code, error) = await PprlCommandRunner.Run("pprl", "match", a, b, "--threshold", "0.8", "--out", PathTo("pairs.csv"));
        Assert.Equal(2, code);
        Assert.Equal($"{a}: clks[1] is not a base64 string", error.TrimEnd());
    }

    [Fact]
    public async Task Clks_of_different_lengths_are_refused_within_and_across_files()
    {
        var mixed = Write("mixed.json", "{\"clks\": [\"AAAA\", \"AAAAAAAA\"]}");
        var short3 = Write("short.json", "{\"clks\": [\"AAAA\"]}");
        var long6 = Write("long.json", "{\"clks\": [\"AAAAAAAA\"]}");
        var (code, error) = await PprlCommandRunner.Run("pprl", "match", mixed, short3, "--threshold", "0.8", "--out", PathTo("pairs.csv"));
        Assert.Equal(2, code);
        Assert.Equal($"{mixed}: clks[1] has 6 bytes but clks[0] has 3; all CLKs must have the same length", error.TrimEnd());

        (code, error) = await PprlCommandRunner.Run("pprl", "match", short3, long6, "--threshold", "0.8", "--out", PathTo("pairs.csv"));
        Assert.Equal(2, code);
        Assert.Contains("6 bytes but those of", error);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    public async Task Threshold_outside_0_to_1_is_refused(string threshold)
    {
        var a = Write("a.json", "{\"clks\": [\"AAAA\"]}");
        var (code, error) = await PprlCommandRunner.Run("pprl", "match", a, a, "--threshold", threshold, "--out", PathTo("pairs.csv"));
        Assert.Equal(2, code);
        Assert.StartsWith("--threshold must be between 0 and 1", error);
        Assert.False(File.Exists(PathTo("pairs.csv")));
    }

    [Fact]
    public async Task Invalid_schema_is_reported_with_its_file_name()
    {
        var schema = Write("schema.json", "{\"version\": 3, \"clkConfig\": {\"l\": 1024, \"kdf\": {\"type\": \"HKDF\"}}, \"features\": [{\"identifier\": \"x\", \"format\": {\"type\": \"string\"}, \"hashing\": {\"comparison\": {\"type\": \"ngram\", \"n\": 2}, \"strategy\": {}}}]}");
        var input = Write("people.csv", "x\nabc\n");
        var (code, error) = await PprlCommandRunner.Run("pprl", "encode", input, "--schema", schema, "--secret", "s", "--out", PathTo("clks.json"));
        Assert.Equal(2, code);
        Assert.Equal($"{schema}: invalid linkage schema: feature 'x': strategy needs exactly one of bitsPerToken or bitsPerFeature", error.TrimEnd());
    }
}
