using Sigur.Features.Cases;

namespace Sigur.Features.Justice;

/// <summary>
/// The words the offence catalogues and the qualification helper share. A catalogue file may only use these codes
/// (the loader names the file and line of any other), so one country's rules and another's are read against the same
/// facts. Purposes are the HTCDS forms of exploitation the cases already use.
/// </summary>
public static class JusticeVocabulary
{
    /// <summary>What the offender did with the person.</summary>
    public static readonly IReadOnlyList<string> Acts =
    [
        "recruit", "transport", "transfer", "handOver", "sell", "buy", "actAsIntermediary", "conceal", "keep", "receive",
        "takeAway", "adopt", "accommodate", "enslave", "holdInSlavery", "induceToSellFreedom", "facilitateIrregularCrossing",
        "crossBorder", "organise",
    ];

    /// <summary>How the offender got control over the person (the "means" of the Palermo Protocol, art. 3(a)).</summary>
    public static readonly IReadOnlyList<string> Means =
    [
        "force", "threat", "deception", "abduction", "abuseOfPower", "abuseOfTrust", "abuseOfDependency", "abuseOfVulnerability",
        "withholdingDocuments", "givingOrReceivingPayment", "otherCoercion",
    ];

    public static IReadOnlyList<string> Purposes => CodeLists.FormsOfExploitation;

    /// <summary>
    /// Facts a paragraph can require ("requires": all of them) or be qualified by ("circumstances": any of them).
    /// The first three may be unknown; the helper then says a paragraph "may apply if…".
    /// </summary>
    public static readonly IReadOnlyList<string> Facts =
    [
        Fact.BorderCrossing, Fact.MaterialGain, Fact.ForeignNational, Fact.VictimMinor, Fact.VictimUnder14, Fact.OrganisedGroup,
        Fact.SevereBodilyHarm, Fact.Death, Fact.AbuseOfOffice, Fact.EndangeringLife, Fact.LargeNumberOfPersons, Fact.ArmedOrViolent,
    ];

    /// <summary>What kind of offence an article is: the helper explains trafficking against smuggling from this.</summary>
    public static readonly IReadOnlyList<string> OffenceKinds = ["trafficking", "childTrafficking", "smuggling", "slavery", "organisingGroup", "other"];

    /// <summary>HTCDS means of control (as recorded on a case) → the statutory means they usually amount to.</summary>
    public static readonly IReadOnlyDictionary<string, string> MeansFromCase = new Dictionary<string, string>
    {
        ["PhysicalThreats"] = "threat", ["ThreatsLawEnforcement"] = "threat", ["ThreatensChildrenFamily"] = "threat",
        ["DebtBondage"] = "abuseOfVulnerability", ["FalsePromises"] = "deception", ["PhysicalAbuse"] = "force",
        ["SexualAbuse"] = "force", ["WithholdsDocuments"] = "withholdingDocuments", ["PsychologicalAbuse"] = "otherCoercion",
        ["PsychoactiveSubstance"] = "abuseOfVulnerability", ["RestrictsFinancialAccess"] = "abuseOfDependency",
        ["WithholdsNecessities"] = "abuseOfVulnerability",
    };

    /// <summary>HTCDS per_RoleInProcess: a suspect's part in the trafficking process.</summary>
    public static readonly IReadOnlyList<string> RolesInProcess =
    [
        "TravellingPartner", "Transporter", "RecruiterOrIntermediary", "BrokerTravelAgent", "TransferredIndividual", "HarbouredIndividual",
        "SoldIndividual", "BoughtIndividual", "ReceivedIndividual", "ControlledIndividual", "Smuggler", "Abuser", "Kidnapper", "Exploiter", "Other",
    ];

    /// <summary>Protection measures for a victim in proceedings (witness protection law and criminal procedure codes of the region).</summary>
    public static readonly IReadOnlyList<string> ProtectionMeasures =
    [
        "Anonymity", "TestimonyByVideoLink", "TestimonyWithoutDefendantPresent", "PseudonymInRecords", "ExcludedPublic",
        "PoliceProtection", "WitnessProtectionProgramme", "SupportPersonPresent", "SingleInterviewOfChild", "Other",
    ];
}

public static class Fact
{
    public const string BorderCrossing = "borderCrossing";
    public const string MaterialGain = "materialGain";
    public const string ForeignNational = "foreignNational";
    public const string VictimMinor = "victimMinor";
    public const string VictimUnder14 = "victimUnder14";
    public const string OrganisedGroup = "organisedGroup";
    public const string SevereBodilyHarm = "severeBodilyHarm";
    public const string Death = "death";
    public const string AbuseOfOffice = "abuseOfOffice";
    public const string EndangeringLife = "endangeringLife";
    public const string LargeNumberOfPersons = "largeNumberOfPersons";
    public const string ArmedOrViolent = "armedOrViolent";
}
