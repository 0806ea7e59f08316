using Xunit;

namespace Sigur.Matching.Tests.Pprl;

/// <summary>
/// clkhash's own dirty test data: two 1000-record files sharing 500 rec_ids, encoded with its
/// v1 "dirty data" schema (k = 20, bigrams and positional unigrams, rec_id itself hashed as a
/// feature, exactly as clkhash ships it).
/// </summary>
public sealed class DirtyDataLinkageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Dirty_1000_50_pair_links_the_shared_records()
    {
        var work = Directory.CreateTempSubdirectory("sigur-pprl-dirty");
        try
        {
            var schema = SharedData.Path("pprl", "clkhash_dirty-data-schema.json");
            var first = SharedData.Path("pprl", "clkhash_dirty_1000_50_1.csv");
            var second = SharedData.Path("pprl", "clkhash_dirty_1000_50_2.csv");
            var clksA = Path.Combine(work.FullName, "a.json");
            var clksB = Path.Combine(work.FullName, "b.json");
            var pairs = Path.Combine(work.FullName, "pairs.csv");
            Assert.Equal((0, ""), await PprlCommandRunner.Run("pprl", "encode", first, "--schema", schema, "--secret", "dirty", "--out", clksA));
            Assert.Equal((0, ""), await PprlCommandRunner.Run("pprl", "encode", second, "--schema", schema, "--secret", "dirty", "--out", clksB));

            var idsA = PprlCommandRunner.RecordIds(first);
            var idsB = PprlCommandRunner.RecordIds(second);
            var shared = idsA.Intersect(idsB).Count();
            Assert.Equal(500, shared);

            var f1AtDefault = 0.0;
            foreach (var threshold in new[] { 0.8, 0.85, 0.9, 0.95 })
            {
                var code = await PprlCommandRunner.Run("pprl", "match", clksA, clksB, "--threshold", threshold.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", pairs);
                Assert.Equal((0, ""), code);
                var links = PprlCommandRunner.ReadPairs(pairs);
                var correct = links.Count(l => idsA[l.A] == idsB[l.B]);
                var (precision, recall, f1) = PprlCommandRunner.Quality(correct, links.Count, shared);
                output.WriteLine($"dirty_1000_50 at threshold {threshold:F2}: {links.Count} links, precision {precision:F4}, recall {recall:F4}, F1 {f1:F4}");
                if (threshold == 0.9)
                    f1AtDefault = f1;
            }
            // This schema pours about 14 features × 20 bits per token into 1024 bits, so most bits are set
            // and unrelated records already score about 0.85: the usable threshold is 0.9. The files are
            // deliberately dirty (missing and misspelt values); the floor leaves room for that.
            Assert.True(f1AtDefault >= 0.95, $"F1 {f1AtDefault:F4} at threshold 0.9 is below 0.95");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
