using System.Buffers.Binary;
using System.Numerics;

namespace Sigur.Matching.Pprl;

/// <summary>
/// A party's CLKs as 64-bit words (row-major, zero-padded to a whole number of words) with their bit
/// counts. Popcount does not care about bit order, so bytes are packed little-endian.
/// </summary>
public sealed class ClkSet
{
    private ClkSet(int count, int bytesPerClk, ulong[] words, int[] bitCounts)
    {
        Count = count;
        BytesPerClk = bytesPerClk;
        WordsPerClk = (bytesPerClk + 7) / 8;
        Words = words;
        BitCounts = bitCounts;
    }

    public int Count { get; }
    public int BytesPerClk { get; }
    public int WordsPerClk { get; }

    /// <summary>Filter i occupies Words[i·WordsPerClk .. (i+1)·WordsPerClk).</summary>
    public ulong[] Words { get; }

    public int[] BitCounts { get; }

    public ReadOnlySpan<ulong> Filter(int index) => Words.AsSpan(index * WordsPerClk, WordsPerClk);

    /// <summary>Packs CLKs that must all have <paramref name="bytesPerClk"/> bytes.</summary>
    /// <exception cref="ArgumentException">A CLK has a different length; the message gives its index.</exception>
    public static ClkSet FromBytes(IReadOnlyList<byte[]> clks, int bytesPerClk)
    {
        var wordsPerClk = (bytesPerClk + 7) / 8;
        var words = new ulong[(long)clks.Count * wordsPerClk];
        var counts = new int[clks.Count];
        Span<byte> padded = stackalloc byte[wordsPerClk * 8];
        for (var i = 0; i < clks.Count; i++)
        {
            var clk = clks[i];
            if (clk.Length != bytesPerClk)
                throw new ArgumentException($"CLK {i} has {clk.Length} bytes, expected {bytesPerClk}");
            padded.Clear();
            clk.CopyTo(padded);
            var count = 0;
            for (var w = 0; w < wordsPerClk; w++)
            {
                var word = BinaryPrimitives.ReadUInt64LittleEndian(padded[(w * 8)..]);
                words[i * wordsPerClk + w] = word;
                count += BitOperations.PopCount(word);
            }
            counts[i] = count;
        }
        return new ClkSet(clks.Count, bytesPerClk, words, counts);
    }
}
