namespace Sigur.Features.Statistics;

/// <summary>
/// What is counted: a person (a victim, once however many cases and organisations), a case, or a criminal proceeding
/// concerning a victim's case (once however many stages and verdicts it goes through).
/// </summary>
public enum CountingUnit { Person, Case, Proceeding }

/// <summary>Which date places a case in a year.</summary>
public enum ReferenceDate
{
    /// <summary>The intake date: when the person came to the mechanism (the date of first identification as a presumed victim).</summary>
    Intake,
    /// <summary>When the case was registered in Sigur (or imported); for a proceeding, the date of its first stage.</summary>
    Registration,
    /// <summary>
    /// The date of the decision: for a person or a case, the identification decision that set the current status (the
    /// latest decision, review or appeal that changed it); for a proceeding, its latest verdict.
    /// </summary>
    Decision,
}

/// <summary>
/// The counting rules, written once. Every table, chart, template and export is computed by <see cref="VictimFacts"/>
/// from these rules, and every table carries <see cref="Statement"/> so that a figure never travels without its
/// definition. The "How we count" page shows the same text.
/// </summary>
public static class CountingRules
{
    public const int AdultAge = 18;

    public static readonly IReadOnlyList<(string Title, string Text)> Rules =
    [
        ("Unit", "The default unit is the person. A person is counted once in a year however many cases they have in that year, "
            + "and however many organisations hold them: persons that a duplicate check linked and a worker confirmed (a confirmed "
            + "person link) are one person. Proposed, unconfirmed links do not merge. The unit 'case' counts cases instead."),
        ("Year", "A person is counted in every year in which they have a case, by the intake date of the case (or, if chosen, "
            + "the date of registration). A person registered again in a later year therefore appears in both years; "
            + "a total across years counts each person once, so yearly figures may add up to more than the total. "
            + "Records imported without a year count under 'Unknown'."),
        ("Proceedings", "The unit 'proceeding' counts criminal proceedings concerning a victim's case: each proceeding once, however "
            + "many stages it passes through (investigation, indictment, first instance, appeal, final judgement) and however many "
            + "defendants it has. Its outcome is the latest verdict of each defendant: 'convicted' if any defendant's latest verdict is "
            + "a conviction (a conviction confirmed on appeal and made final is one conviction), otherwise the latest verdict, or "
            + "'pending'. Its breakdowns by sex, age, citizenship and form are those of the victim of the case."),
        ("Year of decision", "With the reference date 'decision', a person or a case is counted in the year of the identification "
            + "decision that set its current status (the latest decision, review or appeal that changed the status), and a proceeding "
            + "in the year of its latest verdict. Cases and proceedings without a decision yet count under 'Unknown'. For proceedings, "
            + "'registration' is the date of the first stage."),
        ("Status", "A person's identification status in a year is the furthest status any of their cases reached that year: "
            + "identified, then presumed, then potential, then not a victim. Registered victims (Eurostat) are identified plus presumed."),
        ("Age", "Age is the age on the intake date of the person's first case in the year, from the date of birth or else the "
            + "estimated age. A person under 18, or of unknown age but possibly a child, counts as a child. Age bands follow "
            + "the CTDC bands (0-8, 9-17, 18-20, 21-23, 24-26, 27-29, 30-38, 39-47, 48+)."),
        ("Sex", "Sex as recorded; where linked records disagree, 'Unknown'. Eurostat's tables know male, female and unknown only: "
            + "a sex recorded as other counts there as unknown."),
        ("Citizenship", "A person with several citizenships is counted under each country in tables by country, so such tables "
            + "can add up to more than the total. 'National' means any citizenship of the reporting country; 'foreign' means none."),
        ("Form of exploitation", "Every form a person was exploited in during the year is counted (not one main form), so rows "
            + "by form can add up to more than the total. Eurostat's groups: sexual exploitation; labour exploitation (forced "
            + "labour, servitude, slavery, child labour); other forms (begging, criminal activities, organ removal, forced "
            + "marriage, and the rest); unknown."),
        ("Intake channel and region", "Those of the person's first case in the year."),
        ("Internal or cross-border", "Cross-border when any country of origin, transit or exploitation of the year's cases is "
            + "not the reporting country; internal when all recorded countries are the reporting country; otherwise unknown."),
        ("Small numbers", "Cells from 1 to the threshold minus one are withheld (shown as 'c', confidential), 5 for internal "
            + "use and 11 for publication; further cells are withheld where a withheld cell could otherwise be worked out from "
            + "totals or from another table of the same report. '0' means known to be none; an empty cell means not known; 'n/a' "
            + "(not applicable) marks a category that the table's definition excludes, such as potential victims in a table of registered victims."),
        ("Tables asked one at a time", "Tables on the statistics page, in the API and from the command line are cut from one set of "
            + "protected tables: which cells are withheld depends only on the table's dimensions (rows, columns and filters) and the data, "
            + "never on who asks or in what order, and a table's margins are settled before its cells. Two overlapping tables therefore "
            + "cannot be subtracted to find a withheld cell. For the same reason a filter keeps one category and a table combines at most "
            + "four dimensions; sums of categories (such as registered victims: identified plus presumed) are published by the report "
            + "templates, whose tables are protected together."),
    ];

    public const string MultiValuedNote = "A person can fall under several categories of a breakdown; totals count them once.";

    /// <summary>
    /// What a table counts, in two sentences; <paramref name="words"/> translates each (a page passes its string table,
    /// files and the API keep the English).
    /// </summary>
    public static string Statement(CountingUnit unit, ReferenceDate reference, Func<string, string>? words = null)
    {
        words ??= s => s;
        return words(unit switch
        {
            CountingUnit.Person => "Persons, each counted once per year and once in totals; confirmed links merge records.",
            CountingUnit.Case => "Cases; a person with several cases counts once per case.",
            _ => "Criminal proceedings, each counted once across its stages and verdicts.",
        })
        + " " + words(reference switch
        {
            ReferenceDate.Intake => "Year of intake.",
            ReferenceDate.Registration => unit == CountingUnit.Proceeding ? "Year the proceeding started." : "Year of registration.",
            _ => unit == CountingUnit.Proceeding ? "Year of the latest verdict." : "Year of the identification decision.",
        });
    }

    /// <summary>The statement, and for a breakdown that can place one person under several categories, that note.</summary>
    public static string Definition(CountingUnit unit, ReferenceDate reference, bool multiValued, Func<string, string>? words = null) =>
        Statement(unit, reference, words) + (multiValued ? " " + (words ?? (s => s))(MultiValuedNote) : "");
}
