namespace Sigur.Matching.Tests.Names;

public class NameKeyTests
{
    [Theory]
    [InlineData("Петровић Марко")]
    [InlineData("Marko Petrović")]
    [InlineData("marko petrovic")]
    [InlineData("  MARKO   PETROVIĆ ")]
    [InlineData("Marko\tPetrovic\u0301")]
    public void Script_order_case_and_diacritics_do_not_change_the_key(string name) =>
        Assert.Equal("marko petrovic", NameKey.For(name));

    [Theory]
    [InlineData("Đorđe Đurić", "djordje djuric")]
    [InlineData("Ђорђе", "djordje")]
    [InlineData("Ѓорѓи", "gjorgji")]
    [InlineData("Gjorgji", "gjorgji")]
    [InlineData("Живко", "zivko")]
    [InlineData("Zhivko", "zivko")]
    [InlineData("Shaqiri Xhevdet", "saqiri xhevdet")] // xh (dž) is left to the phonetic key
    [InlineData("Çelik Dëshira", "celik desira")]
    [InlineData("Ｍａｒｋｏ", "marko")] // full-width letters, unified by NFKC
    [InlineData("O'Brien", "obrien")]
    [InlineData("", "")]
    [InlineData("  -- ", "")]
    public void Folding(string name, string key) => Assert.Equal(key, NameKey.For(name));

    [Theory]
    [InlineData("Mohammad", "Muhammad", "Mohamed", "Mehmed", "Mohammed")]
    [InlineData("Abdul Rahman", "Abdel-Rahman", "Abd al-Rahman", "Abdurrahman", "Abdulrahman")]
    [InlineData("Abdullah", "Abdallah", "Abdollah", "Abdulla", "Abdullah")]
    [InlineData("Nasrullah", "Nasrollah", "Nasrallah", "Nasrulla", "Nasrullah")]
    [InlineData("Hussein", "Hussain", "Hossein", "Husein", "Husayn")]
    [InlineData("Yusuf", "Youssef", "Yousef", "Jusuf", "Yousuf")]
    public void Arabic_and_persian_name_variants_share_a_key(params string[] variants)
    {
        var keys = variants.Select(NameKey.For).Distinct().ToList();
        Assert.Single(keys);
    }

    [Fact]
    public void Different_names_keep_different_keys()
    {
        Assert.NotEqual(NameKey.For("Mohammad Ali"), NameKey.For("Ahmad Ali"));
        Assert.NotEqual(NameKey.For("Marko Petrović"), NameKey.For("Marko Petrovski"));
    }

    [Fact]
    public void Name_order_swaps_give_the_same_key_and_tokens_keep_written_order()
    {
        Assert.Equal(NameKey.For("Al-Hassan Omar"), NameKey.For("Umar al Hasan"));
        Assert.Equal(["jovana", "nikolic"], NameKey.Tokens("Јована Николић"));
    }

    [Theory]
    [InlineData("djordje", "gjorgje", "dordje", "dzordze")]
    [InlineData("ljubica", "lubica", "ljubitsa", "ljubica")]
    [InlineData("saqiri", "sakjiri", "saciri", "satsiri")]
    [InlineData("muhammad", "mohamed", "mhmd", "muhamed")]
    public void Phonetic_key_merges_spellings_of_one_sound(params string[] folded)
    {
        var keys = folded.Select(PhoneticKey.For).Distinct().ToList();
        Assert.True(keys.Count == 1, string.Join(",", keys));
    }

    [Fact]
    public void Phonetic_key_separates_different_names()
    {
        // Names that differ only in vowels share a skeleton (Marko/Mirko); string similarity tells them apart.
        Assert.Equal(PhoneticKey.For("marko"), PhoneticKey.For("mirko"));
        Assert.NotEqual(PhoneticKey.For("marko"), PhoneticKey.For("darko"));
        Assert.NotEqual(PhoneticKey.For("petrovic"), PhoneticKey.For("pavlovic"));
        Assert.Equal("ABRHM", PhoneticKey.For("ibrahim"));
        Assert.Equal(PhoneticKey.For("ibrahim"), PhoneticKey.For("ebrahim"));
    }
}
