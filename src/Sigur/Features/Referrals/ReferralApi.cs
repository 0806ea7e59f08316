using Sigur.Platform;

namespace Sigur.Features.Referrals;

/// <summary>The REST routes of consents and referrals (start reading at Consent.cs and Referral.cs).</summary>
public static class ReferralApi
{
    public static RouteGroupBuilder MapReferralApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Referrals");
        cases.MapGet("/{id:guid}/consents", ListConsents.Handle).RequireAuthorization(ListConsents.Policy)
            .WithSummary("The case's consents and overrides (holding organisation only)");
        cases.MapPost("/{id:guid}/consents", RecordConsent.Handle).RequireAuthorization(RecordConsent.Policy)
            .WithSummary("Record consent (the person's, or for a child the guardian's) to share data groups with organisations");
        cases.MapPost("/{id:guid}/disclosure-overrides", OverrideConsent.Handle).RequireAuthorization(OverrideConsent.Policy)
            .WithSummary("Disclose without consent where a life is in danger (audited, alerted, reviewed afterwards by a second person)");
        cases.MapGet("/{id:guid}/referrals", ListReferrals.OfCase).RequireAuthorization(Policies.CaseRead)
            .WithSummary("The case's referral history");

        var consents = api.MapGroup("/consents").WithTags("Referrals");
        consents.MapPost("/{id:guid}/withdraw", WithdrawConsent.Handle).RequireAuthorization(WithdrawConsent.Policy)
            .WithSummary("Withdraw a consent: recipients lose access on their next request");
        consents.MapGet("/overrides-waiting", PendingOverrides.Handle).RequireAuthorization(PendingOverrides.Policy)
            .WithSummary("The organisation's overrides waiting for a second person's review");
        consents.MapPost("/{id:guid}/review", ReviewOverride.Handle).RequireAuthorization(ReviewOverride.Policy)
            .WithSummary("A second person approves or rejects an override");

        var referrals = api.MapGroup("/referrals").WithTags("Referrals");
        referrals.MapPost("/", CreateReferral.Handle).RequireAuthorization(CreateReferral.Policy)
            .WithSummary("Refer a case to another organisation (needs a consent in force naming it)");
        referrals.MapGet("/inbox", ListReferrals.Inbox).RequireAuthorization(Policies.Refer)
            .WithSummary("Referrals sent to the organisation");
        referrals.MapGet("/sent", ListReferrals.Sent).RequireAuthorization(Policies.Refer)
            .WithSummary("Referrals the organisation sent");
        referrals.MapGet("/{id:guid}", ListReferrals.One).RequireAuthorization(Policies.Refer)
            .WithSummary("One referral (sender or recipient)");
        referrals.MapPost("/{id:guid}/accept", AcceptReferral.Handle).RequireAuthorization(AcceptReferral.Policy)
            .WithSummary("Accept a requested referral (recipient)");
        referrals.MapPost("/{id:guid}/decline", DeclineReferral.Handle).RequireAuthorization(DeclineReferral.Policy)
            .WithSummary("Decline a requested referral, with a reason (recipient)");
        referrals.MapPost("/{id:guid}/complete", CompleteReferral.Handle).RequireAuthorization(CompleteReferral.Policy)
            .WithSummary("Report an accepted referral completed (recipient)");
        referrals.MapPost("/{id:guid}/revoke", RevokeReferral.Handle).RequireAuthorization(RevokeReferral.Policy)
            .WithSummary("Revoke a requested or accepted referral (sender)");
        return api;
    }
}
