using Sigur.Platform;

namespace Sigur.Features.Justice;

/// <summary>
/// Criminal proceedings arising from one case, from the police investigation to the final judgement. Hangs on the
/// case (same need-to-know as the case). The stage only moves along <see cref="Transitions"/>; every move is kept
/// in <see cref="Stages"/>, every change of qualification in <see cref="Charges"/>.
/// </summary>
public sealed class Proceeding : ICaseOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    /// <summary>The country whose criminal code the charges cite.</summary>
    public string Country { get; set; } = "";

    [FieldGroup(JusticeFieldGroups.Proceedings)] public ProceedingStage Stage { get; set; }
    [FieldGroup(JusticeFieldGroups.Proceedings)] public DateTime StageDate { get; set; }
    [FieldGroup(JusticeFieldGroups.Proceedings)] public string PoliceReference { get; set; } = "";
    [FieldGroup(JusticeFieldGroups.Proceedings)] public string ProsecutorReference { get; set; } = "";
    [FieldGroup(JusticeFieldGroups.Proceedings)] public string CourtReference { get; set; } = "";

    /// <summary>The victim's place in the proceedings, which is what a case worker needs to know.</summary>
    [FieldGroup(JusticeFieldGroups.VictimInProceedings)] public VictimRole VictimRole { get; set; } = VictimRole.None;
    [FieldGroup(JusticeFieldGroups.VictimInProceedings)] public List<string> ProtectionMeasures { get; set; } = [];
    /// <summary>Whether the victim was spared prosecution for offences they were compelled to commit (CoE Convention art. 26).</summary>
    [FieldGroup(JusticeFieldGroups.VictimInProceedings)] public NonPunishment NonPunishment { get; set; } = NonPunishment.NotRaised;
    [Sensitive(FieldGroups.Narrative)] public string NonPunishmentNote { get; set; } = "";

    [FieldGroup(JusticeFieldGroups.Proceedings)] public string ConfiscationDescription { get; set; } = "";
    [FieldGroup(JusticeFieldGroups.Proceedings)] public long? ConfiscatedMinor { get; set; }
    [FieldGroup(JusticeFieldGroups.Proceedings)] public string? ConfiscatedCurrency { get; set; }

    public DateTime OpenedAt { get; set; }
    public long Version { get; set; }

    public List<ProceedingStageEvent> Stages { get; set; } = [];
    public List<Charge> Charges { get; set; } = [];
    public List<DefendantOutcome> Outcomes { get; set; } = [];
    public List<CompensationClaim> Claims { get; set; } = [];

    /// <summary>Where each stage may lead. A verdict quashed on appeal goes back to the first instance (retrial).</summary>
    public static readonly IReadOnlyDictionary<ProceedingStage, ProceedingStage[]> Transitions = new Dictionary<ProceedingStage, ProceedingStage[]>
    {
        [ProceedingStage.PoliceInvestigation] = [ProceedingStage.CriminalComplaint, ProceedingStage.Discontinued],
        [ProceedingStage.CriminalComplaint] = [ProceedingStage.Prosecution, ProceedingStage.Indictment, ProceedingStage.Discontinued],
        [ProceedingStage.Prosecution] = [ProceedingStage.Indictment, ProceedingStage.Discontinued],
        [ProceedingStage.Indictment] = [ProceedingStage.FirstInstanceVerdict, ProceedingStage.Discontinued],
        [ProceedingStage.FirstInstanceVerdict] = [ProceedingStage.Appeal, ProceedingStage.FinalJudgement],
        [ProceedingStage.Appeal] = [ProceedingStage.FirstInstanceVerdict, ProceedingStage.FinalJudgement],
        [ProceedingStage.FinalJudgement] = [],
        [ProceedingStage.Discontinued] = [],
    };

    /// <summary>Proceedings start with the police, with a criminal complaint, or with the prosecutor.</summary>
    public static readonly ProceedingStage[] Starts = [ProceedingStage.PoliceInvestigation, ProceedingStage.CriminalComplaint, ProceedingStage.Prosecution];

    public static readonly ProceedingStage[] VerdictStages = [ProceedingStage.FirstInstanceVerdict, ProceedingStage.Appeal, ProceedingStage.FinalJudgement];

    public static Proceeding Open(Guid caseId, Guid organisationId, string country, ProceedingStage stage, DateTime date, string? reference, Guid? by, DateTime now)
    {
        if (!Starts.Contains(stage)) throw new InvalidOperationException($"Proceedings cannot start at {stage}.");
        var p = new Proceeding { CaseId = caseId, OrganisationId = organisationId, Country = country, Stage = stage, StageDate = date, OpenedAt = now };
        p.Stages.Add(new ProceedingStageEvent { ProceedingId = p.Id, CaseId = caseId, OrganisationId = organisationId, Stage = stage, Date = date,
            Reference = reference ?? "", RecordedBy = by, RecordedAt = now });
        p.SetReference(stage, reference);
        return p;
    }

    /// <summary>Moves to the next stage, or says why not (the caller answers 409 with the reason).</summary>
    public Refusal? MoveTo(ProceedingStage next, DateTime date, string? reference, Guid? by, DateTime now)
    {
        if (!Transitions[Stage].Contains(next))
            return Transitions[Stage].Length == 0
                ? new Refusal("The proceedings are closed ({0}); no further stage can follow.", Stage)
                : new Refusal("From {0} the proceedings can only move to {1}, not to {2}.", Stage, Transitions[Stage], next);
        if (date < StageDate) return new Refusal("The date of {0} cannot be before the date of {1} ({2}).", next, Stage, DateOnly.FromDateTime(StageDate));
        if (next is ProceedingStage.FinalJudgement or ProceedingStage.Appeal && Stage == ProceedingStage.FirstInstanceVerdict
            && !Outcomes.Any(o => o.Stage == ProceedingStage.FirstInstanceVerdict))
            return new Refusal("Record the first-instance verdict for each defendant before the appeal or the final judgement.");
        Stage = next;
        StageDate = date;
        SetReference(next, reference);
        Stages.Add(new ProceedingStageEvent { ProceedingId = Id, CaseId = CaseId, OrganisationId = OrganisationId, Stage = next, Date = date,
            Reference = reference ?? "", RecordedBy = by, RecordedAt = now });
        return null;
    }

    private void SetReference(ProceedingStage stage, string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference)) return;
        switch (stage)
        {
            case ProceedingStage.PoliceInvestigation: PoliceReference = reference.Trim(); break;
            case ProceedingStage.CriminalComplaint or ProceedingStage.Prosecution or ProceedingStage.Indictment: ProsecutorReference = reference.Trim(); break;
            case ProceedingStage.FirstInstanceVerdict or ProceedingStage.Appeal or ProceedingStage.FinalJudgement: CourtReference = reference.Trim(); break;
        }
    }

    /// <summary>Charges a defendant, or changes the qualification: the charge it replaces is kept, marked superseded.</summary>
    public Charge Charge(Guid suspectId, string edition, string article, string paragraph, DateTime date, string? reason, DateTime now)
    {
        var charge = new Charge { ProceedingId = Id, CaseId = CaseId, OrganisationId = OrganisationId, SuspectId = suspectId, Country = Country,
            Edition = edition, Article = article, Paragraph = paragraph, Date = date, Stage = Stage, Reason = reason?.Trim() ?? "", RecordedAt = now };
        Charges.Add(charge);
        return charge;
    }

    public Refusal? Requalify(Guid chargeId, Charge replacement, DateTime now)
    {
        var old = Charges.SingleOrDefault(c => c.Id == chargeId);
        if (old is null) return new Refusal("No such charge in these proceedings.");
        if (old.SupersededAt is not null) return new Refusal("That charge was already replaced; change the current one.");
        if (old.SuspectId != replacement.SuspectId) return new Refusal("A changed qualification concerns the same defendant.");
        old.SupersededAt = now;
        old.SupersededById = replacement.Id;
        return null;
    }

    /// <summary>Records a verdict for a defendant at the current court stage.</summary>
    public Refusal? RecordOutcome(DefendantOutcome outcome)
    {
        if (!VerdictStages.Contains(Stage)) return new Refusal("A verdict can only be recorded once the proceedings reach a court verdict, not at {0}.", Stage);
        if (!Charges.Any(c => c.SuspectId == outcome.SuspectId)) return new Refusal("The defendant has no charge in these proceedings.");
        if (Outcomes.Any(o => o.SuspectId == outcome.SuspectId && o.Stage == Stage && o.Date == outcome.Date))
            return new Refusal("This defendant's verdict at this stage and date is already recorded.");
        outcome.Stage = Stage;
        Outcomes.Add(outcome);
        return null;
    }
}

