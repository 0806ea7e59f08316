using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Sigur.Matching.Pprl;

/// <summary>
/// Encodes records into CLKs compatible with clkhash (data61): per-feature keys from HKDF over the
/// shared secret, n-gram tokens, each token setting bits chosen by the double-hashing scheme of
/// Schnell et al. (HMAC-SHA1 + i·HMAC-MD5 mod l) or by keyed BLAKE2b, the feature filters OR-ed
/// together and optionally XOR-folded. Thread-safe; each thread encodes through its own
/// <see cref="ClkEncodingSession"/>.
/// </summary>
public sealed class ClkEncoder
{
    private readonly byte[][] _sha1Keys; // doubleHash: first key of each feature; blakeHash: its only key
    private readonly byte[][] _md5Keys;

    public ClkEncoder(LinkageSchema schema, string secret)
        : this(schema, Encoding.UTF8.GetBytes(secret))
    {
    }

    public ClkEncoder(LinkageSchema schema, ReadOnlySpan<byte> secret)
    {
        Schema = schema;
        var features = schema.Features.Count;
        var keySize = schema.Kdf.KeySize;
        var hash = schema.Kdf.HashName == "SHA512" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
        var hashBytes = schema.Kdf.HashName == "SHA512" ? 64 : 32;
        // clkhash derives two keys per feature (ignored ones included) from one HKDF stream.
        var total = 2L * features * keySize;
        if (total > 255L * hashBytes)
            throw new LinkageSchemaException($"HKDF-{schema.Kdf.HashName} cannot derive {total} key bytes for {features} features (at most {255 * hashBytes}); use a smaller keySize");
        var material = HKDF.DeriveKey(hash, secret.ToArray(), (int)total, schema.Kdf.Salt ?? [], schema.Kdf.Info ?? []);
        _sha1Keys = new byte[features][];
        _md5Keys = new byte[features][];
        for (var i = 0; i < features; i++)
        {
            _sha1Keys[i] = material.AsSpan((2 * i) * keySize, keySize).ToArray();
            _md5Keys[i] = material.AsSpan((2 * i + 1) * keySize, keySize).ToArray();
        }
        CryptographicOperations.ZeroMemory(material);

        var usesBlake = schema.Features.Any(f => f.Hashing?.Hash == HashFunction.BlakeHash);
        if (usesBlake && !BitOperations.IsPow2(schema.HashedBits))
            throw new LinkageSchemaException($"blakeHash needs a filter length that is a power of two, not {schema.HashedBits}");
        if (usesBlake && keySize > Blake2b.MaxKeyBytes)
            throw new LinkageSchemaException("blakeHash keys are at most 64 bytes: set kdf keySize to 64 or less");
    }

    public LinkageSchema Schema { get; }

    /// <summary>Bytes of one CLK.</summary>
    public int ClkBytes => Schema.ClkBytes;

    internal ReadOnlySpan<byte> Sha1Key(int feature) => _sha1Keys[feature];
    internal ReadOnlySpan<byte> Md5Key(int feature) => _md5Keys[feature];

    /// <summary>A single-threaded encoder with its own caches and buffers.</summary>
    public ClkEncodingSession CreateSession() => new(this);

    /// <summary>Convenience for one record; allocates.</summary>
    public byte[] Encode(IReadOnlyList<string> record)
    {
        var clk = new byte[ClkBytes];
        CreateSession().Encode(record, clk);
        return clk;
    }
}

/// <summary>
/// Per-thread encoding state. The token → bit-position cache is what makes encoding fast: names,
/// dates and postcodes repeat the same few thousand n-grams, so almost every token skips its two
/// HMACs (clkhash keeps an LRU cache for the same reason).
/// </summary>
public sealed class ClkEncodingSession
{
    private const int MaxCachedTokensPerFeature = 1 << 16;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ClkEncoder _encoder;
    private readonly LinkageSchema _schema;
    private readonly TokenList _tokens = new();
    private readonly byte[] _filter;
    private byte[] _tokenBytes = new byte[256];
    private readonly Dictionary<string, DoubleHashPositions>[] _doubleHashCache;
    private readonly Dictionary<string, ushort[]>[] _blakeCache;

