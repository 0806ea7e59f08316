using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Cases;
using Sigur.Features.Referrals;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Referrals;

public sealed class ConsentTests : IClassFixture<AppPool>
{
    [Theory, BothProviders]
    public async Task The_recipient_sees_only_the_data_groups_the_consent_covers(TestApp app)
    {
        var w = await ReferralWorld.CreateAsync(app);
        await w.ConsentAsync(DataGroup.Exploitation);
        await w.ReferAsync();

        var seen = await (await w.RecipientReadsCase()).ReadAsync<CaseDetail>();
        // Exploitation is covered: the narrative and forms of exploitation travel.
        Assert.Equal("Recruited with a false job offer.", seen.Narrative);
        Assert.Equal(["SexualExploitation"], seen.FormsOfExploitation);
        // Identity and location are not: names, birth date, documents and contact are blank; the age stays.
        Assert.Equal("", seen.Person.GivenName);
        Assert.Equal("", seen.Person.FamilyName);
        Assert.Empty(seen.Person.Aliases);
        Assert.Equal("", seen.Person.DateOfBirth);
        Assert.Equal("", seen.Person.Documents);
        Assert.Equal("", seen.Person.Contact);
        Assert.NotNull(seen.Person.EstimatedAge);
        Assert.False(seen.Person.IsChild);
        // The minimum of every referral.
        Assert.Equal(w.Case.Reference, seen.Reference);
        Assert.Equal(Sex.Female, seen.Person.Sex);

        // A name search cannot test the withheld identity.
        var found = await (await w.RecipientClient.PostJsonAsync("/api/v1/cases/search", new SearchCases.Request("Marija Petrović"))).ReadAsync<SearchCases.Response>();
        Assert.Empty(found.Items);
        // The case is in the recipient's list, without a name.
        var list = await (await w.RecipientClient.PostJsonAsync("/api/v1/cases/search", new SearchCases.Request(w.Case.Reference))).ReadAsync<SearchCases.Response>();
        Assert.Equal("", Assert.Single(list.Items).PersonName);

        // The holder still sees everything, and nothing was blanked in the database.
        var own = await (await w.HolderClient.GetAsync($"/api/v1/cases/{w.Case.Id}")).ReadAsync<CaseDetail>();
        Assert.Equal("Marija", own.Person.GivenName);
        Assert.Equal("+381 64 000 0000", own.Person.Contact);

        // The audit names the groups the recipient saw, not those withheld.
        var read = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.OrganisationId == w.Recipient.Id && e.Action == AuditAction.Read.Text()).SingleAsync());
        Assert.Contains("narrative", read.FieldGroups);
        Assert.DoesNotContain("identity", read.FieldGroups);
    }

    [Theory, BothProviders]
    public async Task Identity_consent_shows_the_names_and_hides_the_narrative(TestApp app)
    {
        var w = await ReferralWorld.CreateAsync(app);
        await w.ConsentAsync(DataGroup.Identity);
        await w.ReferAsync();

        var seen = await (await w.RecipientReadsCase()).ReadAsync<CaseDetail>();
        Assert.Equal("Marija", seen.Person.GivenName);
        Assert.Equal("1998-05-02", seen.Person.DateOfBirth);
        Assert.Equal("", seen.Narrative);
        Assert.Empty(seen.FormsOfExploitation);
        Assert.Empty(seen.CountriesOfExploitation);
        Assert.Equal("", seen.Person.Contact);

        var found = await (await w.RecipientClient.PostJsonAsync("/api/v1/cases/search", new SearchCases.Request("Marija Petrović"))).ReadAsync<SearchCases.Response>();
        var item = Assert.Single(found.Items);
        Assert.Equal(w.Case.Id, item.Id);
        Assert.Equal("Marija Petrović", item.PersonName);
        Assert.Empty(item.FormsOfExploitation); // exploitation is not covered, in the list either
    }

    [Theory, BothProviders]
    public async Task A_withdrawn_consent_ends_the_recipients_access_on_its_very_next_request(TestApp app)
    {
        var w = await ReferralWorld.CreateAsync(app);
        var consent = await w.ConsentAsync();
        await w.ReferAsync();
        Assert.Equal(HttpStatusCode.OK, (await w.RecipientReadsCase()).StatusCode);

        var withdrawn = await w.HolderClient.PostAsync($"/api/v1/consents/{consent.Id}/withdraw", null);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.False((await withdrawn.ReadAsync<ConsentView>()).InForce);

        Assert.Equal(HttpStatusCode.NotFound, (await w.RecipientReadsCase()).StatusCode);
        var list = await (await w.RecipientClient.GetAsync("/api/v1/cases")).ReadAsync<SearchCases.Response>();
        Assert.DoesNotContain(list.Items, i => i.Id == w.Case.Id);
        // Withdrawn once is withdrawn: again is a conflict.
        Assert.Equal(HttpStatusCode.Conflict, (await w.HolderClient.PostAsync($"/api/v1/consents/{consent.Id}/withdraw", null)).StatusCode);
        // And no new referral can lean on it.
        var again = await w.HolderClient.PostJsonAsync("/api/v1/referrals", new CreateReferral.Request(w.Case.Id, w.Recipient.Id, [ServiceType.Legal]));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory, BothProviders]
    public async Task Without_a_consent_naming_the_recipient_the_data_does_not_leave(TestApp app)
    {
        var w = await ReferralWorld.CreateAsync(app);
        var refer = new CreateReferral.Request(w.Case.Id, w.Recipient.Id, [ServiceType.Accommodation]);
        Assert.Equal(HttpStatusCode.Conflict, (await w.HolderClient.PostJsonAsync("/api/v1/referrals", refer)).StatusCode);

        // A consent for a third organisation does not cover this one.
        var third = await app.NewOrganisationAsync();
        var other = await w.HolderClient.PostJsonAsync($"/api/v1/cases/{w.Case.Id}/consents", new RecordConsent.Request(
            ConsentGiver.Person, [third.Id], [DataGroup.Identity], "Legal aid", DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1)));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await w.HolderClient.PostJsonAsync("/api/v1/referrals", refer)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.RecipientReadsCase()).StatusCode);

        // Only the holding organisation records or lists consents.
        var foreign = await w.RecipientClient.PostJsonAsync($"/api/v1/cases/{w.Case.Id}/consents", new RecordConsent.Request(
            ConsentGiver.Person, [w.Recipient.Id], [DataGroup.Identity], "Grab", DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1)));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Single(await (await w.HolderClient.GetAsync($"/api/v1/cases/{w.Case.Id}/consents")).ReadAsync<List<ConsentView>>());
    }

    [Theory, BothProviders]
    public async Task For_a_child_the_guardian_gives_consent(TestApp app)
    {
        var child = CaseRequests.New("Ema", "Krstić");
        child = child with { Person = child.Person! with { DateOfBirth = $"{DateTime.UtcNow.Year - 15}-01-01" } };
        var w = await ReferralWorld.CreateAsync(app, child);
        var until = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(3);

        var byChild = await w.HolderClient.PostJsonAsync($"/api/v1/cases/{w.Case.Id}/consents",
            new RecordConsent.Request(ConsentGiver.Person, [w.Recipient.Id], [DataGroup.Identity], "Shelter", until));
        Assert.Equal(HttpStatusCode.BadRequest, byChild.StatusCode);
        var noName = await w.HolderClient.PostJsonAsync($"/api/v1/cases/{w.Case.Id}/consents",
            new RecordConsent.Request(ConsentGiver.Guardian, [w.Recipient.Id], [DataGroup.Identity], "Shelter", until));
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        var byGuardian = await w.HolderClient.PostJsonAsync($"/api/v1/cases/{w.Case.Id}/consents",
            new RecordConsent.Request(ConsentGiver.Guardian, [w.Recipient.Id], [DataGroup.Identity], "Shelter", until, "Temporary guardian, CSW Kumanovo"));
        Assert.Equal(HttpStatusCode.Created, byGuardian.StatusCode);

        await w.ReferAsync();
        var seen = await (await w.RecipientReadsCase()).ReadAsync<CaseDetail>();
        Assert.True(seen.Person.IsChild);
    }

    [Theory, BothProviders]
    public async Task A_danger_to_life_override_is_audited_alerted_and_reviewed_by_a_second_person(TestApp app)
    {
        var w = await ReferralWorld.CreateAsync(app, recipientType: OrganisationType.Police);
        var worker = await app.NewUserAsync(Role.CaseWorker, w.Holder.Id);
        var workerClient = await app.SignInAsync(worker);

        var tooShort = await workerClient.PostJsonAsync($"/api/v1/cases/{w.Case.Id}/disclosure-overrides",
            new OverrideConsent.Request(ConsentBasis.DangerToLife, [w.Recipient.Id], [DataGroup.Identity, DataGroup.Location], "urgent"));
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        var childGround = await workerClient.PostJsonAsync($"/api/v1/cases/{w.Case.Id}/disclosure-overrides",
            new OverrideConsent.Request(ConsentBasis.ChildProtection, [w.Recipient.Id], [DataGroup.Identity], "The person is an adult, this ground is wrong."));
        Assert.Equal(HttpStatusCode.BadRequest, childGround.StatusCode);

        const string reason = "Trafficker located her at the hospital tonight; police must find her now.";
        var made = await workerClient.PostJsonAsync($"/api/v1/cases/{w.Case.Id}/disclosure-overrides",
            new OverrideConsent.Request(ConsentBasis.DangerToLife, [w.Recipient.Id], [DataGroup.Identity, DataGroup.Location], reason));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var over = await made.ReadAsync<ConsentView>();
        Assert.True(over.InForce);
        Assert.Null(over.Review);

        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.UserId == worker.Id && e.Action == AuditAction.DisclosureOverride.Text()).SingleAsync());
        Assert.Contains(over.Id.ToString(), audited.RecordIds);
        Assert.Equal("DangerToLife", audited.Reason);
        Assert.Contains(app.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Disclosure override") && l.Contains(over.Id.ToString()));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("hospital"));

        // The override lets the referral go, with the groups it names.
        await w.ReferAsync(ServiceType.Other);
        var seen = await (await w.RecipientReadsCase()).ReadAsync<CaseDetail>();
        Assert.Equal("+381 64 000 0000", seen.Person.Contact);
        Assert.Equal("", seen.Narrative);

        // The second person is not the first.
        Assert.Equal(HttpStatusCode.Conflict, (await workerClient.PostJsonAsync($"/api/v1/consents/{over.Id}/review", new ReviewOverride.Request(true))).StatusCode);
        var rejected = await w.HolderClient.PostJsonAsync($"/api/v1/consents/{over.Id}/review", new ReviewOverride.Request(false));
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal(OverrideReview.Rejected, (await rejected.ReadAsync<ConsentView>()).Review);
        Assert.Equal(HttpStatusCode.Conflict, (await w.HolderClient.PostJsonAsync($"/api/v1/consents/{over.Id}/review", new ReviewOverride.Request(true))).StatusCode);
        // Rejected: the disclosure ends at once.
        Assert.Equal(HttpStatusCode.NotFound, (await w.RecipientReadsCase()).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.OverrideRejected.Text() && e.RecordIds == over.Id.ToString())));
    }

    [Theory, BothProviders]
    public async Task A_consent_valid_until_a_day_is_shown_and_returned_as_that_day_and_holds_through_it(TestApp app)
    {
        var w = await ReferralWorld.CreateAsync(app);
        var lastDay = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(6);
        var recorded = await w.ConsentAsync(DataGroup.Identity);

        Assert.Equal(lastDay, recorded.ValidUntil);
        Assert.Equal(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), recorded.EndsAt);
        var listed = Assert.Single(await (await w.HolderClient.GetAsync($"/api/v1/cases/{w.Case.Id}/consents")).ReadAsync<List<ConsentView>>());
        Assert.Equal(lastDay, listed.ValidUntil);
        var page = await Pages.ReadAsync(w.HolderClient, $"/Referrals/Refer/{w.Case.Id}", "en-GB");
        Assert.Contains($"<td class=\"valid-until\">{lastDay.ToString("d", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}</td>", page);
    }
}