public enum ProceedingStage
{
    PoliceInvestigation, CriminalComplaint, Prosecution, Indictment, FirstInstanceVerdict, Appeal, FinalJudgement, Discontinued,
}

public enum VictimRole { None, InjuredParty, Witness, ProtectedWitness, InjuredPartyAndWitness }

public enum NonPunishment { NotRaised, Applied, Refused, NotApplicable }

public enum Verdict { Convicted, Acquitted, ChargesRejected, Quashed }

/// <summary>One step of the proceedings, with its date and the reference number given at that step.</summary>
public sealed class ProceedingStageEvent : ICaseOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProceedingId { get; set; }
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    public ProceedingStage Stage { get; set; }
    public DateTime Date { get; set; }
    public string Reference { get; set; } = "";
    public Guid? RecordedBy { get; set; }
    public DateTime RecordedAt { get; set; }
}

/// <summary>A charge against one defendant by article and paragraph. A change of qualification supersedes it; both stay.</summary>
public sealed class Charge : ICaseOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProceedingId { get; set; }
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid SuspectId { get; set; }
    public string Country { get; set; } = "";
    public string Edition { get; set; } = "";
    public string Article { get; set; } = "";
    public string Paragraph { get; set; } = "";
    /// <summary>The stage at which the qualification was made (police, prosecutor, court).</summary>
    public ProceedingStage Stage { get; set; }
    public DateTime Date { get; set; }
    public string Reason { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public DateTime? SupersededAt { get; set; }
    public Guid? SupersededById { get; set; }
}

