using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.CaseFile;
using Sigur.Features.Cases;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.CaseFile;

/// <summary>The journal, the timeline, documents, the person page and the printouts, over HTTP on both providers.</summary>
public sealed class CaseFileTests : IClassFixture<AppPool>
{
    private static RegisterCase.Request Child(string name = "Dete") =>
        CaseRequests.New(name) with { Person = CaseRequests.New(name).Person! with { DateOfBirth = "2014-02-03" } };

    [Theory, BothProviders]
    public async Task A_note_is_encrypted_and_a_recipient_reads_it_only_while_the_consent_covers_its_group(TestApp app)
    {
        var holder = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var shelter = await app.NewOrganisationAsync(OrganisationType.ShelterOperator);
        var worker = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var c = await worker.RegisterAsync();
        var exploitation = $"Called the employer about wages {Guid.NewGuid():N}";
        var health = $"Saw the doctor about a burn {Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/notes", new WriteNote.Request(exploitation, DataGroup.Exploitation))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/notes", new WriteNote.Request(health, DataGroup.Health))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/notes", new WriteNote.Request(" ", DataGroup.Health))).StatusCode);

        var stored = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT text AS \"Value\" FROM case_notes WHERE case_id = {0}", c.Id).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.All(stored, s => Assert.StartsWith("2:", s));
        Assert.DoesNotContain(stored, s => s.Contains("doctor", StringComparison.Ordinal));

        var own = await (await worker.GetAsync($"/api/v1/cases/{c.Id}/timeline?kind=Note")).ReadAsync<CaseTimeline.Response>();
        Assert.Equal([health, exploitation], own.Entries.Select(e => e.Text));

        var reader = await app.ClientAsync(Role.ShelterStaff, shelter.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/v1/cases/{c.Id}/timeline")).StatusCode);
        await worker.ReferAsync(c.Id, shelter.Id, DataGroup.Exploitation);
        var seen = await (await reader.GetAsync($"/api/v1/cases/{c.Id}/timeline")).ReadAsync<CaseTimeline.Response>();
        var note = Assert.Single(seen.Entries, e => e.Kind == TimelineKind.Note);
        Assert.Equal(exploitation, note.Text);
        // The recipient sees its referral and the registration, never the holder's consents.
        Assert.Contains(seen.Entries, e => e.Kind == TimelineKind.Referral);
        Assert.DoesNotContain(seen.Entries, e => e.Kind == TimelineKind.Consent);
        // Readable is not writable, whatever the role.
        var recipientWriter = await app.ClientAsync(Role.CaseWorker, shelter.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await recipientWriter.PostJsonAsync($"/api/v1/cases/{c.Id}/notes", new WriteNote.Request("mine", DataGroup.Exploitation))).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<CaseNote>().IgnoreQueryFilters().CountAsync(n => n.CaseId == c.Id)));
    }

    [Theory, BothProviders]
    public async Task The_timeline_is_built_from_the_records_and_filtered_by_kind(TestApp app)
    {
        var holder = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var worker = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var c = await worker.RegisterAsync();
        await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/notes", new WriteNote.Request("first contact", DataGroup.Exploitation));
        (await worker.UploadAsync($"/api/v1/cases/{c.Id}/documents", CaseFileRequests.Pdf)).EnsureSuccessStatusCode();

        var all = await (await worker.GetAsync($"/api/v1/cases/{c.Id}/timeline")).ReadAsync<CaseTimeline.Response>();
        // Registration starts the identification clock: that is in the timeline too, from its own record.
        Assert.Equal([TimelineKind.Registration, TimelineKind.Clock, TimelineKind.Note, TimelineKind.Document], all.Entries.Select(e => e.Kind).Distinct().Order());
        Assert.Single(all.Entries, e => e.Event == TimelineEvent.Registered);
        Assert.Equal(all.Entries.Select(e => e.At).OrderDescending(), all.Entries.Select(e => e.At));
        var documents = await (await worker.GetAsync($"/api/v1/cases/{c.Id}/timeline?kind=Document&kind=Registration")).ReadAsync<CaseTimeline.Response>();
        Assert.Equal([TimelineKind.Document, TimelineKind.Registration], documents.Entries.Select(e => e.Kind));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.RecordType == "CaseTimeline" && a.RecordIds == c.Id.ToString()).ToListAsync());
        Assert.Equal(2, audit.Count);
    }

    [Theory, BothProviders]
    public async Task A_document_is_sniffed_limited_encrypted_at_rest_and_every_download_audited(TestApp app)
    {
        var holder = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var worker = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var c = await worker.RegisterAsync();
        var url = $"/api/v1/cases/{c.Id}/documents";

        // An executable named .pdf and sent as application/pdf is what its bytes say it is.
        var disguised = await worker.UploadAsync(url, CaseFileRequests.Executable, "passport.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, disguised.StatusCode);
        Assert.Contains("\"file\"", await disguised.Content.ReadAsStringAsync());
        var tooLarge = CaseFileRequests.Pdf.Concat(new byte[FileTypes.MaxBytes]).ToArray();
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.UploadAsync(url, tooLarge)).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await worker.UploadAsync(url, new byte[FileTypes.MaxRequestBytes + 1])).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.UploadAsync(url, CaseFileRequests.Pdf, kind: null)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CaseDocument>().IgnoreQueryFilters().CountAsync(d => d.CaseId == c.Id)));

        var created = await worker.UploadAsync(url, CaseFileRequests.Pdf, "Pasos Marija Petrović.pdf");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var document = await created.ReadAsync<DocumentView>();
        Assert.Equal("application/pdf", document.ContentType);
        var raw = await app.WithDbAsync(db => db.Database.SqlQueryRaw<byte[]>("SELECT bytes AS \"Value\" FROM document_contents WHERE id = {0}", document.Id).SingleAsync());
        Assert.False(raw.AsSpan().IndexOf("%PDF"u8) >= 0, "the stored bytes hold the plain file");
        var name = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT file_name AS \"Value\" FROM case_documents WHERE id = {0}", document.Id).SingleAsync());
        Assert.DoesNotContain("Petrov", name);

        var download = await worker.GetAsync($"/api/v1/documents/{document.Id}/content");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(CaseFileRequests.Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Petrov", download.Content.Headers.ContentDisposition?.ToString());
        await worker.GetAsync($"/api/v1/documents/{document.Id}/content");
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.Export.Text() && a.RecordType == nameof(CaseDocument) && a.RecordIds == document.Id.ToString())));
    }

    [Theory, BothProviders]
    public async Task A_childs_documents_never_leave_the_holding_organisation(TestApp app)
    {
        var holder = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var shelter = await app.NewOrganisationAsync(OrganisationType.ShelterOperator);
        var police = await app.NewOrganisationAsync(OrganisationType.Police);
        var worker = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var child = await worker.RegisterAsync(Child());
        var adult = await worker.RegisterAsync();
        var childDocument = await (await worker.UploadAsync($"/api/v1/cases/{child.Id}/documents", CaseFileRequests.Pdf)).ReadAsync<DocumentView>();
        var adultDocument = await (await worker.UploadAsync($"/api/v1/cases/{adult.Id}/documents", CaseFileRequests.Pdf)).ReadAsync<DocumentView>();
        await worker.ReferAsync(child.Id, shelter.Id, true, [.. Enum.GetValues<DataGroup>()]);
        await worker.ReferAsync(adult.Id, shelter.Id, [.. Enum.GetValues<DataGroup>()]);

        var reader = await app.ClientAsync(Role.ShelterStaff, shelter.Id);
        Assert.Equal([], await (await reader.GetAsync($"/api/v1/cases/{child.Id}/documents")).ReadAsync<List<DocumentView>>());
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/v1/documents/{childDocument.Id}/content")).StatusCode);
        Assert.Equal([adultDocument.Id], (await (await reader.GetAsync($"/api/v1/cases/{adult.Id}/documents")).ReadAsync<List<DocumentView>>()).Select(d => d.Id));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/documents/{adultDocument.Id}/content")).StatusCode);

        // Break-glass opens the child's case, read-only, and still not the child's documents.
        var officer = await app.ClientAsync(Role.PoliceInvestigator, police.Id);
        (await officer.PostJsonAsync("/api/v1/break-glass", new Sigur.Features.Admin.BreakGlass.Request(child.Reference, "Child reported missing from the shelter this evening."))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/v1/cases/{child.Id}/timeline")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/v1/documents/{childDocument.Id}/content")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.UploadAsync($"/api/v1/cases/{child.Id}/documents", CaseFileRequests.Pdf)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/api/v1/documents/{childDocument.Id}/content")).StatusCode);
    }

    [Theory, BothProviders]
    public async Task A_recipient_sees_a_document_only_when_the_consent_covers_its_group(TestApp app)
    {
        var holder = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var shelter = await app.NewOrganisationAsync(OrganisationType.ShelterOperator);
        var worker = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var c = await worker.RegisterAsync();
        var medical = await (await worker.UploadAsync($"/api/v1/cases/{c.Id}/documents", CaseFileRequests.Pdf, kind: DocumentKind.MedicalReport, group: DataGroup.Health)).ReadAsync<DocumentView>();
        var passport = await (await worker.UploadAsync($"/api/v1/persons/{c.PersonId}/documents", CaseFileRequests.Pdf, kind: DocumentKind.IdentityDocument, group: DataGroup.Identity)).ReadAsync<DocumentView>();
        await worker.ReferAsync(c.Id, shelter.Id, DataGroup.Identity);

        var reader = await app.ClientAsync(Role.ShelterStaff, shelter.Id);
        Assert.Equal([], await (await reader.GetAsync($"/api/v1/cases/{c.Id}/documents")).ReadAsync<List<DocumentView>>());
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/v1/documents/{medical.Id}/content")).StatusCode);
        // The person's identity document travels with an identity consent.
        var person = await (await reader.GetAsync($"/api/v1/persons/{c.PersonId}")).ReadAsync<GetPerson.Response>();
        Assert.Equal([passport.Id], person.Documents.Select(d => d.Id));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/documents/{passport.Id}/content")).StatusCode);
    }

    [Theory, BothProviders]
    public async Task The_person_page_shows_their_cases_aliases_documents_and_the_people_around_them(TestApp app)
    {
        var holder = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var other = await app.NewOrganisationAsync(OrganisationType.Police);
        var worker = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var first = await worker.RegisterAsync();
        var second = await worker.PostJsonAsync("/api/v1/cases", new RegisterCase.Request(CaseRequests.New().Case, null, first.PersonId));
        var child = await worker.RegisterAsync(Child("Mali"));
        var adult = await worker.RegisterAsync(CaseRequests.New("Sestra"));

        // A guardian only for a child; a co-victim from the registry.
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync($"/api/v1/persons/{adult.PersonId}/relations",
            new RelatePersons.Request(RelationKind.Guardian, Name: "Stara Majka"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await worker.PostJsonAsync($"/api/v1/persons/{child.PersonId}/relations",
            new RelatePersons.Request(RelationKind.Guardian, Name: "Stara Majka", Contact: "+389 70 000 000"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await worker.PostJsonAsync($"/api/v1/persons/{first.PersonId}/relations",
            new RelatePersons.Request(RelationKind.CoVictim, adult.PersonId))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync($"/api/v1/persons/{first.PersonId}/relations",
            new RelatePersons.Request(RelationKind.CoVictim, first.PersonId))).StatusCode);

        var page = await (await worker.GetAsync($"/api/v1/persons/{first.PersonId}")).ReadAsync<GetPerson.Response>();
        Assert.Equal(2, page.Cases.Count);
        Assert.Equal(["Mara"], page.Person.Aliases);
        var link = Assert.Single(page.Relations);
        Assert.Equal((RelationKind.CoVictim, false, (Guid?)adult.PersonId), (link.Kind, link.Inverse, link.OtherPersonId));
        var inverse = Assert.Single((await (await worker.GetAsync($"/api/v1/persons/{adult.PersonId}")).ReadAsync<GetPerson.Response>()).Relations);
        Assert.True(inverse.Inverse);
        var guardian = Assert.Single((await (await worker.GetAsync($"/api/v1/persons/{child.PersonId}")).ReadAsync<GetPerson.Response>()).Relations);
        Assert.Equal((RelationKind.Guardian, "Stara Majka"), (guardian.Kind, guardian.Name));

        var stranger = await app.ClientAsync(Role.CaseWorker, other.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/persons/{first.PersonId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"/api/v1/persons/{first.PersonId}/relations",
            new RelatePersons.Request(RelationKind.FamilyMember, Name: "Someone"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
    }

    [Theory, BothProviders]
    public async Task The_printouts_are_pdf_in_the_readers_language_and_audited_as_exports(TestApp app)
    {
        var holder = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var other = await app.NewOrganisationAsync(OrganisationType.Police);
        var worker = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var c = await worker.RegisterAsync();
        await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/notes", new WriteNote.Request("met at the bus station", DataGroup.Exploitation));

        foreach (var path in new[] { "summary.pdf", "consent-form.pdf" })
        {
            var response = await worker.GetAsync($"/api/v1/cases/{c.Id}/{path}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, string.Join('\n', app.Logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)).Take(3)));
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await response.Content.ReadAsByteArrayAsync())[..5]));
        }
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.Export.Text() && a.RecordType == nameof(Case) && a.RecordIds == c.Id.ToString())));

        // In the reader's language: the same summary in Macedonian is another document.
        var english = await (await worker.GetAsync($"/api/v1/cases/{c.Id}/summary.pdf")).Content.ReadAsByteArrayAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/cases/{c.Id}/summary.pdf");
        request.Headers.AcceptLanguage.ParseAdd("mk");
        var macedonian = await (await worker.SendAsync(request)).Content.ReadAsByteArrayAsync();
        Assert.Equal($"Резиме на случајот {c.Reference}", TitleOf(macedonian));
        Assert.Equal($"Case summary {c.Reference}", TitleOf(english));

        var stranger = await app.ClientAsync(Role.CaseWorker, other.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/cases/{c.Id}/summary.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/cases/{c.Id}/consent-form.pdf")).StatusCode);
    }

    private static string TitleOf(byte[] pdf)
    {
        using var stream = new MemoryStream(pdf);
        using var document = PdfSharp.Pdf.IO.PdfReader.Open(stream, PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        return document.Info.Title;
    }
}
