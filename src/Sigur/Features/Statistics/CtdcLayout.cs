namespace Sigur.Features.Statistics;

/// <summary>
/// The record layout of the Counter Trafficking Data Collaborative's global k-anonymised dataset (IOM; data
/// dictionary 2017-11-28, ../shared/data/ctdc), which follows the Human Trafficking Case Data Standard. Sigur exports
/// in it and imports from it; the mapping between Sigur's HTCDS codes and CTDC's columns lives here, once.
/// </summary>
public static class CtdcLayout
{
    public static readonly string[] Columns =
    [
        "yearOfRegistration", "Datasource", "gender", "ageBroad", "majorityStatus", "majorityStatusAtExploit", "majorityEntry", "citizenship",
        "meansOfControlDebtBondage", "meansOfControlTakesEarnings", "meansOfControlRestrictsFinancialAccess", "meansOfControlThreats",
        "meansOfControlPsychologicalAbuse", "meansOfControlPhysicalAbuse", "meansOfControlSexualAbuse", "meansOfControlFalsePromises",
        "meansOfControlPsychoactiveSubstances", "meansOfControlRestrictsMovement", "meansOfControlRestrictsMedicalCare",
        "meansOfControlExcessiveWorkingHours", "meansOfControlUsesChildren", "meansOfControlThreatOfLawEnforcement",
        "meansOfControlWithholdsNecessities", "meansOfControlWithholdsDocuments", "meansOfControlOther", "meansOfControlNotSpecified",
        "meansOfControlConcatenated", "isForcedLabour", "isSexualExploit", "isOtherExploit", "isSexAndLabour", "isForcedMarriage",
        "isForcedMilitary", "isOrganRemoval", "isSlaveryAndPractices", "typeOfExploitConcatenated", "typeOfLabourAgriculture",
        "typeOfLabourAquafarming", "typeOfLabourBegging", "typeOfLabourConstruction", "typeOfLabourDomesticWork", "typeOfLabourHospitality",
        "typeOfLabourIllicitActivities", "typeOfLabourManufacturing", "typeOfLabourMiningOrDrilling", "typeOfLabourPeddling",
        "typeOfLabourTransportation", "typeOfLabourOther", "typeOfLabourNotSpecified", "typeOfLabourConcatenated", "typeOfSexProstitution",
        "typeOfSexPornography", "typeOfSexRemoteInteractiveServices", "typeOfSexPrivateSexualServices", "typeOfSexConcatenated",
        "isAbduction", "RecruiterRelationship", "CountryOfExploitation", "recruiterRelationIntimatePartner", "recruiterRelationFriend",
        "recruiterRelationFamily", "recruiterRelationOther", "recruiterRelationUnknown",
    ];

    /// <summary>Sigur's extension: the region, the first thing generalised away when records would stand out.</summary>
    public const string RegionColumn = "region";

    /// <summary>Sigur means-of-control code → CTDC column (several Sigur codes can share one).</summary>
    public static readonly IReadOnlyDictionary<string, string> MeansColumns = new Dictionary<string, string>
    {
        ["DebtBondage"] = "meansOfControlDebtBondage", ["TakesEarnings"] = "meansOfControlTakesEarnings",
        ["RestrictsFinancialAccess"] = "meansOfControlRestrictsFinancialAccess", ["PhysicalThreats"] = "meansOfControlThreats",
        ["ThreatensChildrenFamily"] = "meansOfControlThreats", ["PsychologicalAbuse"] = "meansOfControlPsychologicalAbuse",
        ["PhysicalAbuse"] = "meansOfControlPhysicalAbuse", ["SexualAbuse"] = "meansOfControlSexualAbuse",
        ["FalsePromises"] = "meansOfControlFalsePromises", ["PsychoactiveSubstance"] = "meansOfControlPsychoactiveSubstances",
        ["RestrictsMedicalCare"] = "meansOfControlRestrictsMedicalCare", ["ExcessiveWorkingHours"] = "meansOfControlExcessiveWorkingHours",
        ["ThreatsLawEnforcement"] = "meansOfControlThreatOfLawEnforcement", ["WithholdsNecessities"] = "meansOfControlWithholdsNecessities",
        ["WithholdsDocuments"] = "meansOfControlWithholdsDocuments", ["Other"] = "meansOfControlOther",
    };

    /// <summary>Sigur form of exploitation → the CTDC flags it sets.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> FormColumns = new Dictionary<string, string[]>
    {
        ["SexualExploitation"] = ["isSexualExploit", "typeOfSexProstitution"],
        ["Pornography"] = ["isSexualExploit", "typeOfSexPornography"],
        ["ForcedLabour"] = ["isForcedLabour"],
        ["ChildLabour"] = ["isForcedLabour"],
        ["ForcedBegging"] = ["isForcedLabour", "typeOfLabourBegging"],
        ["ForcedCriminality"] = ["isForcedLabour", "typeOfLabourIllicitActivities"],
        ["ForcedMarriage"] = ["isForcedMarriage"],
        ["ForcedMilitaryByNonStateActors"] = ["isForcedMilitary"],
        ["OrganRemoval"] = ["isOrganRemoval"],
        ["Slavery"] = ["isSlaveryAndPractices"],
        ["Servitude"] = ["isSlaveryAndPractices"],
        ["ForcedAdoption"] = ["isOtherExploit"],
        ["Surrogacy"] = ["isOtherExploit"],
        ["Other"] = ["isOtherExploit"],
    };

    /// <summary>CTDC flag → the Sigur form an import gives it (the reverse of <see cref="FormColumns"/>, one form per flag).</summary>
    public static readonly IReadOnlyDictionary<string, string> ImportForms = new Dictionary<string, string>
    {
        ["isSexualExploit"] = "SexualExploitation", ["isForcedLabour"] = "ForcedLabour", ["isForcedMarriage"] = "ForcedMarriage",
        ["isForcedMilitary"] = "ForcedMilitaryByNonStateActors", ["isOrganRemoval"] = "OrganRemoval", ["isSlaveryAndPractices"] = "Slavery",
        ["isOtherExploit"] = "Other", ["typeOfLabourBegging"] = "ForcedBegging", ["typeOfLabourIllicitActivities"] = "ForcedCriminality",
        ["typeOfSexPornography"] = "Pornography",
    };

    public static readonly IReadOnlyDictionary<string, string> FormLabels = new Dictionary<string, string>
    {
        ["isSexualExploit"] = "Sexual exploitation", ["isForcedLabour"] = "Forced labour", ["isForcedMarriage"] = "Forced marriage",
        ["isForcedMilitary"] = "Forced military", ["isOrganRemoval"] = "Organ removal", ["isSlaveryAndPractices"] = "Slavery and similar practices",
        ["isOtherExploit"] = "Other",
    };

    /// <summary>CTDC's broad age band ("18--20") for an age; Sigur's bands are CTDC's, written with one dash.</summary>
    public static string AgeBroad(int age) => Dimensions.AgeBand(age).Replace("-", "--", StringComparison.Ordinal);

    /// <summary>The lowest age of a CTDC band ("18--20", "48+", "9--17"; also the narrower range-1 bands such as "33-35").</summary>
    public static int? LowestAge(string band)
    {
        var text = band.Trim();
        var end = 0;
        while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        return end > 0 && int.TryParse(text[..end], out var age) && age <= 120 ? age : null;
    }
}
