using Xunit;
using Sigur.Matching.Pprl;

namespace Sigur.Matching.Tests.Pprl;

public sealed class TokenizationTests
{
    private static string[] Tokens(TokenComparison comparison, string value)
    {
        var list = new TokenList();
        comparison.Tokenize(value, list);
        return Enumerable.Range(0, list.Count).Select(i => list[i].ToString()).ToArray();
    }

    [Fact]
    public void Bigrams_are_padded_with_one_space_each_side()
    {
        Assert.Equal([" c", "cl", "lk", "kh", "ha", "as", "sh", "h "], Tokens(new NgramComparison(2, false), "clkhash"));
    }

    [Fact]
    public void Positional_bigrams_are_prefixed_with_their_one_based_position()
    {
        Assert.Equal(["1  c", "2 cl", "3 lk", "4 kh", "5 ha", "6 as", "7 sh", "8 h "], Tokens(new NgramComparison(2, true), "clkhash"));
    }

    [Fact]
    public void Grams_do_not_split_characters_outside_the_basic_plane()
    {
        Assert.Equal([" 𝒜", "𝒜b", "b "], Tokens(new NgramComparison(2, false), "𝒜b"));
    }

    [Fact]
    public void Empty_values_have_no_tokens()
    {
        Assert.Empty(Tokens(new NgramComparison(2, true), ""));
        Assert.Empty(Tokens(new ExactComparison(), ""));
    }

    [Fact]
    public void Numeric_neighbourhoods_follow_clkhash_example()
    {
        // clkhash docs: threshold 8, resolution 2, x = 25 → tokens 88, 96, 104, 112, 120.
        Assert.Equal(["88", "96", "104", "112", "120"], Tokens(new NumericComparison(8, 2, 0), "25"));
    }

    [Fact]
    public void Bits_per_feature_spread_the_remainder_over_the_first_tokens()
    {
        var hashing = new FeatureHashing(new NgramComparison(2, false), HashFunction.DoubleHash, false, null, 200, null);
        var bits = Enumerable.Range(0, 7).Select(i => hashing.BitsFor(i, 7)).ToArray();
        Assert.Equal(200, bits.Sum());
        Assert.Equal([29, 29, 29, 29, 28, 28, 28], bits);
    }

    [Theory]
    [InlineData("1963-12-13", "%Y-%m-%d", "19631213")]
    [InlineData("3/4/1999", "%d/%m/%Y", "19990403")]
    [InlineData("13 Dec 1963", "%d %b %Y", "19631213")]
    public void Dates_are_rewritten_as_yyyymmdd(string raw, string format, string expected)
    {
        var feature = new FeatureSpec("dob", false, FeatureFormat.Date, "utf-8", format, null);
        Assert.Equal(expected, FieldValues.Format(feature, raw));
    }

    [Theory]
    [InlineData(" 13", "13")]
    [InlineData("+13", "13")]
    [InlineData("-007", "-7")]
    [InlineData("1_000", "1000")]
    public void Integers_are_normalised_like_python_int(string raw, string expected)
    {
        var feature = new FeatureSpec("n", false, FeatureFormat.Integer, "utf-8", null, null);
        Assert.Equal(expected, FieldValues.Format(feature, raw));
    }

    [Fact]
    public void A_non_integer_in_an_integer_feature_is_rejected()
    {
        var feature = new FeatureSpec("n", false, FeatureFormat.Integer, "utf-8", null, null);
        Assert.Throws<InvalidFieldValueException>(() => FieldValues.Format(feature, "12a"));
    }
}
