using System.Net;
using Sigur.Features.Referrals;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Referrals;

/// <summary>A holding organisation with a case, a recipient organisation, and the clients of both.</summary>
public sealed record ReferralWorld(TestApp App, Organisation Holder, Organisation Recipient, HttpClient HolderClient, HttpClient RecipientClient,
    Sigur.Features.Cases.RegisterCase.Response Case)
{
    public static async Task<ReferralWorld> CreateAsync(TestApp app, Sigur.Features.Cases.RegisterCase.Request? request = null,
        OrganisationType recipientType = OrganisationType.Ngo)
    {
        var holder = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var recipient = await app.NewOrganisationAsync(recipientType);
        var holderClient = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var recipientClient = await app.ClientAsync(Role.CaseWorker, recipient.Id);
        var c = await holderClient.RegisterAsync(request);
        return new ReferralWorld(app, holder, recipient, holderClient, recipientClient, c);
    }

    public async Task<ConsentView> ConsentAsync(params DataGroup[] groups)
    {
        var response = await HolderClient.PostJsonAsync($"/api/v1/cases/{Case.Id}/consents", new RecordConsent.Request(
            ConsentGiver.Person, [Recipient.Id], groups.Length == 0 ? Enum.GetValues<DataGroup>() : groups, "Accommodation and counselling",
            DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(6)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<ConsentView>();
    }

    public async Task<ReferralView> ReferAsync(params ServiceType[] services)
    {
        var response = await HolderClient.PostJsonAsync("/api/v1/referrals",
            new CreateReferral.Request(Case.Id, Recipient.Id, services.Length == 0 ? [ServiceType.Accommodation] : services));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<ReferralView>();
    }

    public Task<HttpResponseMessage> RecipientReadsCase() => RecipientClient.GetAsync($"/api/v1/cases/{Case.Id}");
}