/// <summary>The verdict for one defendant at one court stage, with the sentence.</summary>
public sealed class DefendantOutcome : ICaseOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProceedingId { get; set; }
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid SuspectId { get; set; }
    public ProceedingStage Stage { get; set; }
    public Verdict Verdict { get; set; }
    public DateTime Date { get; set; }
    /// <summary>The article and paragraph of the conviction (the court may qualify differently from the indictment).</summary>
    public string Article { get; set; } = "";
    public string Paragraph { get; set; } = "";
    public int? SentenceMonths { get; set; }
    public bool Suspended { get; set; }
    public long? FineMinor { get; set; }
    public string? FineCurrency { get; set; }
    public DateTime RecordedAt { get; set; }
}

/// <summary>The victim's claim for compensation: amounts in minor units (cents, deni, para) with the currency.</summary>
public sealed class CompensationClaim : ICaseOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProceedingId { get; set; }
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    /// <summary>The defendant the claim is against, if one.</summary>
    public Guid? SuspectId { get; set; }
    public string Currency { get; set; } = "";
    [FieldGroup(JusticeFieldGroups.VictimInProceedings)] public long ClaimedMinor { get; set; }
    [FieldGroup(JusticeFieldGroups.VictimInProceedings)] public long? AwardedMinor { get; set; }
    [FieldGroup(JusticeFieldGroups.VictimInProceedings)] public long PaidMinor { get; set; }
    public DateTime ClaimedOn { get; set; }
}

/// <summary>A qualification someone accepted on the helper's advice: who, when, which paragraphs, against which catalogue revision.</summary>
public sealed class QualificationDecision : ICaseOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    public string Country { get; set; } = "";
    public string Edition { get; set; } = "";
    public int Revision { get; set; }
    /// <summary>"388/1", "350/2"…</summary>
    public List<string> Accepted { get; set; } = [];
    /// <summary>The facts as given to the helper (JSON). Encrypted: they describe the exploitation.</summary>
    [Sensitive(FieldGroups.Exploitation)] public string Facts { get; set; } = "";
    [Sensitive(FieldGroups.Narrative)] public string Note { get; set; } = "";
    public Guid AcceptedBy { get; set; }
    public DateTime AcceptedAt { get; set; }
}

/// <summary>An administrator's edit of an offence catalogue edition: the whole document, a new revision each time; none is ever changed.</summary>
public sealed class CatalogueRevision
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Country { get; set; } = "";
    public string Edition { get; set; } = "";
    public int Revision { get; set; }
    public string Json { get; set; } = "";
    public string Note { get; set; } = "";
    public Guid EditedBy { get; set; }
    public DateTime EditedAt { get; set; }
}

/// <summary>Field groups of this feature, for the audit of what was read or changed.</summary>
public static class JusticeFieldGroups
{
    public const string Proceedings = "proceedings";
    public const string VictimInProceedings = "victim-in-proceedings";
    public const string Suspects = "suspects";
}
