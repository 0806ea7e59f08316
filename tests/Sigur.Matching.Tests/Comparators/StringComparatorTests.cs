using CsCheck;

namespace Sigur.Matching.Tests.Comparators;

public class StringComparatorTests
{
    // A small alphabet makes shared characters, transpositions and near-misses common.
    private static readonly Gen<string> Word = Gen.Char["abcdeđšž"].Array[0, 20].Select(a => new string(a));
    private static readonly Gen<string> LongWord = Gen.Char["abcdefgh"].Array[0, 150].Select(a => new string(a));

    [Fact]
    public void Jaro_winkler_is_symmetric_and_within_0_and_1()
    {
        Gen.Select(Word, Word).Sample((a, b) =>
        {
            double ab = JaroWinkler.Similarity(a, b), ba = JaroWinkler.Similarity(b, a);
            Assert.Equal(ab, ba);
            Assert.InRange(ab, 0.0, 1.0);
            if (a == b) Assert.Equal(1.0, ab);
        }, iter: 20000);
    }

    [Theory]
    [InlineData("martha", "marhta", 0.9611)]
    [InlineData("dwayne", "duane", 0.84)]
    [InlineData("dixon", "dicksonx", 0.8133)]
    [InlineData("abc", "xyz", 0.0)]
    public void Jaro_winkler_textbook_values(string a, string b, double expected) =>
        Assert.Equal(expected, JaroWinkler.Similarity(a, b), 3);

    [Fact]
    public void Bit_parallel_levenshtein_equals_the_dynamic_programme()
    {
        Gen.Select(Word, Word).Sample((a, b) => Assert.Equal(EditDistance.PlainLevenshtein(a, b), EditDistance.Levenshtein(a, b)), iter: 20000);
        Gen.Select(LongWord, LongWord).Sample((a, b) => Assert.Equal(EditDistance.PlainLevenshtein(a, b), EditDistance.Levenshtein(a, b)), iter: 2000);
    }

    [Fact]
    public void Bit_parallel_damerau_equals_the_dynamic_programme()
    {
        Gen.Select(Word, Word).Sample((a, b) => Assert.Equal(EditDistance.PlainDamerau(a, b), EditDistance.Damerau(a, b)), iter: 20000);
    }

    [Theory]
    [InlineData("petrovic", "petorvic", 2, 1)]
    [InlineData("kitten", "sitting", 3, 3)]
    [InlineData("", "abc", 3, 3)]
    [InlineData("ca", "abc", 3, 3)] // OSA: no edit inside a transposed pair (true Damerau would say 2)
    [InlineData("ab", "ba", 2, 1)]
    public void Known_distances(string a, string b, int levenshtein, int damerau)
    {
        Assert.Equal(levenshtein, EditDistance.Levenshtein(a, b));
        Assert.Equal(damerau, EditDistance.Damerau(a, b));
    }
}
