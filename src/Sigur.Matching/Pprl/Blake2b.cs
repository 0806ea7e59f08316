using System.Buffers.Binary;
using System.Numerics;

namespace Sigur.Matching.Pprl;

/// <summary>
/// BLAKE2b (RFC 7693) with key and salt, which clkhash's "blakeHash" needs and .NET does not ship.
/// One-shot and allocation-free; the 64-byte digest is written to the caller's span.
/// </summary>
public static class Blake2b
{
    public const int MaxKeyBytes = 64;
    public const int SaltBytes = 16;
    private const int BlockBytes = 128;

    private static readonly ulong[] InitialVector =
    [
        0x6a09e667f3bcc908UL, 0xbb67ae8584caa73bUL, 0x3c6ef372fe94f82bUL, 0xa54ff53a5f1d36f1UL,
        0x510e527fade682d1UL, 0x9b05688c2b3e6c1fUL, 0x1f83d9abfb41bd6bUL, 0x5be0cd19137e2179UL,
    ];

    private static readonly byte[] Sigma =
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
        11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
        7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
        9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
        2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
        12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
        13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
        6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
        10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
    ];

    /// <summary>Computes BLAKE2b of <paramref name="message"/> with a digest of <paramref name="digest"/>.Length bytes (1–64).</summary>
    /// <param name="salt">Up to 16 bytes; shorter salts are zero-padded, as Python's hashlib does.</param>
    public static void Hash(ReadOnlySpan<byte> message, ReadOnlySpan<byte> key, ReadOnlySpan<byte> salt, Span<byte> digest)
    {
        if (key.Length > MaxKeyBytes)
            throw new ArgumentException("BLAKE2b keys are at most 64 bytes", nameof(key));
        if (salt.Length > SaltBytes)
            throw new ArgumentException("BLAKE2b salts are at most 16 bytes", nameof(salt));
        if (digest.Length is < 1 or > 64)
            throw new ArgumentException("BLAKE2b digests are 1 to 64 bytes", nameof(digest));

        Span<ulong> h = stackalloc ulong[8];
        InitialVector.CopyTo(h);
        // Parameter block word 0: digest length, key length, fanout 1, depth 1.
        h[0] ^= 0x01010000UL | ((ulong)(uint)key.Length << 8) | (ulong)(uint)digest.Length;
        Span<byte> saltBlock = stackalloc byte[SaltBytes];
        saltBlock.Clear();
        salt.CopyTo(saltBlock);
        h[4] ^= BinaryPrimitives.ReadUInt64LittleEndian(saltBlock);
        h[5] ^= BinaryPrimitives.ReadUInt64LittleEndian(saltBlock[8..]);

        Span<byte> block = stackalloc byte[BlockBytes];
        ulong counter = 0;
        var remaining = message;
        if (key.Length > 0)
        {
            block.Clear();
            key.CopyTo(block);
            counter = BlockBytes;
            if (remaining.IsEmpty)
            {
                Compress(h, block, counter, last: true);
                WriteDigest(h, digest);
                return;
            }
            Compress(h, block, counter, last: false);
        }
        while (remaining.Length > BlockBytes)
        {
            counter += BlockBytes;
            Compress(h, remaining[..BlockBytes], counter, last: false);
            remaining = remaining[BlockBytes..];
        }
        block.Clear();
        remaining.CopyTo(block);
        counter += (ulong)remaining.Length;
        Compress(h, block, counter, last: true);
        WriteDigest(h, digest);
    }

    private static void WriteDigest(ReadOnlySpan<ulong> h, Span<byte> digest)
    {
        Span<byte> full = stackalloc byte[64];
        for (var i = 0; i < 8; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(full[(i * 8)..], h[i]);
        full[..digest.Length].CopyTo(digest);
    }

    private static void Compress(Span<ulong> h, ReadOnlySpan<byte> block, ulong counter, bool last)
    {
        Span<ulong> m = stackalloc ulong[16];
        for (var i = 0; i < 16; i++)
            m[i] = BinaryPrimitives.ReadUInt64LittleEndian(block[(i * 8)..]);
        Span<ulong> v = stackalloc ulong[16];
        h.CopyTo(v);
        InitialVector.CopyTo(v[8..]);
        v[12] ^= counter; // messages here are far below 2^64 bytes: the high counter word stays 0
        if (last)
            v[14] = ~v[14];

        for (var round = 0; round < 12; round++)
        {
            var s = Sigma.AsSpan(round * 16, 16);
            Mix(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
            Mix(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
            Mix(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
            Mix(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
            Mix(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
            Mix(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
            Mix(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
            Mix(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
        }
        for (var i = 0; i < 8; i++)
            h[i] ^= v[i] ^ v[i + 8];
    }

    private static void Mix(Span<ulong> v, int a, int b, int c, int d, ulong x, ulong y)
    {
        v[a] = v[a] + v[b] + x;
        v[d] = BitOperations.RotateRight(v[d] ^ v[a], 32);
        v[c] = v[c] + v[d];
        v[b] = BitOperations.RotateRight(v[b] ^ v[c], 24);
        v[a] = v[a] + v[b] + y;
        v[d] = BitOperations.RotateRight(v[d] ^ v[a], 16);
        v[c] = v[c] + v[d];
        v[b] = BitOperations.RotateRight(v[b] ^ v[c], 63);
    }
}
