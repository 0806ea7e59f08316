using BenchmarkDotNet.Attributes;
using Sigur.Matching.Pprl;

namespace Sigur.Bench.Pprl;

/// <summary>
/// Dice kernels on 1000 × 50000 random-ish 1024-bit CLKs at threshold 0.7 (50 million comparisons
/// per operation; divide by the mean time for comparisons/s). `-- --filter '*PprlDice*'`
/// </summary>
[MemoryDiagnoser]
public class PprlDiceBenchmarks : IDisposable
{
    private ClkSet _queries = null!;
    private DiceIndex _index = null!;

    [Params(DiceKernel.Avx512BitSliced, DiceKernel.Avx512, DiceKernel.Portable)]
    public DiceKernel Kernel { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _queries = PprlSyntheticClks.Generate(1_000, 128, 0.45, 0.45, seed: 1);
        _index = new DiceIndex(PprlSyntheticClks.Generate(50_000, 128, 0.45, 0.45, seed: 2));
    }

    [Benchmark(Description = "50M Dice comparisons")]
    public int FindCandidates() => _index.FindCandidates(_queries, 0.7, Kernel).Pairs.Length;

    public void Dispose()
    {
        _index.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Encoding one FEBRL-like record with the clkhash FEBRL schema, on one thread. `-- --filter '*PprlEncode*'`</summary>
[MemoryDiagnoser]
public class PprlEncodeBenchmarks
{
    private static readonly string Schema = """
        {"version": 3, "clkConfig": {"l": 1024, "kdf": {"type": "HKDF", "hash": "SHA256", "info": "c2NoZW1hX2V4YW1wbGU=",
         "salt": "SCbL2zHNnmsckfzchsNkZY9XoHk96P/G5nUBrM7ybymlEFsMV6PAeDZCNp3rfNUPCtLDMOGQHG4pCQpfhiHCyA==", "keySize": 64}},
         "features": [
          {"identifier": "given_name", "format": {"type": "string"}, "hashing": {"comparison": {"type": "ngram", "n": 2}, "strategy": {"bitsPerFeature": 200}, "hash": {"type": "doubleHash"}}},
          {"identifier": "surname", "format": {"type": "string"}, "hashing": {"comparison": {"type": "ngram", "n": 2}, "strategy": {"bitsPerFeature": 200}, "hash": {"type": "doubleHash"}}},
          {"identifier": "postcode", "format": {"type": "integer"}, "hashing": {"comparison": {"type": "ngram", "n": 1, "positional": true}, "strategy": {"bitsPerFeature": 100}}},
          {"identifier": "date_of_birth", "format": {"type": "integer"}, "hashing": {"comparison": {"type": "ngram", "n": 1, "positional": true}, "strategy": {"bitsPerFeature": 200}}}]}
        """;

    private ClkEncodingSession _session = null!;
    private readonly byte[] _clk = new byte[128];
    private readonly string[] _record = ["michaela", "neumann", "4223", "19151111"];

    [GlobalSetup]
    public void Setup() => _session = new ClkEncoder(LinkageSchema.Parse(Schema), "secret").CreateSession();

    [Benchmark(Description = "encode one record (token cache warm)")]
    public byte Encode()
    {
        _session.Encode(_record, _clk);
        return _clk[0];
    }
}
