using Sigur.Platform;
using Sigur.Platform.Access;

namespace Sigur.Features.Referrals;

/// <summary>
/// Start here for referrals. A consent is what lets a case's data leave the organisation that holds it: given by the
/// person (for a child, by the guardian), to named organisations, for named groups of data, for a purpose, until a
/// date; withdrawable at any moment, and a withdrawal ends the recipients' access on their next request (the access
/// scope reads consents on every request, see AccessScope).
/// Where a life is in danger (or a child must be protected) and consent cannot be had, a worker may record an
/// override instead: with a reason, audited and alerted at once, and approved or rejected afterwards by a second
/// person of the organisation; a rejected override ends like a withdrawn consent.
/// </summary>
public sealed class Consent : ICaseOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    /// <summary>The holding organisation: only it records, withdraws and lists consents.</summary>
    public Guid OrganisationId { get; set; }

    public ConsentBasis Basis { get; set; } = ConsentBasis.Consent;
    public ConsentGiver GivenBy { get; set; } = ConsentGiver.Person;
    /// <summary>The guardian's name, when a guardian gave consent for a child.</summary>
    [Sensitive(FieldGroups.Identity)] public string GuardianName { get; set; } = "";

    public List<Guid> RecipientOrganisationIds { get; set; } = [];
    public List<DataGroup> DataGroups { get; set; } = [];
    [Sensitive(FieldGroups.Narrative)] public string Purpose { get; set; } = "";

    public DateTime RecordedAt { get; set; }
    public Guid RecordedBy { get; set; }
    /// <summary>The first moment the consent no longer holds: the day after the last day the person consented to, 00:00 UTC.</summary>
    public DateTime ValidUntil { get; set; }

    /// <summary>The last day the consent holds, as the person gave it ("valid until 30 June" holds through 30 June).</summary>
    public DateOnly LastDay => DateOnly.FromDateTime(ValidUntil.AddTicks(-1));

    public DateTime? WithdrawnAt { get; set; }
    public Guid? WithdrawnBy { get; set; }

    /// <summary>Why consent was overridden (an override only). Encrypted: it describes the danger.</summary>
    [Sensitive(FieldGroups.Narrative)] public string OverrideReason { get; set; } = "";
    public OverrideReview? Review { get; set; }
    public Guid? ReviewedBy { get; set; }
    public DateTime? ReviewedAt { get; set; }

    public long Version { get; set; }

    /// <summary>An override lasts at most this long; a real consent should follow.</summary>
    public static readonly TimeSpan OverrideDuration = TimeSpan.FromHours(72);

    public bool IsOverride => Basis != ConsentBasis.Consent;

    public bool IsInForce(DateTime now) => WithdrawnAt is null && ValidUntil > now && Review != OverrideReview.Rejected;

    public bool Covers(Guid organisationId, DateTime now) => IsInForce(now) && RecipientOrganisationIds.Contains(organisationId);

    /// <summary>Withdrawal takes effect at once; a consent already withdrawn cannot be withdrawn again.</summary>
    public Refusal? Withdraw(Guid by, DateTime now)
    {
        if (WithdrawnAt is not null) return new Refusal("The consent was already withdrawn.");
        WithdrawnAt = now;
        WithdrawnBy = by;
        return null;
    }

    /// <summary>The second person's review of an override: never by the person who made it, and only once.</summary>
    public Refusal? ReviewOverride(Guid by, bool approve, DateTime now)
    {
        if (!IsOverride) return new Refusal("Only an override is reviewed.");
        if (Review is not null) return new Refusal("The override was already reviewed.");
        if (by == RecordedBy) return new Refusal("The override must be reviewed by a second person, not by the one who made it.");
        Review = approve ? OverrideReview.Approved : OverrideReview.Rejected;
        ReviewedBy = by;
        ReviewedAt = now;
        if (!approve) Withdraw(by, now);
        return null;
    }
}

public enum ConsentBasis { Consent, DangerToLife, ChildProtection }

public enum ConsentGiver { Person, Guardian, NotGiven }

public enum OverrideReview { Approved, Rejected }
