using Sigur.Platform;

namespace Sigur.Features.Referrals;

/// <summary>The REST routes of consents and referrals (start reading at Consent.cs and Referral.cs).</summary>
public static class ReferralApi
{
    public static RouteGroupBuilder MapReferralApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Referrals");
        cases.MapGet("/{id:guid}/consents", ListConsents.Handle)
            .WithSummary("The case's consents and overrides (holding organisation only)");
        cases.MapPost("/{id:guid}/consents", RecordConsent.Handle)
            .WithSummary("Record consent (the person's, or for a child the guardian's) to share data groups with organisations");
        cases.MapPost("/{id:guid}/disclosure-overrides", OverrideConsent.Handle)
            .WithSummary("Disclose without consent where a life is in danger (audited, alerted, reviewed afterwards by a second person)");
        cases.MapGet("/{id:guid}/referrals", ListReferrals.OfCase)
            .WithSummary("The case's referral history");

        var consents = api.MapGroup("/consents").WithTags("Referrals");
        consents.MapPost("/{id:guid}/withdraw", WithdrawConsent.Handle)
            .WithSummary("Withdraw a consent: recipients lose access on their next request");
        consents.MapGet("/overrides-waiting", PendingOverrides.Handle)
            .WithSummary("The organisation's overrides waiting for a second person's review");
        consents.MapPost("/{id:guid}/review", ReviewOverride.Handle)
            .WithSummary("A second person approves or rejects an override");

        var referrals = api.MapGroup("/referrals").WithTags("Referrals");
        referrals.MapPost("/", CreateReferral.Handle)
            .WithSummary("Refer a case to another organisation (needs a consent in force naming it)");
        referrals.MapGet("/inbox", ListReferrals.Inbox)
            .WithSummary("Referrals sent to the organisation");
        referrals.MapGet("/sent", ListReferrals.Sent)
            .WithSummary("Referrals the organisation sent");
        referrals.MapGet("/{id:guid}", ListReferrals.One)
            .WithSummary("One referral (sender or recipient)");
        referrals.MapPost("/{id:guid}/accept", AcceptReferral.Handle)
            .WithSummary("Accept a requested referral (recipient)");
        referrals.MapPost("/{id:guid}/decline", DeclineReferral.Handle)
            .WithSummary("Decline a requested referral, with a reason (recipient)");
        referrals.MapPost("/{id:guid}/complete", CompleteReferral.Handle)
            .WithSummary("Report an accepted referral completed (recipient)");
        referrals.MapPost("/{id:guid}/revoke", RevokeReferral.Handle)
            .WithSummary("Revoke a requested or accepted referral (sender)");
        return api;
    }
}
