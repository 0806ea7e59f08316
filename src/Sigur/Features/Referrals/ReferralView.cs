namespace Sigur.Features.Referrals;

/// <summary>
/// A referral as both sides see it. It carries the case reference and the services, never case data: what the
/// recipient may read of the case it reads through GET /cases/{id}, within the consent.
/// </summary>
public sealed record ReferralView(
    Guid Id, Guid CaseId, string CaseReference, Guid SenderOrganisationId, Guid RecipientOrganisationId, IReadOnlyList<ServiceType> Services,
    ReferralStatus Status, DateTime RequestedAt, DateTime? AnsweredAt, string DeclineReason, DateTime? CompletedAt, DateTime? RevokedAt,
    string RevokeReason, long Version)
{
    public static ReferralView From(Referral r) => new(
        r.Id, r.CaseId, r.CaseReference, r.OrganisationId, r.RecipientOrganisationId, r.Services, r.Status, r.RequestedAt, r.AnsweredAt,
        r.DeclineReason, r.CompletedAt, r.RevokedAt, r.RevokeReason, r.Version);
}