    internal ClkEncodingSession(ClkEncoder encoder)
    {
        _encoder = encoder;
        _schema = encoder.Schema;
        _filter = new byte[(_schema.HashedBits + 7) / 8];
        _doubleHashCache = new Dictionary<string, DoubleHashPositions>[_schema.Features.Count];
        _blakeCache = new Dictionary<string, ushort[]>[_schema.Features.Count];
        for (var i = 0; i < _schema.Features.Count; i++)
        {
            _doubleHashCache[i] = new Dictionary<string, DoubleHashPositions>(StringComparer.Ordinal);
            _blakeCache[i] = new Dictionary<string, ushort[]>(StringComparer.Ordinal);
        }
    }

    /// <summary>Encodes one record (values in schema feature order) into <paramref name="clk"/>.</summary>
    /// <exception cref="InvalidFieldValueException">A value cannot be formatted or encoded; the message names the feature.</exception>
    public void Encode(IReadOnlyList<string> record, Span<byte> clk)
    {
        var features = _schema.Features;
        if (record.Count != features.Count)
            throw new InvalidFieldValueException($"expected {features.Count} values (one per schema feature), got {record.Count}");
        if (clk.Length != _schema.ClkBytes)
            throw new ArgumentException($"a CLK of this schema is {_schema.ClkBytes} bytes", nameof(clk));

        Array.Clear(_filter);
        var bits = _schema.HashedBits;
        for (var f = 0; f < features.Count; f++)
        {
            var feature = features[f];
            if (feature.Hashing is not { } hashing)
                continue;
            _tokens.Clear();
            try
            {
                hashing.Comparison.Tokenize(FieldValues.Format(feature, record[f]), _tokens);
                var count = _tokens.Count;
                for (var t = 0; t < count; t++)
                {
                    var k = hashing.BitsFor(t, count);
                    if (k == 0)
                        continue;
                    if (hashing.Hash == HashFunction.DoubleHash)
                        SetDoubleHashBits(f, feature, hashing.PreventSingularity, _tokens[t], k, bits);
                    else
                        SetBlakeBits(f, feature, _tokens[t], k, bits);
                }
            }
            catch (InvalidFieldValueException e)
            {
                throw new InvalidFieldValueException($"{feature.Identifier}: {e.Message}");
            }
        }
        Fold(_filter, bits, _schema.XorFolds, clk);
    }

    private void SetDoubleHashBits(int f, FeatureSpec feature, bool preventSingularity, ReadOnlySpan<char> token, int k, int l)
    {
        var cache = _doubleHashCache[f].GetAlternateLookup<ReadOnlySpan<char>>();
        if (!cache.TryGetValue(token, out var positions))
        {
            positions = HashToken(f, feature, preventSingularity, token, l);
            if (_doubleHashCache[f].Count >= MaxCachedTokensPerFeature)
                _doubleHashCache[f].Clear();
            cache[token] = positions;
        }
        // g_i = (h1 + i·h2) mod l, stepped incrementally: h1, h2 < l, so one subtraction keeps g below l
        // and no division is needed per bit (a record sets over a thousand).
        var g = positions.Sha1;
        var step = positions.Md5;
        for (var i = 0; i < k; i++)
        {
            SetBit((int)g);
            g += step;
            if (g >= (uint)l)
                g -= (uint)l;
        }
    }

    private DoubleHashPositions HashToken(int f, FeatureSpec feature, bool preventSingularity, ReadOnlySpan<char> token, int l)
    {
        var message = TokenBytes(feature, token, extra: preventSingularity ? 4 : 0);
        Span<byte> sha1 = stackalloc byte[HMACSHA1.HashSizeInBytes];
        Span<byte> md5 = stackalloc byte[HMACMD5.HashSizeInBytes];
        HMACSHA1.HashData(_encoder.Sha1Key(f), message, sha1);
        HMACMD5.HashData(_encoder.Md5Key(f), message, md5);
        var h1 = BigEndianModulo(sha1, (uint)l);
        var h2 = BigEndianModulo(md5, (uint)l);
        if (preventSingularity)
        {
            // clkhash issue 33: h2 ≡ 0 would put all k bits on one position; rehash with chr(i) appended.
            var length = message.Length;
            for (var i = 0; h2 == 0; i++)
            {
                var appended = new Rune(i).EncodeToUtf8(_tokenBytes.AsSpan(length));
                HMACMD5.HashData(_encoder.Md5Key(f), _tokenBytes.AsSpan(0, length + appended), md5);
                h2 = BigEndianModulo(md5, (uint)l);
            }
        }
        return new DoubleHashPositions(h1, h2);
    }

