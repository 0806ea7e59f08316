namespace Sigur.Matching.Tests.Comparators;

public class IdentifierTests
{
    [Theory]
    [InlineData("0101990710008")]   // 01.01.1990, Belgrade region, check digit 8
    [InlineData("2512985450011")]
    [InlineData("0101 990 710 008")]
    public void Valid_jmbg(string jmbg) => Assert.True(Jmbg.IsValid(jmbg));

    [Theory]
    [InlineData("0101990710006")]   // wrong check digit
    [InlineData("010199071000")]    // twelve digits
    [InlineData("01019907100081")]  // fourteen
    [InlineData("01019907100O8")]   // a letter O
    [InlineData("")]
    public void Invalid_jmbg(string jmbg) => Assert.False(Jmbg.IsValid(jmbg));

    [Fact]
    public void Check_digit_rule_including_ten_and_eleven_giving_zero()
    {
        // Σ = 7·0+6·1+5·0+4·1+3·9+2·9+7·0+6·7+5·1+4·0+3·0+2·0 = 102; 102 mod 11 = 3; 11 − 3 = 8
        Assert.Equal(8, Jmbg.CheckDigit("010199071000"));
        // Σ mod 11 = 0 → 11 → 0, and Σ mod 11 = 1 → 10 → 0: search for twelve-digit prefixes of each kind.
        var prefixes = Enumerable.Range(0, 1000).Select(i => "0101990" + i.ToString("00000")).ToList();
        var sums = prefixes.Select(p => (p, sum: p.Select((c, i) => (c - '0') * new[] { 7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 }[i]).Sum() % 11)).ToList();
        var zero = sums.First(s => s.sum == 0).p;
        var one = sums.First(s => s.sum == 1).p;
        Assert.Equal(0, Jmbg.CheckDigit(zero));
        Assert.Equal(0, Jmbg.CheckDigit(one));
        Assert.True(Jmbg.IsValid(zero + "0"));
        Assert.Equal(2, Jmbg.CheckDigit(sums.First(s => s.sum == 9).p));
    }

    [Fact]
    public void Jmbg_carries_the_birth_date()
    {
        Assert.Equal(new BirthDate(1985, 12, 25), Jmbg.BirthDateOf("2512985450011"));
        Assert.Equal(new BirthDate(2003, 6, 1), Jmbg.BirthDateOf("0106003710000"));
    }

    [Theory]
    [InlineData("ab 123-456", "AB123456")]
    [InlineData("АВ123456", "AB123456")]  // Cyrillic А and В typed by a Macedonian clerk
    [InlineData(" 012.345.678 ", "012345678")]
    [InlineData(null, "")]
    public void Passport_numbers_normalise(string? raw, string expected) => Assert.Equal(expected, DocumentNumber.Normalise(raw));

    [Fact]
    public void Passport_match_key_reads_o_and_i_as_digits() =>
        Assert.Equal(DocumentNumber.MatchKey("AO1234I"), DocumentNumber.MatchKey("A0 12341"));
}
