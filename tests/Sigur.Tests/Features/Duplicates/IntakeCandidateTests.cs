using System.Net;
using Sigur.Features.Cases;
using Sigur.Features.Duplicates;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Duplicates;

public sealed class IntakeCandidateTests : IClassFixture<AppPool>
{
    [Theory, BothProviders]
    public async Task Intake_shows_the_organisations_own_likely_person_in_any_script_and_never_another_organisations(TestApp app)
    {
        var own = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var other = await app.NewOrganisationAsync(OrganisationType.Police);
        var worker = await app.ClientAsync(Role.CaseWorker, own.Id);
        var otherWorker = await app.ClientAsync(Role.PoliceInvestigator, other.Id);
        var surname = DuplicateRequests.UniqueSurname();
        var held = await worker.RegisterAsync(DuplicateRequests.Person(DuplicateRequests.Cyrillic("Marija"), DuplicateRequests.Cyrillic(surname)));
        await worker.RegisterAsync(DuplicateRequests.Person("Ana", surname, "1971-01-09")); // same surname, another woman
        var elsewhere = await otherWorker.RegisterAsync(DuplicateRequests.Person("Marija", surname));

        // Latin without diacritics, a typo ("h" at the end), day and month swapped.
        var typed = surname.Replace("ć", "c") + "h";
        var candidates = await worker.CandidatesAsync(new FindCandidates.Request("Marija", typed, DateOfBirth: "1998-02-05", Sex: Sex.Female));

        var found = Assert.Single(candidates);
        Assert.Equal(held.PersonId, found.PersonId);
        Assert.Equal([held.Reference], found.CaseReferences);
        Assert.True(found.Score >= FindCandidates.ShowFrom);
        Assert.DoesNotContain(candidates, c => c.PersonId == elsewhere.PersonId);

        // The other organisation sees its own person, never ours.
        var theirs = await otherWorker.CandidatesAsync(new FindCandidates.Request("Marija", surname));
        Assert.Equal([elsewhere.PersonId], theirs.Select(c => c.PersonId));

        // Attaching the new case to the person found instead of creating one.
        var attached = await worker.RegisterAsync(new RegisterCase.Request(CaseRequests.New().Case, null, found.PersonId));
        Assert.Equal(held.PersonId, attached.PersonId);
        var again = await worker.CandidatesAsync(new FindCandidates.Request("Marija", surname));
        Assert.Equal(new[] { held.Reference, attached.Reference }.Order(StringComparer.Ordinal), Assert.Single(again).CaseReferences);
    }

    [Theory, BothProviders]
    public async Task A_different_person_with_a_shared_name_is_not_a_candidate_and_a_nameless_query_is_refused(TestApp app)
    {
        var own = await app.NewOrganisationAsync();
        var worker = await app.ClientAsync(Role.CaseWorker, own.Id);
        var surname = DuplicateRequests.UniqueSurname();
        await worker.RegisterAsync(DuplicateRequests.Person("Marija", surname, "1998-05-02"));

        Assert.Empty(await worker.CandidatesAsync(new FindCandidates.Request("Dragan", surname, DateOfBirth: "1960-11-30", Sex: Sex.Male)));
        var refused = await worker.PostJsonAsync("/api/v1/persons/candidates", new FindCandidates.Request(" ", null));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("familyName", await refused.Content.ReadAsStringAsync());
    }

    [Theory, BothProviders]
    public async Task On_the_intake_page_a_likely_existing_person_needs_an_explicit_answer(TestApp app)
    {
        var own = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var worker = await app.ClientAsync(Role.CaseWorker, own.Id);
        var surname = DuplicateRequests.UniqueSurname();
        var held = await worker.RegisterAsync(DuplicateRequests.Person("Marija", surname));
        async Task<int> Cases() => await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.Cases), c => c.OrganisationId == own.Id));
        KeyValuePair<string, string> F(string name, string value) => new(name, value);
        List<KeyValuePair<string, string>> form = [F("Form.GivenName", "Marija"), F("Form.FamilyName", surname), F("Form.DateOfBirth", "1998-05-02"),
            F("Form.Sex", "Female"), F("Form.IntakeChannel", "Police"), F("Form.IntakeDate", DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))];

        // The person is offered, and nothing is chosen for the worker.
        var offered = await Identification.IdentificationPagesTests.Post(worker, "/Cases/New", "/Cases/New", form);
        Assert.Contains($"id=\"existing-{held.PersonId}\"", offered);
        Assert.Contains("<input type=\"radio\" id=\"existing-none\" name=\"PersonChoice\" value=\"new\" required>", offered);
        Assert.DoesNotContain("checked", offered[offered.IndexOf("id=\"candidates\"", StringComparison.Ordinal)..offered.IndexOf("</fieldset>", StringComparison.Ordinal)]);

        // Sent back without an answer: offered again, with the reason, and nothing registered.
        var unanswered = await Identification.IdentificationPagesTests.Post(worker, "/Cases/New", "/Cases/New", [.. form, F("CandidatesShown", "true")]);
        Assert.Contains("id=\"choice-missing\"", unanswered);
        Assert.Contains($"id=\"existing-{held.PersonId}\"", unanswered);
        Assert.Equal(1, await Cases());

        // Answered: the case goes to the person chosen.
        var registered = await Identification.IdentificationPagesTests.Post(worker, "/Cases/New", "/Cases/New", [.. form, F("CandidatesShown", "true"), F("PersonChoice", held.PersonId.ToString())]);
        Assert.Contains("registered", registered);
        Assert.Equal(2, await Cases());
        Assert.Equal(2, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.Cases), c => c.PersonId == held.PersonId)));
    }
}
