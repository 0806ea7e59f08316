using System.Text.Json;

namespace Sigur.Matching.Pprl;

/// <summary>
/// A clkhash linkage schema: how two parties turn plaintext identifiers into CLKs (cryptographic
/// long-term keys, i.e. Bloom filters). Both parties must use the same schema and secret, or their
/// CLKs are not comparable. Versions 1 and 2 are normalised to the version 3 model on load, the
/// way clkhash does it, so that an old schema yields byte-identical CLKs.
/// </summary>
/// <param name="SourceVersion">The version the schema file declared (1, 2 or 3).</param>
/// <param name="FilterBits">The CLK length <c>l</c> in bits, after XOR folding.</param>
/// <param name="XorFolds">How many times the filter is folded in half before output.</param>
public sealed record LinkageSchema(
    int SourceVersion,
    int FilterBits,
    int XorFolds,
    KeyDerivation Kdf,
    IReadOnlyList<FeatureSpec> Features)
{
    /// <summary>Length of the filter that tokens are hashed into, before folding.</summary>
    public int HashedBits => FilterBits << XorFolds;

    /// <summary>Bytes of one serialised CLK (clkhash packs bits most significant first, padding the last byte).</summary>
    public int ClkBytes => (FilterBits + 7) / 8;

    /// <summary>Parses a schema document (v1, v2 or v3). Throws <see cref="LinkageSchemaException"/> on anything it cannot honour.</summary>
    public static LinkageSchema Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new LinkageSchemaException($"not valid JSON ({e.Message})");
        }
        using (document)
        {
            return Parse(document.RootElement);
        }
    }

    public static LinkageSchema Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new LinkageSchemaException("the top level must be an object");
        var version = RequiredInt(root, "version", "schema");
        if (version is < 1 or > 3)
            throw new LinkageSchemaException($"schema version {version} is not supported (1, 2 or 3)");

        var clkConfig = Required(root, "clkConfig", "schema", JsonValueKind.Object);
        var filterBits = RequiredInt(clkConfig, "l", "clkConfig");
        if (filterBits < 1)
            throw new LinkageSchemaException("clkConfig.l must be at least 1");
        // clkhash's code reads "xor_folds" although its v3 JSON schema documents "xorFolds": accept both.
        var xorFolds = OptionalInt(clkConfig, "xorFolds") ?? OptionalInt(clkConfig, "xor_folds") ?? 0;
        if (xorFolds is < 0 or > 16)
            throw new LinkageSchemaException("clkConfig.xorFolds must be between 0 and 16");

        var kdf = KeyDerivation.Parse(Required(clkConfig, "kdf", "clkConfig", JsonValueKind.Object));

        // Version 1 keeps k and the hash function globally; each feature scales k by its weight.
        int? globalK = null;
        HashSettings? globalHash = null;
        if (version == 1)
        {
            globalK = RequiredInt(clkConfig, "k", "clkConfig");
            globalHash = HashSettings.Parse(Required(clkConfig, "hash", "clkConfig", JsonValueKind.Object), "clkConfig.hash");
        }

        var featuresElement = Required(root, "features", "schema", JsonValueKind.Array);
        var features = new List<FeatureSpec>();
        var index = 0;
        foreach (var feature in featuresElement.EnumerateArray())
        {
            features.Add(FeatureSpec.Parse(feature, index, version, globalK, globalHash));
            index++;
        }
        if (features.Count == 0)
            throw new LinkageSchemaException("the schema has no features");
        return new LinkageSchema(version, filterBits, xorFolds, kdf, features);
    }

    internal static JsonElement Required(JsonElement parent, string name, string where, JsonValueKind kind)
    {
        if (!parent.TryGetProperty(name, out var value))
            throw new LinkageSchemaException($"{where}: '{name}' is missing");
        if (value.ValueKind != kind)
            throw new LinkageSchemaException($"{where}: '{name}' must be {kind.ToString().ToLowerInvariant()}");
        return value;
    }

    internal static int RequiredInt(JsonElement parent, string name, string where) =>
        OptionalInt(parent, name) ?? throw new LinkageSchemaException($"{where}: '{name}' is missing");

    internal static int? OptionalInt(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i))
            return i;
        // JSON numbers such as 3.0 are integers for Python's json module too.
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue)
            return (int)d;
        throw new LinkageSchemaException($"'{name}' must be an integer");
    }

    internal static string? OptionalString(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.String)
            throw new LinkageSchemaException($"'{name}' must be a string");
        return value.GetString();
    }

    internal static bool? OptionalBool(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new LinkageSchemaException($"'{name}' must be true or false"),
        };
    }
}

