namespace Sigur.Matching.Tests.Comparators;

public class BirthDateTests
{
    [Theory]
    [InlineData("19900312", 1990, 3, 12)]
    [InlineData(" 19900312", 1990, 3, 12)]
    [InlineData("1990-03-12", 1990, 3, 12)]
    [InlineData("12.03.1990.", 1990, 3, 12)]
    [InlineData("12/03/1990", 1990, 3, 12)]
    [InlineData("03.1990", 1990, 3, 0)]
    [InlineData("1990-03", 1990, 3, 0)]
    [InlineData("1990", 1990, 0, 0)]
    [InlineData("00.00.1990", 1990, 0, 0)]
    [InlineData("xx.03.1990", 1990, 3, 0)]
    [InlineData("", 0, 0, 0)]
    [InlineData("unknown", 0, 0, 0)]
    public void Parses_the_forms_written_in_case_files(string text, int year, int month, int day) =>
        Assert.Equal(new BirthDate(year, month, day), BirthDate.Parse(text));

    [Theory]
    [InlineData("12.03.1990", "1990-03-12", DateAgreement.Exact)]
    [InlineData("12.03.1990", "03.12.1990", DateAgreement.DayMonthSwapped)]
    [InlineData("12.03.1990", "1990", DateAgreement.PartialAgrees)]
    [InlineData("12.03.1990", "03.1990", DateAgreement.PartialAgrees)]
    [InlineData("03.1990", "1990", DateAgreement.PartialAgrees)]
    [InlineData("12.03.1990", "12.1990", DateAgreement.DayMonthSwapped)]
    [InlineData("12.03.1990", "13.03.1990", DateAgreement.TwoOfThree)]
    [InlineData("12.03.1990", "12.03.1909", DateAgreement.TwoOfThree)]
    [InlineData("12.03.1990", "05.07.1991", DateAgreement.YearClose)]
    [InlineData("12.03.1990", "04.1990", DateAgreement.YearClose)]
    [InlineData("12.03.1990", "1985", DateAgreement.Different)]
    [InlineData("12.03.1990", "", DateAgreement.Missing)]
    public void Comparison_tolerates_swaps_and_missing_parts(string a, string b, DateAgreement expected)
    {
        Assert.Equal(expected, BirthDateComparison.Compare(BirthDate.Parse(a), BirthDate.Parse(b)));
        Assert.Equal(expected, BirthDateComparison.Compare(BirthDate.Parse(b), BirthDate.Parse(a)));
    }
}
