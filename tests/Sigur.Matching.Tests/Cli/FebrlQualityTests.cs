namespace Sigur.Matching.Tests.Cli;

/// <summary>Duplicate detection quality on the FEBRL synthetic registers, through the real command.</summary>
public class FebrlQualityTests(ITestOutputHelper output) : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sigur-febrl-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData("dataset1")]
    [InlineData("dataset2")]
    public async Task Dedupe_finds_the_duplicates(string dataset)
    {
        var outPath = Path.Combine(dir, dataset + "-pairs.csv");
        var (exit, _, error) = await SigurCli.Run("match", "dedupe", SharedData.Path("febrl", dataset + ".csv"), "--id", "rec_id", "--out", outPath);
        output.WriteLine(error);
        Assert.Equal(0, exit);
        Assert.Equal("id1,id2,score", File.ReadLines(outPath).First());
        var predicted = Quality.ReadPairs(outPath);
        Assert.All(predicted, p => Assert.True(string.CompareOrdinal(p.Item1, p.Item2) < 0, $"{p.Item1} < {p.Item2}"));
        var quality = Quality.Of(predicted, Quality.ReadPairs(SharedData.Path("febrl", dataset + "_true_pairs.csv")));
        output.WriteLine($"FEBRL {dataset} dedupe: {quality}");
        Assert.True(quality.F1 >= 0.97, quality.ToString());
    }

    [Fact]
    public async Task Link_finds_the_same_people_in_two_registers()
    {
        var outPath = Path.Combine(dir, "links.csv");
        var (exit, _, error) = await SigurCli.Run("match", "link",
            SharedData.Path("febrl", "dataset4a.csv"), SharedData.Path("febrl", "dataset4b.csv"), "--id", "rec_id", "--out", outPath);
        output.WriteLine(error);
        Assert.Equal(0, exit);
        Assert.Equal("left_id,right_id,score", File.ReadLines(outPath).First());
        var predicted = Quality.ReadPairs(outPath);
        Assert.Equal(predicted.Count, predicted.Select(p => p.Item1).Distinct().Count());
        Assert.Equal(predicted.Count, predicted.Select(p => p.Item2).Distinct().Count());
        var quality = Quality.Of(predicted, Quality.ReadPairs(SharedData.Path("febrl", "dataset4_true_pairs.csv")), ordered: true);
        output.WriteLine($"FEBRL 4a/4b link: {quality}");
        Assert.True(quality.F1 >= 0.99, quality.ToString());
    }
}
