using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.CaseFile;
using Sigur.Features.Cases;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Tests.Features.CaseFile;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform;

/// <summary>
/// The access matrix of the case file (journal, timeline, documents, person page, printouts): its API rows (own and
/// other organisation, every role; the write rows also run for break-glass and referral readers in
/// AccessMatrixWriteTests), and every endpoint and page against a referral recipient with and without the data group
/// in the consent, a break-glass reader (read-only), and a child's case.
/// </summary>
public sealed partial class AccessMatrixTests
{
    /// <summary>A document of <paramref name="group"/> on the record's case, straight into the database.</summary>
    private static Task<Guid> FreshDocument(World w, Record r, DataGroup group = DataGroup.Identity) => w.App.WithDbAsync(async db =>
    {
        var c = CaseOf(w, r);
        var d = new CaseDocument
        {
            OrganisationId = OrgOf(w, r).Id, CaseId = c.Id, PersonId = c.PersonId, Subject = DocumentSubject.Case, Kind = DocumentKind.Other, Group = group,
            FileName = "matrix.pdf", ContentType = "application/pdf", Size = CaseFileRequests.Pdf.Length, UploadedAt = DateTime.UtcNow, UploadedBy = Guid.NewGuid(),
        };
        db.AddRange(d, new DocumentContent { Id = d.Id, Bytes = CaseFileRequests.Pdf });
        await db.SaveChangesAsync();
        return d.Id;
    });

