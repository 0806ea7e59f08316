using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Sigur.Matching.Pprl;

namespace Sigur.Features.Duplicates;

/// <summary>
/// <c>sigur pprl</c>: privacy-preserving record linkage between two agencies that may not exchange
/// names. Each side encodes its records into CLKs with a secret they share (<c>encode</c>); a
/// coordinator who sees only CLKs links them (<c>match</c>). Files are anonlink/clkhash compatible,
/// so the other side may use clkhash instead of Sigur.
/// </summary>
public static class PprlCommands
{
    private const int InputError = 2;

    public static Command Build()
    {
        var pprl = new Command("pprl", "Privacy-preserving record linkage with CLK Bloom filters (clkhash/anonlink compatible)");
        pprl.Subcommands.Add(BuildEncode());
        pprl.Subcommands.Add(BuildMatch());
        return pprl;
    }

    private static Command BuildEncode()
    {
        var input = new Argument<string>("INPUT.csv") { Description = "CSV with a header; its columns are the schema's features, in order" };
        var schema = new Option<string>("--schema") { Description = "clkhash linkage schema (v1, v2 or v3 JSON)", Required = true };
        var secret = new Option<string>("--secret") { Description = "The secret shared with the other party", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write {\"clks\": [...]}", Required = true };
        var keepWhitespace = new Option<bool>("--keep-whitespace")
        {
            Description = "Hash values exactly as they are in the file (clkhash does); by default surrounding spaces are trimmed",
        };
        var encode = new Command("encode", "Encode records into CLKs, one per row, in input order");
        encode.Arguments.Add(input);
        encode.Options.Add(schema);
        encode.Options.Add(secret);
        encode.Options.Add(output);
        encode.Options.Add(keepWhitespace);
        encode.SetAction(parseResult => Guard(parseResult, () => Encode(
            parseResult.GetRequiredValue(input),
            parseResult.GetRequiredValue(schema),
            parseResult.GetRequiredValue(secret),
            parseResult.GetRequiredValue(output),
            trimValues: !parseResult.GetValue(keepWhitespace))));
        return encode;
    }

    private static Command BuildMatch()
    {
        var first = new Argument<string>("A.json") { Description = "CLKs of the first party" };
        var second = new Argument<string>("B.json") { Description = "CLKs of the second party" };
        var threshold = new Option<double>("--threshold") { Description = "Minimum Dice similarity for a link, in [0, 1]", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write index_a,index_b,score", Required = true };
        var match = new Command("match", "Link two CLK files one-to-one (greedy, highest Dice similarity first)");
        match.Arguments.Add(first);
        match.Arguments.Add(second);
        match.Options.Add(threshold);
        match.Options.Add(output);
        match.SetAction(parseResult => Guard(parseResult, () => Match(
            parseResult.GetRequiredValue(first),
            parseResult.GetRequiredValue(second),
            parseResult.GetRequiredValue(threshold),
            parseResult.GetRequiredValue(output))));
        return match;
    }

    private static int Guard(ParseResult parseResult, Action run)
    {
        try
        {
            run();
            return 0;
        }
        catch (PprlInputException e)
        {
            var error = parseResult.InvocationConfiguration.Error ?? Console.Error;
            error.WriteLine(e.Message);
            return InputError;
        }
    }

    private static void Encode(string inputPath, string schemaPath, string secret, string outputPath, bool trimValues)
    {
        var schema = PprlFiles.ReadSchema(schemaPath);
        var records = PprlFiles.ReadRecords(inputPath, schema, trimValues);
        ClkEncoder encoder;
        try
        {
            encoder = new ClkEncoder(schema, secret);
        }
        catch (LinkageSchemaException e)
        {
            throw new PprlInputException($"{schemaPath}: {e.Message}");
        }

        var clkBytes = encoder.ClkBytes;
        var clks = new byte[(long)records.Count * clkBytes];
        var failure = PprlProgress.Run("Encoding", records.Count, advance => EncodeAll(encoder, records, clks, advance));
        if (failure is { } bad)
            throw new PprlInputException($"{inputPath}: row {bad.Record.Row} (line {bad.Record.Line}): {bad.Message}");

        PprlFiles.WriteAtomically(outputPath, stream =>
        {
            using var json = new Utf8JsonWriter(stream);
            json.WriteStartObject();
            json.WriteStartArray("clks");
            for (var i = 0; i < records.Count; i++)
                json.WriteBase64StringValue(clks.AsSpan(i * clkBytes, clkBytes));
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private sealed record EncodingFailure(PprlFiles.CsvRecord Record, string Message);

    /// <summary>Encodes in parallel, one session (caches, buffers) per worker; reports the earliest bad row, if any.</summary>
    private static EncodingFailure? EncodeAll(ClkEncoder encoder, List<PprlFiles.CsvRecord> records, byte[] clks, Action<long> advance)
    {
        const int Batch = 1024;
        var clkBytes = encoder.ClkBytes;
        EncodingFailure? failure = null;
        var gate = new object();
        Parallel.For(0, (records.Count + Batch - 1) / Batch,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            encoder.CreateSession,
            (batch, state, session) =>
            {
                var end = Math.Min(records.Count, (batch + 1) * Batch);
                for (var i = batch * Batch; i < end; i++)
                {
                    try
                    {
                        session.Encode(records[i].Values, clks.AsSpan(i * clkBytes, clkBytes));
                    }
                    catch (InvalidFieldValueException e)
                    {
                        lock (gate)
                        {
                            if (failure is null || records[i].Row < failure.Record.Row)
                                failure = new EncodingFailure(records[i], e.Message);
                        }
                        state.Stop();
                        break;
                    }
                }
                advance(end - batch * Batch);
                return session;
            },
            static _ => { });
        return failure;
    }

    private static void Match(string firstPath, string secondPath, double threshold, string outputPath)
    {
        if (double.IsNaN(threshold) || threshold < 0 || threshold > 1)
            throw new PprlInputException($"--threshold must be between 0 and 1, got {threshold.ToString(CultureInfo.InvariantCulture)}");
        var first = PprlFiles.ReadClks(firstPath);
        var second = PprlFiles.ReadClks(secondPath);
        if (first.Count > 0 && second.Count > 0 && first[0].Length != second[0].Length)
            throw new PprlInputException($"{secondPath}: its CLKs have {second[0].Length} bytes but those of {firstPath} have {first[0].Length}; both sides must use the same schema");
        var bytes = first.Count > 0 ? first[0].Length : second.Count > 0 ? second[0].Length : 0;

        var links = PprlProgress.Run("Comparing", first.Count, advance =>
        {
            using var index = new DiceIndex(ClkSet.FromBytes(second, bytes));
            var progress = new CountingProgress(advance);
            var candidates = index.FindCandidates(ClkSet.FromBytes(first, bytes), threshold, progress: progress);
            return GreedyMatching.Solve(candidates.Pairs);
        });
        links.Sort((x, y) => x.IndexA.CompareTo(y.IndexA));

        PprlFiles.WriteAtomically(outputPath, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true);
            writer.Write("index_a,index_b,score\n");
            foreach (var link in links)
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{link.IndexA},{link.IndexB},{link.Score:R}\n"));
        });
    }

    private sealed class CountingProgress(Action<long> advance) : IProgress<int>
    {
        public void Report(int value) => advance(value);
    }
}
