using Xunit;
using System.Text.Json;
using Sigur.Matching.Pprl;

namespace Sigur.Matching.Tests.Pprl;

/// <summary>clkhash's own regression vectors (schema v1, secret 'chicken'): our CLKs must be byte-identical.</summary>
public sealed class ClkRegressionTests
{
    [Fact]
    public void Reproduces_clkhash_regression_vectors_byte_for_byte()
    {
        using var vectors = JsonDocument.Parse(File.ReadAllText(SharedData.Path("pprl", "clkhash_regression_vectors.json")));
        var root = vectors.RootElement;
        var schema = LinkageSchema.Parse(root.GetProperty("schema"));
        var encoder = new ClkEncoder(schema, root.GetProperty("secret").GetString()!);

        var records = root.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(2, records.Count);
        foreach (var record in records)
        {
            var row = record.GetProperty("row").EnumerateArray().Select(v => v.GetString()!).ToArray();
            var expected = Convert.FromBase64String(record.GetProperty("clk_base64").GetString()!);
            var actual = encoder.Encode(row);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Version_1_weights_become_bits_per_token()
    {
        using var vectors = JsonDocument.Parse(File.ReadAllText(SharedData.Path("pprl", "clkhash_regression_vectors.json")));
        var schema = LinkageSchema.Parse(vectors.RootElement.GetProperty("schema"));
        // k = 30: weight 2 → 60, weight 0.5 → 15, default weight 1 → 30.
        Assert.Equal([60, 30, 15, 30, 30], schema.Features.Select(f => f.Hashing!.BitsPerToken!.Value));
        Assert.All(schema.Features, f => Assert.Equal(HashFunction.DoubleHash, f.Hashing!.Hash));
    }

    [Fact]
    public void Febrl_schema_ignores_rec_id_and_soc_sec_id_but_derives_their_keys()
    {
        var schema = LinkageSchema.Parse(File.ReadAllText(SharedData.Path("pprl", "clkhash_febrl_schema_v3_final.json")));
        Assert.Equal(11, schema.Features.Count);
        Assert.True(schema.Features[0].Ignored);
        Assert.True(schema.Features[10].Ignored);
        Assert.Equal(HashFunction.DoubleHash, schema.Features[1].Hashing!.Hash);
        // No "hash" object means clkhash's default, blakeHash.
        Assert.Equal(HashFunction.BlakeHash, schema.Features[3].Hashing!.Hash);
        Assert.Equal(200, schema.Features[1].Hashing!.BitsPerFeature);
    }
}
