using Sigur.Features.Identification;
using Sigur.Platform;

namespace Sigur.Features.Identification
{
    /// <summary>
    /// One decision on a person's trafficking status, or a review or appeal of one. Decisions are never edited or
    /// deleted: the history is the record, and the case's <see cref="Cases.Case.IdentificationStatus"/> is the status the
    /// latest effective decision left it in.
    /// </summary>
    public sealed class IdentificationDecision : ICaseOwned
    {
        public Guid Id { get; set; } = Guid.CreateVersion7();
        public Guid CaseId { get; set; }
        public Guid OrganisationId { get; set; }
        /// <summary>1, 2, 3… within the case, in the order decided.</summary>
        public int Sequence { get; set; }

        [FieldGroup(FieldGroups.CaseAdministration)] public DecisionKind Kind { get; set; }
        [FieldGroup(FieldGroups.CaseAdministration)] public Cases.IdentificationStatus From { get; set; }
        [FieldGroup(FieldGroups.CaseAdministration)] public Cases.IdentificationStatus To { get; set; }
        /// <summary>For a review or appeal: the decision it reviews, and whether it upheld or reversed it.</summary>
        public Guid? ReviewOf { get; set; }
        [FieldGroup(FieldGroups.CaseAdministration)] public ReviewOutcome? Outcome { get; set; }

        [FieldGroup(FieldGroups.CaseAdministration)] public DateTime DecidedOn { get; set; }
        /// <summary>HTCDS vic_TraffickingStatusDecisionMakingOrg.</summary>
        [FieldGroup(FieldGroups.CaseAdministration)] public DecidingBodyType DecidingBodyType { get; set; }
        /// <summary>The organisation that decided (its name as recorded; the id when it is an organisation in Sigur).</summary>
        [FieldGroup(FieldGroups.CaseAdministration)] public string DecidingOrganisation { get; set; } = "";
        public Guid? DecidingOrganisationId { get; set; }
        /// <summary>The formal identification authority, where the country's law gives formal identification to one body.</summary>
        [FieldGroup(FieldGroups.CaseAdministration)] public string FormalAuthority { get; set; } = "";
        /// <summary>Why: the facts and indicators weighed. Encrypted.</summary>
        [Sensitive(FieldGroups.Narrative)] public string Reasons { get; set; } = "";

        public Guid? RecordedBy { get; set; }
        public DateTime RecordedAt { get; set; }

        /// <summary>Whether this entry changed the status (a decision always does; an upheld review does not).</summary>
        public bool ChangesStatus => From != To;
    }

    public enum DecisionKind { Decision, Review, Appeal }

    public enum ReviewOutcome { Upheld, Reversed }

    /// <summary>HTCDS vic_TraffickingStatusDecisionMakingOrg.</summary>
    public enum DecidingBodyType { Police, Ngo, CourtOrProsecution, NonPoliceGovernmentalOrganization, Other }

    public static class DecidingBodies
    {
        /// <summary>The kind of body an organisation of this type is when it decides: the decision form's default.</summary>
        public static DecidingBodyType Of(OrganisationType type) => type switch
        {
            OrganisationType.Police or OrganisationType.BorderPolice => DecidingBodyType.Police,
            OrganisationType.Prosecution or OrganisationType.Court => DecidingBodyType.CourtOrProsecution,
            OrganisationType.Ngo or OrganisationType.ShelterOperator => DecidingBodyType.Ngo,
            OrganisationType.InternationalOrganisation => DecidingBodyType.Other,
            _ => DecidingBodyType.NonPoliceGovernmentalOrganization,
        };
    }

    /// <summary>Who decided, when and why: what every decision, review and appeal carries.</summary>
    public sealed record DecisionBasis(
        DateTime DecidedOn, DecidingBodyType BodyType, string DecidingOrganisation, Guid? DecidingOrganisationId, string FormalAuthority,
        string Reasons, Guid? RecordedBy, DateTime RecordedAt);
}

