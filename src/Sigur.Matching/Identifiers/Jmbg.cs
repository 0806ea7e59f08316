namespace Sigur.Matching;

/// <summary>
/// The unique master citizen number (JMBG/ЕМБГ) of Serbia, North Macedonia and the other former Yugoslav
/// republics: DDMMYYY RR BBB K — birth date, political region, serial (000–499 male, 500–999 female), check digit.
/// </summary>
public static class Jmbg
{
    private static ReadOnlySpan<int> Weights => [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    /// <summary>Thirteen digits (spaces ignored) whose last digit is the mod-11 check digit of the first twelve.</summary>
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        Span<char> digits = stackalloc char[13];
        return TryDigits(text, digits) && digits[12] - '0' == CheckDigit(digits[..12]);
    }

    /// <summary>11 − (Σ wᵢ·dᵢ mod 11); a result of 10 or 11 gives 0.</summary>
    public static int CheckDigit(ReadOnlySpan<char> firstTwelve)
    {
        if (firstTwelve.Length != 12) throw new ArgumentException("A JMBG check digit is computed from 12 digits.", nameof(firstTwelve));
        int sum = 0;
        for (int i = 0; i < 12; i++) sum += Weights[i] * (firstTwelve[i] - '0');
        int check = 11 - sum % 11;
        return check >= 10 ? 0 : check;
    }

    /// <summary>The date of birth a valid JMBG encodes (YYY 9xx → 1900s, 0xx → 2000s).</summary>
    public static BirthDate BirthDateOf(ReadOnlySpan<char> text)
    {
        Span<char> d = stackalloc char[13];
        if (!TryDigits(text, d)) return BirthDate.Unknown;
        int day = (d[0] - '0') * 10 + d[1] - '0', month = (d[2] - '0') * 10 + d[3] - '0';
        int yyy = (d[4] - '0') * 100 + (d[5] - '0') * 10 + d[6] - '0';
        return new BirthDate(yyy >= 800 ? 1000 + yyy : 2000 + yyy, month, day);
    }

    private static bool TryDigits(ReadOnlySpan<char> text, Span<char> digits)
    {
        int n = 0;
        foreach (char c in text)
        {
            if (c == ' ') continue;
            if (c is < '0' or > '9' || n == 13) return false;
            digits[n++] = c;
        }
        return n == 13;
    }
}