/// <summary>The schema is malformed or asks for something this encoder does not implement.</summary>
public sealed class LinkageSchemaException(string message) : Exception(message);

/// <summary>HKDF settings: the shared secret is stretched into two keys per feature (one per hash function).</summary>
public sealed record KeyDerivation(string HashName, byte[]? Salt, byte[]? Info, int KeySize)
{
    public const int DefaultKeySize = 64;

    internal static KeyDerivation Parse(JsonElement kdf)
    {
        var type = LinkageSchema.OptionalString(kdf, "type") ?? "HKDF";
        if (type != "HKDF")
            throw new LinkageSchemaException($"kdf type '{type}' is not supported (only HKDF)");
        var hash = LinkageSchema.OptionalString(kdf, "hash") ?? "SHA256";
        if (hash is not ("SHA256" or "SHA512"))
            throw new LinkageSchemaException($"kdf hash '{hash}' is not supported (SHA256 or SHA512)");
        var keySize = LinkageSchema.OptionalInt(kdf, "keySize") ?? DefaultKeySize;
        if (keySize < 1)
            throw new LinkageSchemaException("kdf keySize must be at least 1");
        return new KeyDerivation(hash, Base64(kdf, "salt"), Base64(kdf, "info"), keySize);
    }

    private static byte[]? Base64(JsonElement kdf, string name)
    {
        var text = LinkageSchema.OptionalString(kdf, name);
        if (text is null)
            return null;
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new LinkageSchemaException($"kdf {name} is not valid base64");
        }
    }
}

public enum FeatureFormat { String, Integer, Date, Enum }

/// <summary>One column of the input. Ignored features still take part in key derivation, as in clkhash.</summary>
public sealed record FeatureSpec(
    string Identifier,
    bool Ignored,
    FeatureFormat Format,
    string TextEncoding,
    string? DateFormat,
    FeatureHashing? Hashing)
{
    internal static FeatureSpec Parse(JsonElement feature, int index, int version, int? globalK, HashSettings? globalHash)
    {
        var where = $"feature {index}";
        if (feature.ValueKind != JsonValueKind.Object)
            throw new LinkageSchemaException($"{where} must be an object");
        var identifier = LinkageSchema.OptionalString(feature, "identifier")
            ?? throw new LinkageSchemaException($"{where}: 'identifier' is missing");
        where = $"feature '{identifier}'";
        if (LinkageSchema.OptionalBool(feature, "ignored") == true)
            return Ignore(identifier);

        var format = LinkageSchema.Required(feature, "format", where, JsonValueKind.Object);
        var hashing = LinkageSchema.Required(feature, "hashing", where, JsonValueKind.Object);

        var formatType = LinkageSchema.OptionalString(format, "type")
            ?? throw new LinkageSchemaException($"{where}: format 'type' is missing");
        var kind = formatType switch
        {
            "string" => FeatureFormat.String,
            "integer" => FeatureFormat.Integer,
            "date" => FeatureFormat.Date,
            "enum" => FeatureFormat.Enum,
            _ => throw new LinkageSchemaException($"{where}: format type '{formatType}' is not supported"),
        };
        // Only string formats carry an encoding in clkhash; every other format hashes UTF-8.
        var encoding = kind == FeatureFormat.String ? LinkageSchema.OptionalString(format, "encoding") ?? "utf-8" : "utf-8";
        if (encoding is not ("utf-8" or "ascii" or "utf-16" or "utf-32"))
            throw new LinkageSchemaException($"{where}: encoding '{encoding}' is not supported");
        string? dateFormat = null;
        if (kind == FeatureFormat.Date)
        {
            dateFormat = LinkageSchema.OptionalString(format, "format")
                ?? throw new LinkageSchemaException($"{where}: a date format needs 'format'");
            StrptimeDate.Validate(dateFormat, where);
        }

        var featureHashing = FeatureHashing.Parse(hashing, where, version, globalK, globalHash);
        // clkhash v1→v2 conversion turns a weight of 0 into an ignored feature.
        return featureHashing is null
            ? Ignore(identifier)
            : new FeatureSpec(identifier, false, kind, encoding, dateFormat, featureHashing);
    }

    private static FeatureSpec Ignore(string identifier) =>
        new(identifier, true, FeatureFormat.String, "utf-8", null, null);
}

public enum HashFunction { DoubleHash, BlakeHash }

internal sealed record HashSettings(HashFunction Function, bool PreventSingularity)
{
    internal static HashSettings Parse(JsonElement hash, string where)
    {
        var type = LinkageSchema.OptionalString(hash, "type") ?? "blakeHash";
        var function = type switch
        {
            "doubleHash" => HashFunction.DoubleHash,
            "blakeHash" => HashFunction.BlakeHash,
            _ => throw new LinkageSchemaException($"{where}: hash type '{type}' is not supported"),
        };
        var preventSingularity = LinkageSchema.OptionalBool(hash, "prevent_singularity") ?? false;
        return new HashSettings(function, preventSingularity);
    }
}