namespace Sigur.Features.Cases
{
    // The identification status changes only here, by a recorded decision (PRODUCT.md §1): potential → presumed →
    // identified, or not a victim; a review or appeal upholds or reverses the decision that set the current status.
    public sealed partial class Case
    {
        /// <summary>The decisions a body may take from each status. Identified and not-a-victim are final unless reviewed.</summary>
        public static IReadOnlyList<IdentificationStatus> AllowedDecisions(IdentificationStatus from) => from switch
        {
            IdentificationStatus.Potential => [IdentificationStatus.Presumed, IdentificationStatus.NotAVictim],
            IdentificationStatus.Presumed => [IdentificationStatus.Identified, IdentificationStatus.NotAVictim],
            _ => [],
        };

        /// <summary>Records a decision moving the status to <paramref name="to"/>, or refuses an illegal move.</summary>
        public Refusal? Decide(IdentificationStatus to, DecisionBasis basis, IReadOnlyCollection<IdentificationDecision> history, out IdentificationDecision decision)
        {
            decision = null!;
            if (!AllowedDecisions(IdentificationStatus).Contains(to))
                return IdentificationStatus is IdentificationStatus.Identified or IdentificationStatus.NotAVictim
                    ? new Refusal("The status is {0}; it changes only by a review or appeal of the decision that set it.", IdentificationStatus)
                    : new Refusal("A decision cannot move the status from {0} to {1}.", IdentificationStatus, to);
            if (Predates(basis, history) is { } refusal) return refusal;
            decision = New(DecisionKind.Decision, to, basis, history);
            IdentificationStatus = to;
            return null;
        }

        /// <summary>
        /// Records a review or appeal of <paramref name="reviewed"/>, which must be the entry that set the current status:
        /// upheld, nothing changes; reversed, the status returns to what it was before that decision.
        /// </summary>
        public Refusal? Review(IdentificationDecision reviewed, DecisionKind kind, ReviewOutcome outcome, DecisionBasis basis,
            IReadOnlyCollection<IdentificationDecision> history, out IdentificationDecision review)
        {
            review = null!;
            if (kind == DecisionKind.Decision) return new Refusal("A review must be a review or an appeal.");
            if (reviewed.CaseId != Id) return new Refusal("The decision belongs to another case.");
            var effective = history.Where(d => d.ChangesStatus).MaxBy(d => d.Sequence);
            if (effective?.Id != reviewed.Id)
                return new Refusal("Only the decision that set the current status can be reviewed or appealed.");
            if (Predates(basis, history) is { } refusal) return refusal;
            var to = outcome == ReviewOutcome.Reversed ? reviewed.From : IdentificationStatus;
            review = New(kind, to, basis, history);
            review.ReviewOf = reviewed.Id;
            review.Outcome = outcome;
            IdentificationStatus = to;
            return null;
        }

        private Refusal? Predates(DecisionBasis basis, IReadOnlyCollection<IdentificationDecision> history)
        {
            if (basis.DecidedOn.Date < IntakeDate.Date) return new Refusal("A decision cannot predate the intake.");
            var last = history.MaxBy(d => d.Sequence);
            return last is not null && basis.DecidedOn < last.DecidedOn ? new Refusal("A decision cannot predate the decision it follows.") : null;
        }

        private IdentificationDecision New(DecisionKind kind, IdentificationStatus to, DecisionBasis basis, IReadOnlyCollection<IdentificationDecision> history)
        {
            return new IdentificationDecision
            {
                CaseId = Id,
                OrganisationId = OrganisationId,
                Sequence = history.Count == 0 ? 1 : history.Max(d => d.Sequence) + 1,
                Kind = kind,
                From = IdentificationStatus,
                To = to,
                DecidedOn = basis.DecidedOn,
                DecidingBodyType = basis.BodyType,
                DecidingOrganisation = basis.DecidingOrganisation,
                DecidingOrganisationId = basis.DecidingOrganisationId,
                FormalAuthority = basis.FormalAuthority,
                Reasons = basis.Reasons,
                RecordedBy = basis.RecordedBy,
                RecordedAt = basis.RecordedAt,
            };
        }
    }
}
