using Sigur.Platform;

namespace Sigur.Features.Referrals;

/// <summary>
/// A request from the organisation that holds a case to another organisation, for one or more services.
/// requested → accepted → completed; requested → declined (with a reason); requested or accepted → revoked by the
/// sender. While it is requested or accepted, and a consent in force covers the recipient, the recipient sees the
/// case (only the consented data groups); before and after, it does not. The methods below refuse every other
/// transition; the handlers persist a transition with a conditional update on the version read, so two parallel
/// transitions cannot both succeed.
/// </summary>
public sealed class Referral : IOrganisationOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>The case reference (non-identifying), so the recipient's inbox can name the case it cannot yet open.</summary>
    public string CaseReference { get; set; } = "";
    /// <summary>The sending organisation (the case's holder).</summary>
    public Guid OrganisationId { get; set; }
    public Guid RecipientOrganisationId { get; set; }
    public List<ServiceType> Services { get; set; } = [];

    public ReferralStatus Status { get; set; } = ReferralStatus.Requested;
    public DateTime RequestedAt { get; set; }
    public Guid RequestedBy { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public Guid? AnsweredBy { get; set; }
    [Sensitive(FieldGroups.Narrative)] public string DeclineReason { get; set; } = "";
    public DateTime? CompletedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    [Sensitive(FieldGroups.Narrative)] public string RevokeReason { get; set; } = "";

    public long Version { get; set; }

    public static readonly ReferralStatus[] Active = [ReferralStatus.Requested, ReferralStatus.Accepted];

    public bool IsActive => Active.Contains(Status);

    public Refusal? Accept(Guid by, DateTime now)
    {
        if (Status != ReferralStatus.Requested) return new Refusal("This referral cannot be accepted (status: {0}).", Status);
        Status = ReferralStatus.Accepted;
        AnsweredAt = now;
        AnsweredBy = by;
        return null;
    }

    public Refusal? Decline(Guid by, string reason, DateTime now)
    {
        if (Status != ReferralStatus.Requested) return new Refusal("This referral cannot be declined (status: {0}).", Status);
        Status = ReferralStatus.Declined;
        AnsweredAt = now;
        AnsweredBy = by;
        DeclineReason = reason;
        return null;
    }

    public Refusal? Complete(DateTime now)
    {
        if (Status != ReferralStatus.Accepted) return new Refusal("This referral cannot be completed (status: {0}).", Status);
        Status = ReferralStatus.Completed;
        CompletedAt = now;
        return null;
    }

    public Refusal? Revoke(string reason, DateTime now)
    {
        if (!IsActive) return new Refusal("This referral cannot be revoked (status: {0}).", Status);
        Status = ReferralStatus.Revoked;
        RevokedAt = now;
        RevokeReason = reason;
        return null;
    }
}

public enum ReferralStatus { Requested, Accepted, Declined, Completed, Revoked }

/// <summary>The services a referral asks for (PRODUCT.md §2).</summary>
public enum ServiceType
{
    Accommodation, Psychological, Medical, Legal, Social, Education, Vocational, Reintegration, VoluntaryReturn, Interpretation, Other,
}