/// <summary>How a feature's tokens get into the filter.</summary>
/// <param name="BitsPerToken">Every token sets this many bits (clkhash 'bitsPerToken', v2 'k').</param>
/// <param name="BitsPerFeature">The feature's tokens together set this many bits (clkhash 'bitsPerFeature', v2 'numBits').</param>
/// <param name="MissingValue">When the value equals the sentinel it is replaced and not validated.</param>
public sealed record FeatureHashing(
    TokenComparison Comparison,
    HashFunction Hash,
    bool PreventSingularity,
    int? BitsPerToken,
    int? BitsPerFeature,
    MissingValue? MissingValue)
{
    /// <summary>Bits to set for token <paramref name="tokenIndex"/> of <paramref name="tokenCount"/>.</summary>
    /// <remarks>With bitsPerFeature the first (total mod count) tokens get one bit more, so the sum is exact (clkhash's rule).</remarks>
    public int BitsFor(int tokenIndex, int tokenCount)
    {
        if (BitsPerFeature is { } total)
        {
            var each = total / tokenCount;
            return tokenIndex < total % tokenCount ? each + 1 : each;
        }
        return BitsPerToken ?? 0;
    }

    internal static FeatureHashing? Parse(JsonElement hashing, string where, int version, int? globalK, HashSettings? globalHash)
    {
        HashSettings hash;
        int? bitsPerToken = null, bitsPerFeature = null;
        TokenComparison comparison;
        if (version == 1)
        {
            var weight = 1.0;
            if (hashing.TryGetProperty("weight", out var w))
            {
                if (w.ValueKind != JsonValueKind.Number)
                    throw new LinkageSchemaException($"{where}: 'weight' must be a number");
                weight = w.GetDouble();
            }
            if (weight == 0)
                return null;
            // Python's round() rounds half to even, as MidpointRounding.ToEven does.
            bitsPerToken = (int)Math.Round(weight * globalK!.Value, MidpointRounding.ToEven);
            hash = globalHash!;
            comparison = NgramFromV1V2(hashing, where);
        }
        else
        {
            hash = hashing.TryGetProperty("hash", out var h) && h.ValueKind == JsonValueKind.Object
                ? HashSettings.Parse(h, where + " hash")
                : new HashSettings(HashFunction.BlakeHash, false);
            var strategy = LinkageSchema.Required(hashing, "strategy", where, JsonValueKind.Object);
            bitsPerToken = LinkageSchema.OptionalInt(strategy, "bitsPerToken") ?? LinkageSchema.OptionalInt(strategy, "k");
            bitsPerFeature = LinkageSchema.OptionalInt(strategy, "bitsPerFeature") ?? LinkageSchema.OptionalInt(strategy, "numBits");
            if (bitsPerToken is null == bitsPerFeature is null)
                throw new LinkageSchemaException($"{where}: strategy needs exactly one of bitsPerToken or bitsPerFeature");
            comparison = hashing.TryGetProperty("comparison", out var c)
                ? TokenComparison.Parse(c, where)
                : NgramFromV1V2(hashing, where);
        }
        if (bitsPerToken is < 0 || bitsPerFeature is < 0)
            throw new LinkageSchemaException($"{where}: the number of bits must not be negative");

        MissingValue? missing = null;
        if (hashing.TryGetProperty("missingValue", out var mv) && mv.ValueKind == JsonValueKind.Object)
        {
            var sentinel = LinkageSchema.OptionalString(mv, "sentinel")
                ?? throw new LinkageSchemaException($"{where}: missingValue needs a 'sentinel'");
            missing = new MissingValue(sentinel, LinkageSchema.OptionalString(mv, "replaceWith") ?? sentinel);
        }
        return new FeatureHashing(comparison, hash.Function, hash.PreventSingularity, bitsPerToken, bitsPerFeature, missing);
    }

    private static TokenComparison NgramFromV1V2(JsonElement hashing, string where)
    {
        var n = LinkageSchema.OptionalInt(hashing, "ngram")
            ?? throw new LinkageSchemaException($"{where}: 'ngram' is missing");
        if (n < 0)
            throw new LinkageSchemaException($"{where}: 'ngram' must not be negative");
        return new NgramComparison(n, LinkageSchema.OptionalBool(hashing, "positional") ?? false);
    }
}

public sealed record MissingValue(string Sentinel, string ReplaceWith);
