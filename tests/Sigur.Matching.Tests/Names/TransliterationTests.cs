using CsCheck;

namespace Sigur.Matching.Tests.Names;

public class TransliterationTests
{
    private const string SerbianCyrillic = "абвгдђежзијклљмнњопрстћуфхцчџш";
    private static readonly string[] SerbianLatin =
        ["a", "b", "v", "g", "d", "đ", "e", "ž", "z", "i", "j", "k", "l", "lj", "m", "n", "nj", "o", "p", "r", "s", "t", "ć", "u", "f", "h", "c", "č", "dž", "š"];

    [Fact]
    public void Serbian_alphabet_letter_by_letter_both_ways()
    {
        Assert.Equal(30, SerbianCyrillic.Length);
        for (int i = 0; i < SerbianCyrillic.Length; i++)
        {
            string cyr = SerbianCyrillic[i].ToString(), lat = SerbianLatin[i];
            Assert.Equal(lat, Transliteration.ToLatin(cyr));
            Assert.Equal(cyr, Transliteration.SerbianLatinToCyrillic(lat));
            string capital = char.ToUpperInvariant(lat[0]) + lat[1..];
            Assert.Equal(capital, Transliteration.ToLatin(cyr.ToUpperInvariant()));
            Assert.Equal(cyr.ToUpperInvariant(), Transliteration.SerbianLatinToCyrillic(capital));
            Assert.Equal(cyr.ToUpperInvariant(), Transliteration.SerbianLatinToCyrillic(lat.ToUpperInvariant()));
        }
    }

    [Theory]
    [InlineData("ЉУБА", "LJUBA")]
    [InlineData("Љуба", "Ljuba")]
    [InlineData("Љубa", "Ljuba")] // the last letter is a Latin a, as typed in the tracker
    [InlineData("ГУСИЊЕ", "GUSINJE")]
    [InlineData("Гусиње", "Gusinje")]
    [InlineData("ЏАКОВИЋ", "DŽAKOVIĆ")]
    [InlineData("Џаковић", "Džaković")]
    [InlineData("ПАЉ", "PALJ")]
    [InlineData("Њ", "Nj")]
    [InlineData("ЂОРЂЕ ЈОВАНОВИЋ", "ĐORĐE JOVANOVIĆ")]
    [InlineData("Марко Petrović, 1990.", "Marko Petrović, 1990.")]
    public void Serbian_capital_digraphs_follow_the_word(string cyrillic, string latin) =>
        Assert.Equal(latin, Transliteration.ToLatin(cyrillic));

    [Fact]
    public void Montenegrin_letters_written_with_a_combining_acute()
    {
        Assert.Equal("śekira Źenica ŚEKIRA", Transliteration.ToLatin("с\u0301екира З\u0301еница С\u0301ЕКИРА"));
        Assert.Equal("с\u0301екира", Transliteration.SerbianLatinToCyrillic("śekira"));
    }

    private const string MacedonianCyrillic = "абвгдѓежзѕијклљмнњопрстќуфхцчџш";
    private static readonly string[] MacedonianOfficial =
        ["a", "b", "v", "g", "d", "ǵ", "e", "ž", "z", "dz", "i", "j", "k", "l", "lj", "m", "n", "nj", "o", "p", "r", "s", "t", "ḱ", "u", "f", "h", "c", "č", "dž", "š"];
    private static readonly string[] MacedonianPassport =
        ["a", "b", "v", "g", "d", "gj", "e", "zh", "z", "dz", "i", "j", "k", "l", "lj", "m", "n", "nj", "o", "p", "r", "s", "t", "kj", "u", "f", "h", "c", "ch", "dzh", "sh"];

    [Fact]
    public void Macedonian_alphabet_letter_by_letter_in_both_romanisations()
    {
        Assert.Equal(31, MacedonianCyrillic.Length);
        for (int i = 0; i < MacedonianCyrillic.Length; i++)
        {
            string cyr = MacedonianCyrillic[i].ToString();
            Assert.Equal(MacedonianOfficial[i], Transliteration.ToLatin(cyr, CyrillicLanguage.Macedonian));
            Assert.Equal(MacedonianPassport[i], Transliteration.ToLatin(cyr, CyrillicLanguage.Macedonian, MacedonianRomanisation.Passport));
        }
    }

    [Theory]
    [InlineData("Ѓорѓи Ќосевски", "Ǵorǵi Ḱosevski", "Gjorgji Kjosevski")]
    [InlineData("ЃОРЃИ", "ǴORǴI", "GJORGJI")]
    [InlineData("Ѕвонко", "Dzvonko", "Dzvonko")]
    [InlineData("ЅВОНКО", "DZVONKO", "DZVONKO")]
    [InlineData("Живко Чаушев", "Živko Čaušev", "Zhivko Chaushev")]
    [InlineData("Џемаил", "Džemail", "Dzhemail")]
    [InlineData("ЏЕМАИЛ", "DŽEMAIL", "DZHEMAIL")]
    [InlineData("Љупчо", "Ljupčo", "Ljupcho")]
    public void Macedonian_names(string cyrillic, string official, string passport)
    {
        Assert.Equal(official, Transliteration.ToLatin(cyrillic, CyrillicLanguage.Macedonian));
        Assert.Equal(passport, Transliteration.ToLatin(cyrillic, CyrillicLanguage.Macedonian, MacedonianRomanisation.Passport));
    }

    [Fact]
    public void Decomposed_input_is_composed_first()
    {
        Assert.Equal("Жарко", Transliteration.SerbianLatinToCyrillic("Z\u030Carko"));
    }

    [Fact]
    public void Serbian_latin_to_cyrillic_to_latin_is_the_identity_on_names()
    {
        var serbian = SharedData.BalkanNames()
            .Where(n => n.List.StartsWith("serbian", StringComparison.Ordinal) || n.List.StartsWith("first_name", StringComparison.Ordinal) || n.List.StartsWith("last_name", StringComparison.Ordinal))
            .Select(n => n.Name)
            .Where(n => !Transliteration.ContainsCyrillic(n))
            .Distinct().ToArray();
        Assert.True(serbian.Length > 1000);
        var casing = Gen.Int[0, 2];
        Gen.Select(Gen.Int[0, serbian.Length - 1], Gen.Int[0, serbian.Length - 1], casing).Sample((i, j, c) =>
        {
            string name = serbian[i] + " " + serbian[j];
            name = c switch { 0 => name, 1 => name.ToUpperInvariant(), _ => name.ToLowerInvariant() };
            string cyrillic = Transliteration.SerbianLatinToCyrillic(name);
            Assert.False(cyrillic.Any(ch => ch is >= 'a' and <= 'z' and not ('q' or 'w' or 'x' or 'y')), cyrillic);
            Assert.Equal(name, Transliteration.ToLatin(cyrillic));
        }, iter: 5000);
    }
}