    private static Row[] CaseFileRows =>
    [
        new("GET", "/api/v1/cases/{id:guid}/timeline", Policies.CaseRead, (w, r, c) => c.GetAsync($"/api/v1/cases/{CaseOf(w, r).Id}/timeline"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cases/{id:guid}/notes", Policies.CaseWrite, (w, r, c) => c.PostJsonAsync($"/api/v1/cases/{CaseOf(w, r).Id}/notes",
            new WriteNote.Request("matrix note", DataGroup.Exploitation)), HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("GET", "/api/v1/cases/{id:guid}/documents", Policies.CaseRead, (w, r, c) => c.GetAsync($"/api/v1/cases/{CaseOf(w, r).Id}/documents"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cases/{id:guid}/documents", Policies.CaseWrite, (w, r, c) => c.UploadAsync($"/api/v1/cases/{CaseOf(w, r).Id}/documents", CaseFileRequests.Pdf),
            HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("GET", "/api/v1/cases/{id:guid}/summary.pdf", Policies.CaseRead, (w, r, c) => c.GetAsync($"/api/v1/cases/{CaseOf(w, r).Id}/summary.pdf"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("GET", "/api/v1/cases/{id:guid}/consent-form.pdf", Policies.CaseRead, (w, r, c) => c.GetAsync($"/api/v1/cases/{CaseOf(w, r).Id}/consent-form.pdf"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("GET", "/api/v1/persons/{id:guid}", Policies.CaseRead, (w, r, c) => c.GetAsync($"/api/v1/persons/{CaseOf(w, r).PersonId}"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/persons/{id:guid}/relations", Policies.CaseWrite, (w, r, c) => c.PostJsonAsync($"/api/v1/persons/{CaseOf(w, r).PersonId}/relations",
            new RelatePersons.Request(RelationKind.FamilyMember, Name: "Matrix relative")), HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("POST", "/api/v1/persons/{id:guid}/documents", Policies.CaseWrite, (w, r, c) => c.UploadAsync($"/api/v1/persons/{CaseOf(w, r).PersonId}/documents", CaseFileRequests.Pdf),
            HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("GET", "/api/v1/fund/disbursements/{id:guid}/receipts", Policies.FundRead, async (w, r, c) =>
            await c.GetAsync($"/api/v1/fund/disbursements/{(await NewFundRequest(w, r)).Disbursement}/receipts"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/fund/disbursements/{id:guid}/receipts", Policies.FundRequest, async (w, r, c) =>
            await c.UploadAsync($"/api/v1/fund/disbursements/{(await NewFundRequest(w, r)).Disbursement}/receipts", CaseFileRequests.Pdf, kind: null),
            HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("POST", "/api/v1/proceedings/{id:guid}/documents", Policies.Justice, async (w, r, c) =>
            await c.UploadAsync($"/api/v1/proceedings/{(await FreshProceeding(w, r)).Id}/documents", CaseFileRequests.Pdf, kind: DocumentKind.CourtDocument, group: null),
            HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("GET", "/api/v1/documents/{id:guid}/content", Policies.CaseRead, async (w, r, c) => await c.GetAsync($"/api/v1/documents/{await FreshDocument(w, r)}/content"),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
    ];

    private enum Reader { WithGroup, WithoutGroup, BreakGlass, Child, Stranger }

    /// <summary>
    /// Every case-file endpoint and page, read and written by a case worker of another organisation: the case referred
    /// with the exploitation group in the consent (its exploitation note and document are seen, its health ones are
    /// not), referred with the health group only (the reverse), opened by break-glass (everything seen, nothing
    /// written), a child's case referred with every group (notes seen, documents never), and no access at all.
    /// </summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_case_file_for_recipients_with_and_without_the_group_break_glass_and_a_child(string provider)
    {
        var app = await pool.GetAsync(provider);
        var holder = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var owner = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var failures = new ConcurrentQueue<string>();

        async Task<(RegisterCase.Response Case, Guid Shown, Guid Hidden, string ShownNote, string HiddenNote)> Fixture(Reader reader)
        {
            var c = await owner.RegisterAsync(reader == Reader.Child
                ? CaseRequests.New("Dete") with { Person = CaseRequests.New("Dete").Person! with { DateOfBirth = "2015-06-01" } }
                : CaseRequests.New());
            var (shownGroup, hiddenGroup) = reader == Reader.WithoutGroup ? (DataGroup.Health, DataGroup.Exploitation) : (DataGroup.Exploitation, DataGroup.Health);
            var shownNote = $"matrix shown {Guid.NewGuid():N}";
            var hiddenNote = $"matrix hidden {Guid.NewGuid():N}";
            (await owner.PostJsonAsync($"/api/v1/cases/{c.Id}/notes", new WriteNote.Request(shownNote, shownGroup))).EnsureSuccessStatusCode();
            (await owner.PostJsonAsync($"/api/v1/cases/{c.Id}/notes", new WriteNote.Request(hiddenNote, hiddenGroup))).EnsureSuccessStatusCode();
            var shown = (await (await owner.UploadAsync($"/api/v1/cases/{c.Id}/documents", CaseFileRequests.Pdf, group: shownGroup)).ReadAsync<DocumentView>()).Id;
            var hidden = (await (await owner.UploadAsync($"/api/v1/cases/{c.Id}/documents", CaseFileRequests.Pdf, group: hiddenGroup)).ReadAsync<DocumentView>()).Id;
            return (c, shown, hidden, shownNote, hiddenNote);
        }

        foreach (var reader in Enum.GetValues<Reader>())
        {
            var organisation = await app.NewOrganisationAsync(reader == Reader.BreakGlass ? OrganisationType.Police : OrganisationType.ShelterOperator);
            var role = reader == Reader.BreakGlass ? Role.PoliceInvestigator : Role.CaseWorker;
            var client = await app.ClientAsync(role, organisation.Id);
            var (c, shown, hidden, shownNote, hiddenNote) = await Fixture(reader);
            switch (reader)
            {
                case Reader.WithGroup: await owner.ReferAsync(c.Id, organisation.Id, DataGroup.Exploitation); break;
                case Reader.WithoutGroup: await owner.ReferAsync(c.Id, organisation.Id, DataGroup.Health); break;
                case Reader.Child: await owner.ReferAsync(c.Id, organisation.Id, true, [.. Enum.GetValues<DataGroup>()]); break;
                case Reader.BreakGlass:
                    (await client.PostJsonAsync("/api/v1/break-glass", new Sigur.Features.Admin.BreakGlass.Request(c.Reference, "Matrix: the person is reported in immediate danger tonight."))).EnsureSuccessStatusCode();
                    break;
            }
            var reads = reader != Reader.Stranger;
            var seesAllDocuments = reader == Reader.BreakGlass;
            var seesShownDocument = reader is Reader.WithGroup or Reader.WithoutGroup or Reader.BreakGlass;
            var seesHiddenNote = reader is Reader.BreakGlass or Reader.Child; // the child's case is referred with every group
            var read = reads ? HttpStatusCode.OK : HttpStatusCode.NotFound;

            async Task Expect(string what, HttpStatusCode expected, Func<Task<HttpResponseMessage>> send)
            {
                var response = await send();
                if (response.StatusCode != expected) failures.Enqueue($"{provider} {reader} {what}: expected {(int)expected}, got {(int)response.StatusCode}");
            }

            // API reads.
            await Expect("GET timeline", read, () => client.GetAsync($"/api/v1/cases/{c.Id}/timeline"));
            if (reads)
            {
                var notes = (await (await client.GetAsync($"/api/v1/cases/{c.Id}/timeline?kind=Note")).ReadAsync<CaseTimeline.Response>()).Entries.Select(e => e.Text).ToList();
                if (!notes.Contains(shownNote)) failures.Enqueue($"{provider} {reader}: the note of the consented group is missing");
                if (notes.Contains(hiddenNote) != seesHiddenNote) failures.Enqueue($"{provider} {reader}: the note of the other group is {(seesHiddenNote ? "missing" : "shown")}");
                var documents = (await (await client.GetAsync($"/api/v1/cases/{c.Id}/documents")).ReadAsync<List<DocumentView>>()).Select(d => d.Id).Order().ToList();
                List<Guid> expectedDocuments = seesAllDocuments ? [.. new[] { shown, hidden }.Order()] : seesShownDocument ? [shown] : [];
                if (!documents.SequenceEqual(expectedDocuments)) failures.Enqueue($"{provider} {reader}: documents listed {documents.Count}, expected {expectedDocuments.Count}");
            }
            await Expect("GET documents", read, () => client.GetAsync($"/api/v1/cases/{c.Id}/documents"));
            await Expect("GET document (consented group)", seesShownDocument ? HttpStatusCode.OK : HttpStatusCode.NotFound, () => client.GetAsync($"/api/v1/documents/{shown}/content"));
            await Expect("GET document (other group)", seesAllDocuments ? HttpStatusCode.OK : HttpStatusCode.NotFound, () => client.GetAsync($"/api/v1/documents/{hidden}/content"));
            await Expect("GET person", read, () => client.GetAsync($"/api/v1/persons/{c.PersonId}"));
            await Expect("GET summary.pdf", read, () => client.GetAsync($"/api/v1/cases/{c.Id}/summary.pdf"));
            // The consent form is the holder's: it records consents.
            await Expect("GET consent-form.pdf", HttpStatusCode.NotFound, () => client.GetAsync($"/api/v1/cases/{c.Id}/consent-form.pdf"));
            // API writes: never outside the holding organisation.
            await Expect("POST note", HttpStatusCode.NotFound, () => client.PostJsonAsync($"/api/v1/cases/{c.Id}/notes", new WriteNote.Request("not mine", DataGroup.Exploitation)));
            await Expect("POST case document", HttpStatusCode.NotFound, () => client.UploadAsync($"/api/v1/cases/{c.Id}/documents", CaseFileRequests.Pdf));
            await Expect("POST person document", HttpStatusCode.NotFound, () => client.UploadAsync($"/api/v1/persons/{c.PersonId}/documents", CaseFileRequests.Pdf));
            await Expect("POST relation", HttpStatusCode.NotFound, () => client.PostJsonAsync($"/api/v1/persons/{c.PersonId}/relations",
                new RelatePersons.Request(RelationKind.FamilyMember, Name: "Not mine")));
            // Pages.
            await Expect("page Journal", read, () => client.GetAsync($"/CaseFile/Journal/{c.Id}"));
            if (reads)
            {
                var html = await (await client.GetAsync($"/CaseFile/Journal/{c.Id}")).Content.ReadAsStringAsync();
                if (html.Contains(hiddenNote) != seesHiddenNote) failures.Enqueue($"{provider} {reader}: the journal page {(seesHiddenNote ? "lacks" : "shows")} the other group's note");
                if (html.Contains("name=\"Text\"")) failures.Enqueue($"{provider} {reader}: the journal page offers the note form");
            }
            await Expect("page Person", read, () => client.GetAsync($"/CaseFile/Person/{c.PersonId}"));
            await Expect("page Document (consented group)", seesShownDocument ? HttpStatusCode.OK : HttpStatusCode.NotFound, () => client.GetAsync($"/CaseFile/Document/{shown}"));
            await Expect("page Document (other group)", seesAllDocuments ? HttpStatusCode.OK : HttpStatusCode.NotFound, () => client.GetAsync($"/CaseFile/Document/{hidden}"));
            await Expect("page Print summary", read, () => client.GetAsync($"/CaseFile/Print/{c.Id}?handler=Summary"));
            await Expect("page Print consent form", HttpStatusCode.NotFound, () => client.GetAsync($"/CaseFile/Print/{c.Id}?handler=ConsentForm"));
            if (reads)
            {
                await Expect("page POST note", HttpStatusCode.NotFound, () => client.PostFormAsync($"/CaseFile/Journal/{c.Id}?handler=Note",
                    new() { ["Text"] = "not mine", ["NoteGroup"] = "Exploitation" }));
                await Expect("page POST relation", HttpStatusCode.NotFound, () => client.PostFormAsync($"/CaseFile/Person/{c.PersonId}?handler=Relate",
                    new() { ["Kind"] = "FamilyMember", ["Name"] = "Not mine" }));
            }
            var written = await app.WithDbAsync(db => db.Set<CaseNote>().IgnoreQueryFilters().CountAsync(n => n.CaseId == c.Id));
            if (written != 2) failures.Enqueue($"{provider} {reader}: {written} notes on the case, expected 2");
        }
        Assert.True(failures.IsEmpty, string.Join('\n', failures));
    }
}