    private void SetBlakeBits(int f, FeatureSpec feature, ReadOnlySpan<char> token, int k, int l)
    {
        var macs = (k + 31) / 32;
        var cache = _blakeCache[f].GetAlternateLookup<ReadOnlySpan<char>>();
        if (!cache.TryGetValue(token, out var shorts) || shorts.Length < 32 * macs)
        {
            var message = TokenBytes(feature, token, extra: 0);
            shorts = new ushort[32 * macs];
            Span<byte> digest = stackalloc byte[64];
            Span<byte> salt = stackalloc byte[11];
            for (var i = 0; i < macs; i++)
            {
                // Salt is str(i).encode(): the decimal digits of the MAC index.
                i.TryFormat(salt, out var saltLength, default, System.Globalization.CultureInfo.InvariantCulture);
                Blake2b.Hash(message, _encoder.Sha1Key(f), salt[..saltLength], digest);
                for (var s = 0; s < 32; s++)
                    shorts[32 * i + s] = BinaryPrimitives.ReadUInt16LittleEndian(digest[(2 * s)..]);
            }
            if (_blakeCache[f].Count >= MaxCachedTokensPerFeature)
                _blakeCache[f].Clear();
            cache[token] = shorts;
        }
        var mask = l - 1; // blakeHash requires l to be a power of two, so mod l is a mask
        for (var i = 0; i < k; i++)
            SetBit(shorts[i] & mask);
    }

    private ReadOnlySpan<byte> TokenBytes(FeatureSpec feature, ReadOnlySpan<char> token, int extra)
    {
        var needed = 4 * token.Length + 4 + extra;
        if (_tokenBytes.Length < needed)
            _tokenBytes = new byte[Math.Max(needed, _tokenBytes.Length * 2)];
        var buffer = _tokenBytes.AsSpan();
        try
        {
            switch (feature.TextEncoding)
            {
                case "ascii":
                    foreach (var c in token)
                        if (c > 0x7f)
                            throw new InvalidFieldValueException($"'{token}' cannot be encoded as ASCII");
                    return buffer[..Encoding.ASCII.GetBytes(token, buffer)];
                case "utf-16":
                    // Python's "utf-16" codec writes a byte-order mark, then little-endian units.
                    buffer[0] = 0xFF;
                    buffer[1] = 0xFE;
                    return buffer[..(2 + Encoding.Unicode.GetBytes(token, buffer[2..]))];
                case "utf-32":
                    buffer[0] = 0xFF;
                    buffer[1] = 0xFE;
                    buffer[2] = 0;
                    buffer[3] = 0;
                    return buffer[..(4 + Encoding.UTF32.GetBytes(token, buffer[4..]))];
                default:
                    return buffer[..StrictUtf8.GetBytes(token, buffer)];
            }
        }
        catch (EncoderFallbackException)
        {
            throw new InvalidFieldValueException($"'{token}' contains an unpaired surrogate");
        }
    }

    private void SetBit(int position) => _filter[position >> 3] |= (byte)(0x80 >> (position & 7));

    private static uint BigEndianModulo(ReadOnlySpan<byte> digest, uint modulus)
    {
        ulong remainder = 0;
        foreach (var b in digest)
            remainder = ((remainder << 8) | b) % modulus;
        return (uint)remainder;
    }

    /// <summary>XOR-folds the hashed filter in half <paramref name="folds"/> times (bit order as bitarray: most significant first).</summary>
    private static void Fold(byte[] filter, int bits, int folds, Span<byte> clk)
    {
        for (var fold = 0; fold < folds; fold++)
        {
            var half = bits / 2;
            if (half % 8 == 0)
            {
                for (var i = 0; i < half / 8; i++)
                    filter[i] ^= filter[half / 8 + i];
            }
            else
            {
                for (var i = 0; i < half; i++)
                {
                    var other = i + half;
                    if ((filter[other >> 3] & (0x80 >> (other & 7))) != 0)
                        filter[i >> 3] ^= (byte)(0x80 >> (i & 7));
                }
            }
            bits = half;
            // Bits past the new end must be clear: they become padding of the last byte.
            for (var i = bits; i < ((bits + 7) & ~7); i++)
                filter[i >> 3] &= (byte)~(0x80 >> (i & 7));
        }
        filter.AsSpan(0, clk.Length).CopyTo(clk);
    }

    private readonly record struct DoubleHashPositions(uint Sha1, uint Md5);
}
