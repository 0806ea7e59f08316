using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Features.Admin;
using Sigur.Features.Cases;
using Sigur.Features.Hotline;
using Sigur.Features.Identification;
using Sigur.Features.Justice;
using Sigur.Features.Fund;
using Sigur.Features.Referrals;
using Sigur.Features.Shelters;
using Sigur.Platform.Access;
using Sigur.Platform;
using Sigur.Platform.Notifications;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform;

/// <summary>
/// Every /api/v1 endpoint × every role × (a record of the user's own organisation, a record of another
/// organisation) → the expected status. A new endpoint must be added to <see cref="Matrix"/>, or
/// <see cref="Every_api_endpoint_has_an_explicit_policy_and_a_row_in_the_matrix"/> fails.
/// </summary>
public sealed partial class AccessMatrixTests(AppPool pool) : IClassFixture<AppPool>
{
    internal enum Record { Own, Other }

    /// <summary>
    /// What a request needs: the two organisations' fixtures, and a fresh throwaway record where it changes one.
    /// <paramref name="Open"/>, when set, opens each case of the other organisation that a fixture makes to the user
    /// under test (a break-glass grant, a consented referral): see AccessMatrixWriteTests.
    /// </summary>
    internal sealed record World(TestApp App, Organisation Own, Organisation Other, RegisterCase.Response OwnCase, RegisterCase.Response OtherCase,
        string OwnName, string OtherName, HttpClient OwnWriter, HttpClient OtherWriter, Func<Guid, Task>? Open = null);

    /// <summary>Two fresh organisations (a social work centre, the police), a case worker and a registered case in each.</summary>
    internal static async Task<World> NewWorldAsync(TestApp app)
    {
        var own = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var other = await app.NewOrganisationAsync(OrganisationType.Police);
        var ownWriter = await app.ClientAsync(Role.CaseWorker, own.Id);
        var otherWriter = await app.ClientAsync(Role.CaseWorker, other.Id);
        var ownName = $"Matrixown{Guid.NewGuid():N}"[..18];
        var otherName = $"Matrixother{Guid.NewGuid():N}"[..18];
        return new World(app, own, other,
            await ownWriter.RegisterAsync(CaseRequests.New("Ana", ownName)), await otherWriter.RegisterAsync(CaseRequests.New("Ana", otherName)), ownName, otherName,
            ownWriter, otherWriter);
    }

    /// <summary><paramref name="OtherAllowedFor"/>: roles that reach another organisation's record as their own (an administrator editing any directory entry, the coordinator's office any shelter's places).</summary>
    internal sealed record Row(string Method, string Route, string Policy, Func<World, Record, HttpClient, Task<HttpResponseMessage>> Send, HttpStatusCode Allowed,
        HttpStatusCode? OtherRecord = null, Role[]? OtherAllowedFor = null);

    private static RegisterCase.Response CaseOf(World w, Record r) => r == Record.Own ? w.OwnCase : w.OtherCase;

    private static async Task<EditCase.Request> FreshEdit(World w, Record r)
    {
        var id = CaseOf(w, r).Id;
        var (c, p) = await w.App.WithDbAsync(async db =>
        {
            var c = await db.Cases.IgnoreQueryFilters().Include(x => x.Person).SingleAsync(x => x.Id == id);
            return (c, c.Person!);
        });
        return new EditCase.Request(c.Version, p.Version,
            new CaseInput(c.IntakeChannel, DateOnly.FromDateTime(c.IntakeDate), Narrative: "edited in the access matrix"),
            new PersonInput(p.GivenName, p.FamilyName));
    }

    private static Organisation OrgOf(World w, Record r) => r == Record.Own ? w.Own : w.Other;

    private static Task<Guid> FreshSuspect(World w, Record r) => w.App.WithDbAsync(async db =>
    {
        var s = new Suspect { OrganisationId = OrgOf(w, r).Id, GivenName = "Matrix", FamilyName = "Suspect", CreatedAt = DateTime.UtcNow };
        db.Add(s);
        await db.SaveChangesAsync();
        return s.Id;
    });

    /// <summary>A throwaway proceeding on the record's case; <paramref name="atVerdict"/> puts it at a first-instance verdict with a charged defendant.</summary>
    private static Task<Proceeding> FreshProceeding(World w, Record r, bool atVerdict = false, bool withClaim = false) => w.App.WithDbAsync(async db =>
    {
        var now = DateTime.UtcNow;
        var p = Proceeding.Open(CaseOf(w, r).Id, OrgOf(w, r).Id, "RS", ProceedingStage.PoliceInvestigation, now.Date, null, null, now);
        if (atVerdict)
        {
            var s = new Suspect { OrganisationId = OrgOf(w, r).Id, GivenName = "Matrix", FamilyName = "Defendant", CreatedAt = now };
            db.Add(s);
            p.Stage = ProceedingStage.FirstInstanceVerdict;
            p.Charge(s.Id, "2006", "388", "1", now.Date, null, now);
        }
        if (withClaim)
            p.Claims.Add(new CompensationClaim { ProceedingId = p.Id, CaseId = p.CaseId, OrganisationId = p.OrganisationId, Currency = "RSD", ClaimedMinor = 100_00, ClaimedOn = now.Date });
        db.Add(p);
        await db.SaveChangesAsync();
        return p;
    });

    private static readonly QualifyFacts.Request MatrixFacts = new("RS", new DateOnly(2007, 6, 1),
        new QualifyFacts.Facts(Acts: ["recruit"], Means: ["deception"], Purposes: ["ForcedLabour"], VictimAge: 25));

    /// <summary>A consent (or, with <paramref name="ground"/>, an override by someone else) on the case, straight into the database.</summary>
    private static Task<Guid> NewConsent(World w, RegisterCase.Response c, Guid holder, Guid recipient, ConsentBasis ground = ConsentBasis.Consent) =>
        w.App.WithDbAsync(async db =>
        {
            var consent = new Consent
            {
                CaseId = c.Id, OrganisationId = holder, Basis = ground, GivenBy = ground == ConsentBasis.Consent ? ConsentGiver.Person : ConsentGiver.NotGiven,
                RecipientOrganisationIds = [recipient], DataGroups = [.. Enum.GetValues<DataGroup>()], Purpose = "matrix",
                OverrideReason = ground == ConsentBasis.Consent ? "" : "matrix: danger to life fixture", RecordedAt = DateTime.UtcNow,
                RecordedBy = Guid.NewGuid(), ValidUntil = DateTime.UtcNow.AddDays(30),
            };
            db.Add(consent);
            await db.SaveChangesAsync();
            return consent.Id;
        });

    /// <summary>A referral straight into the database: for Own, one the row's side can act on; for Other, one between the other organisation and a stranger.</summary>
    private static async Task<Guid> NewReferral(World w, Record r, bool ownIsSender, ReferralStatus status = ReferralStatus.Requested)
    {
        var stranger = Guid.NewGuid();
        // Between the two organisations, a fresh case each time: a case has one active referral to an organisation.
        var (caseId, sender, recipient) = r == Record.Other ? (w.OtherCase.Id, w.Other.Id, stranger)
            : ownIsSender ? (await FreshCase(w, Record.Own), w.Own.Id, w.Other.Id) : (await FreshCase(w, Record.Other, open: false), w.Other.Id, w.Own.Id);
        return await w.App.WithDbAsync(async db =>
        {
            var c = await db.Cases.IgnoreQueryFilters().SingleAsync(x => x.Id == caseId);
            var referral = new Referral
            {
                CaseId = c.Id, PersonId = c.PersonId, CaseReference = c.Reference, OrganisationId = sender, RecipientOrganisationId = recipient,
                Services = [ServiceType.Legal], Status = status, RequestedAt = DateTime.UtcNow, RequestedBy = Guid.NewGuid(),
            };
            db.Add(referral);
            await db.SaveChangesAsync();
            return referral.Id;
        });
    }

    private static async Task<HttpResponseMessage> FreshReferral(World w, Record r, HttpClient client)
    {
        // A fresh case each time: a case has at most one active referral to an organisation.
        var c = r == Record.Own ? await w.OwnWriter.RegisterAsync() : await w.OtherWriter.RegisterAsync();
        var holder = r == Record.Own ? w.Own.Id : w.Other.Id;
        var recipient = r == Record.Own ? w.Other.Id : w.Own.Id;
        await NewConsent(w, c, holder, recipient);
        return await client.PostJsonAsync("/api/v1/referrals", new CreateReferral.Request(c.Id, w.Other.Id, [ServiceType.Medical]));
    }

    /// <summary>A shelter of the record's organisation with free places, straight into the database; with a resident if asked.</summary>
    private static async Task<(Guid Shelter, Guid? Placement)> NewShelter(World w, Record r, bool withResident = false)
    {
        var org = OrgOf(w, r).Id;
        var resident = withResident ? await (r == Record.Own ? w.OwnWriter : w.OtherWriter).RegisterAsync() : null;
        return await w.App.WithDbAsync(async db =>
        {
            var shelter = new Shelter { OrganisationId = org, Name = "Matrix shelter", Address = "matrix address" };
            db.Add(shelter);
            db.Add(new ShelterPlaces { ShelterId = shelter.Id, Sex = PlaceSex.Female, AgeGroup = AgeGroup.Adult, Places = 100, Occupied = withResident ? 1 : 0 });
            ShelterPlacement? placement = null;
            if (resident is not null)
            {
                placement = new ShelterPlacement { ShelterId = shelter.Id, OrganisationId = org, CaseId = resident.Id, CaseReference = resident.Reference, AdmittedAt = DateTime.UtcNow };
                db.Add(placement);
            }
            await db.SaveChangesAsync();
            return (shelter.Id, placement?.Id);
        });
    }

    /// <summary>A shelter of the record's organisation with one case on its waiting list, straight into the database.</summary>
    private static async Task<(Guid Shelter, Guid Entry)> NewWaitingEntry(World w, Record r)
    {
        var (shelter, _) = await NewShelter(w, r);
        var c = await (r == Record.Own ? w.OwnWriter : w.OtherWriter).RegisterAsync();
        return await w.App.WithDbAsync(async db =>
        {
            var entry = new ShelterWaitingEntry { ShelterId = shelter, OrganisationId = OrgOf(w, r).Id, CaseId = c.Id, CaseReference = c.Reference, AddedAt = DateTime.UtcNow };
            db.Add(entry);
            await db.SaveChangesAsync();
            return (shelter, entry.Id);
        });
    }

    // The coordinator's office keeps every shelter's places; a shelter's staff only their own.
    private static async Task<HttpResponseMessage> AdmitFresh(World w, Record r, HttpClient client, string path)
    {
        var (shelter, _) = await NewShelter(w, r);
        var c = await (r == Record.Own ? w.OwnWriter : w.OtherWriter).RegisterAsync();
        return path == "admissions"
            ? await client.PostJsonAsync($"/api/v1/shelters/{shelter}/admissions", new AdmitToShelter.Request(c.Id))
            : await client.PostJsonAsync($"/api/v1/shelters/{shelter}/waiting-list", new ShelterResidents.WaitRequest(c.Id));
    }

    /// <summary>A budget line of the record's organisation (its fund), and a request on it by someone else (approved if asked), straight into the database.</summary>
    private static Task<(Guid Line, Guid Disbursement, Guid Donor)> NewFundRequest(World w, Record r, bool approved = false) => w.App.WithDbAsync(async db =>
    {
        var org = OrgOf(w, r).Id;
        var donor = new Donor { OrganisationId = org, Name = "Matrix donor" };
        var grant = new Grant { OrganisationId = org, DonorId = donor.Id, Name = "Matrix grant", Amount = 1_000_000, Currency = "EUR", PeriodStart = DateTime.UtcNow, PeriodEnd = DateTime.UtcNow.AddYears(1) };
        var line = new BudgetLine { OrganisationId = org, GrantId = grant.Id, Category = AssistanceCategory.Food, Amount = 1_000_000, Currency = "EUR", Approved = approved ? 100 : 0 };
        var c = CaseOf(w, r);
        var d = new Disbursement
        {
            OrganisationId = org, FundOrganisationId = org, CaseId = c.Id, CaseReference = c.Reference, BudgetLineId = line.Id, Category = line.Category,
            Amount = 100, Currency = "EUR", Purpose = "matrix", Supplier = "Matrix", CostKey = Guid.NewGuid().ToString("N"), ReceiptReference = "matrix",
            RequestedAt = DateTime.UtcNow, RequestedBy = Guid.NewGuid(), Status = approved ? DisbursementStatus.Approved : DisbursementStatus.Requested,
        };
        db.AddRange(donor, grant, line, d);
        await db.SaveChangesAsync();
        return (line.Id, d.Id, donor.Id);
    });

    /// <summary>Two fresh persons of the record's organisation merged into one, by its own case worker.</summary>
    private static async Task<Sigur.Features.Duplicates.MergePersons.MergeView> FreshMerge(World w, Record r)
    {
        var writer = r == Record.Own ? w.OwnWriter : w.OtherWriter;
        var kept = await writer.RegisterAsync();
        var absorbed = await writer.RegisterAsync();
        var response = await writer.PostJsonAsync($"/api/v1/persons/{kept.PersonId}/merge", new Sigur.Features.Duplicates.MergePersons.Request(absorbed.PersonId, 0, 0));
        return await response.ReadAsync<Sigur.Features.Duplicates.MergePersons.MergeView>();
    }

    /// <summary>A proposed link between two fresh persons of the two organisations, straight into the database (the scan's output).</summary>
    private static Task<Guid> FreshPersonLink(World w) => w.App.WithDbAsync(async db =>
    {
        var a = new Person { OrganisationId = w.Own.Id, GivenName = "Matrix", FamilyName = "Linked", CreatedAt = DateTime.UtcNow };
        var b = new Person { OrganisationId = w.Other.Id, GivenName = "Matrix", FamilyName = "Linked", CreatedAt = DateTime.UtcNow };
        var link = new Sigur.Features.Statistics.PersonLink { PersonAId = a.Id, PersonBId = b.Id, Score = 0.9, CreatedAt = DateTime.UtcNow };
        db.AddRange(a, b, link);
        await db.SaveChangesAsync();
        return link.Id;
    });

    internal static readonly Row[] Matrix =
    [
        // Duplicates: candidates and merges within one's own organisation; the cross-organisation queue for the data-protection officer only.
        new("POST", "/api/v1/persons/candidates", Policies.CaseWrite, (w, r, c) => c.PostJsonAsync("/api/v1/persons/candidates",
            new Sigur.Features.Duplicates.FindCandidates.Request("Ana", r == Record.Own ? w.OwnName : w.OtherName)), HttpStatusCode.OK),
        new("POST", "/api/v1/persons/{id:guid}/merge", Policies.CaseWrite, async (w, r, c) =>
        {
            var writer = r == Record.Own ? w.OwnWriter : w.OtherWriter;
            var kept = await writer.RegisterAsync();
            var absorbed = await writer.RegisterAsync();
            return await c.PostJsonAsync($"/api/v1/persons/{kept.PersonId}/merge", new Sigur.Features.Duplicates.MergePersons.Request(absorbed.PersonId, 0, 0));
        }, HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("GET", "/api/v1/person-merges/", Policies.CaseWrite, (w, r, c) => c.GetAsync("/api/v1/person-merges"), HttpStatusCode.OK),
        new("POST", "/api/v1/person-merges/{id:guid}/undo", Policies.CaseWrite, async (w, r, c) =>
        {
            var merge = await FreshMerge(w, r);
            return await c.PostJsonAsync($"/api/v1/person-merges/{merge.Id}/undo", new Sigur.Features.Duplicates.MergePersons.UndoRequest(merge.Version));
        }, HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("GET", "/api/v1/person-links/", Policies.DataProtection, (w, r, c) => c.GetAsync("/api/v1/person-links"), HttpStatusCode.OK),
        new("POST", "/api/v1/person-links/{id:guid}/confirm", Policies.DataProtection, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/person-links/{await FreshPersonLink(w)}/confirm", new Sigur.Features.Duplicates.ReviewPersonLinks.Decision(0)), HttpStatusCode.OK),
        new("POST", "/api/v1/person-links/{id:guid}/reject", Policies.DataProtection, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/person-links/{await FreshPersonLink(w)}/reject", new Sigur.Features.Duplicates.ReviewPersonLinks.Decision(0)), HttpStatusCode.OK),
        new("POST", "/api/v1/person-links/scan", Policies.DataProtection, (w, r, c) => c.PostAsync("/api/v1/person-links/scan", null), HttpStatusCode.Accepted),
        new("GET", "/api/v1/person-links/scan", Policies.DataProtection, (w, r, c) => c.GetAsync("/api/v1/person-links/scan"), HttpStatusCode.OK),
        // The Direct Assistance Fund.
        new("GET", "/api/v1/fund/budget", Policies.FundRead, (w, r, c) => c.GetAsync("/api/v1/fund/budget"), HttpStatusCode.OK),
        new("POST", "/api/v1/fund/donors", Policies.FundManage, (w, r, c) => c.PostJsonAsync("/api/v1/fund/donors", new ManageGrants.DonorRequest("Matrix donor")), HttpStatusCode.Created),
        new("POST", "/api/v1/fund/grants", Policies.FundManage, async (w, r, c) =>
        {
            var donor = await (await c.PostJsonAsync("/api/v1/fund/donors", new ManageGrants.DonorRequest("Matrix donor"))).ReadAsync<ManageGrants.DonorView>();
            return await c.PostJsonAsync("/api/v1/fund/grants", new ManageGrants.GrantRequest(donor.Id, "Matrix", 1000, "EUR", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31),
                [new(AssistanceCategory.Legal, 1000)]));
        }, HttpStatusCode.Created),
        new("GET", "/api/v1/fund/disbursements", Policies.FundRead, (w, r, c) => c.GetAsync("/api/v1/fund/disbursements"), HttpStatusCode.OK),
        new("POST", "/api/v1/fund/disbursements", Policies.FundRequest, async (w, r, c) => await c.PostJsonAsync("/api/v1/fund/disbursements",
            new RequestDisbursement.Request(CaseOf(w, r).Id, (await NewFundRequest(w, Record.Other)).Line, 100, "EUR", "matrix", "Matrix supplier", Guid.NewGuid().ToString())),
            HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("POST", "/api/v1/fund/disbursements/{id:guid}/approve", Policies.FundManage, async (w, r, c) =>
            await c.PostAsync($"/api/v1/fund/disbursements/{(await NewFundRequest(w, r)).Disbursement}/approve", null), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/fund/disbursements/{id:guid}/reject", Policies.FundManage, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/fund/disbursements/{(await NewFundRequest(w, r)).Disbursement}/reject", new DecideDisbursement.RejectRequest("matrix")),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/fund/disbursements/{id:guid}/payment", Policies.FundManage, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/fund/disbursements/{(await NewFundRequest(w, r, approved: true)).Disbursement}/payment",
                new RecordPayment.Request(0, DateOnly.FromDateTime(DateTime.UtcNow), 100, DateOnly.FromDateTime(DateTime.UtcNow), "matrix")),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("GET", "/api/v1/fund/donors/{id:guid}/report", Policies.FundManage, async (w, r, c) =>
            await c.GetAsync($"/api/v1/fund/donors/{(await NewFundRequest(w, r)).Donor}/report?from=2026-01-01&to=2026-12-31&format=csv"),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        // Shelters.
        new("GET", "/api/v1/shelters/", Policies.ShelterDirectory, (w, r, c) => c.GetAsync("/api/v1/shelters"), HttpStatusCode.OK),
        new("GET", "/api/v1/shelters/{id:guid}", Policies.ShelterDirectory, async (w, r, c) => await c.GetAsync($"/api/v1/shelters/{(await NewShelter(w, r)).Shelter}"), HttpStatusCode.OK),
        // A shelter of one's own organisation; one run by another only by the coordinator's office.
        new("POST", "/api/v1/shelters/", RegisterShelter.Policy, (w, r, c) => c.PostJsonAsync("/api/v1/shelters",
            new RegisterShelter.Request("Matrix", "Skopje", "matrix address", [new(PlaceSex.Male, AgeGroup.Adult, 4, 0)], r == Record.Own ? null : w.Other.Id)),
            HttpStatusCode.Created, HttpStatusCode.BadRequest, [Role.NationalCoordinator]),
        new("POST", "/api/v1/shelters/{id:guid}/admissions", Policies.ShelterManage, (w, r, c) => AdmitFresh(w, r, c, "admissions"), HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("POST", "/api/v1/shelters/{id:guid}/waiting-list", Policies.ShelterManage, (w, r, c) => AdmitFresh(w, r, c, "waiting-list"), HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("POST", "/api/v1/shelters/{id:guid}/placements/{placementId:guid}/discharge", Policies.ShelterManage, async (w, r, c) =>
        {
            var (shelter, placement) = await NewShelter(w, r, withResident: true);
            return await c.PostJsonAsync($"/api/v1/shelters/{shelter}/placements/{placement}/discharge", new DischargeFromShelter.Request());
        }, HttpStatusCode.NoContent, HttpStatusCode.NotFound),
        new("GET", "/api/v1/shelters/{id:guid}/placements", Policies.ShelterManage, async (w, r, c) => await c.GetAsync($"/api/v1/shelters/{(await NewShelter(w, r)).Shelter}/placements"),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("GET", "/api/v1/shelters/{id:guid}/waiting-list", Policies.ShelterManage, async (w, r, c) => await c.GetAsync($"/api/v1/shelters/{(await NewShelter(w, r)).Shelter}/waiting-list"),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/shelters/{id:guid}/waiting-list/{entryId:guid}/remove", Policies.ShelterManage, async (w, r, c) =>
        {
            var (shelter, entry) = await NewWaitingEntry(w, r);
            return await c.PostAsync($"/api/v1/shelters/{shelter}/waiting-list/{entry}/remove", null);
        }, HttpStatusCode.NoContent, HttpStatusCode.NotFound),
        new("PUT", "/api/v1/shelters/{id:guid}/places", Policies.ShelterPlaces, async (w, r, c) => await c.PutJsonAsync($"/api/v1/shelters/{(await NewShelter(w, r)).Shelter}/places",
            new EditPlaces.Request(0, [new(PlaceSex.Female, AgeGroup.Adult, 50)])), HttpStatusCode.OK, HttpStatusCode.NotFound, [Role.NationalCoordinator]),
        new("GET", "/api/v1/shelters/{id:guid}/occupancy", Policies.ShelterPlaces, async (w, r, c) => await c.GetAsync($"/api/v1/shelters/{(await NewShelter(w, r)).Shelter}/occupancy"),
            HttpStatusCode.OK, HttpStatusCode.NotFound, [Role.NationalCoordinator]),
        // Consents and referrals.
        new("GET", "/api/v1/cases/{id:guid}/consents", Policies.CaseRead, (w, r, c) => c.GetAsync($"/api/v1/cases/{CaseOf(w, r).Id}/consents"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cases/{id:guid}/consents", Policies.CaseWrite, (w, r, c) => c.PostJsonAsync($"/api/v1/cases/{CaseOf(w, r).Id}/consents",
            new RecordConsent.Request(ConsentGiver.Person, [w.Other.Id == OrgOf(w, r).Id ? w.Own.Id : w.Other.Id], [DataGroup.Health], "matrix", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10))),
            HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cases/{id:guid}/disclosure-overrides", Policies.DisclosureOverride, (w, r, c) => c.PostJsonAsync($"/api/v1/cases/{CaseOf(w, r).Id}/disclosure-overrides",
            new OverrideConsent.Request(ConsentBasis.DangerToLife, [w.Other.Id == OrgOf(w, r).Id ? w.Own.Id : w.Other.Id], [DataGroup.Location], "Matrix: the person is in immediate danger tonight.")),
            HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("GET", "/api/v1/cases/{id:guid}/referrals", Policies.CaseRead, (w, r, c) => c.GetAsync($"/api/v1/cases/{CaseOf(w, r).Id}/referrals"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/consents/{id:guid}/withdraw", Policies.CaseWrite, async (w, r, c) =>
            await c.PostAsync($"/api/v1/consents/{await NewConsent(w, CaseOf(w, r), OrgOf(w, r).Id, Guid.NewGuid())}/withdraw", null), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("GET", "/api/v1/consents/overrides-waiting", Policies.DisclosureOverride, (w, r, c) => c.GetAsync("/api/v1/consents/overrides-waiting"), HttpStatusCode.OK),
        new("POST", "/api/v1/consents/{id:guid}/review", Policies.DisclosureOverride, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/consents/{await NewConsent(w, CaseOf(w, r), OrgOf(w, r).Id, Guid.NewGuid(), ConsentBasis.DangerToLife)}/review", new ReviewOverride.Request(true)),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/referrals/", Policies.Refer, (w, r, c) => FreshReferral(w, r, c), HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("GET", "/api/v1/referrals/inbox", Policies.Refer, (w, r, c) => c.GetAsync("/api/v1/referrals/inbox"), HttpStatusCode.OK),
        new("GET", "/api/v1/referrals/sent", Policies.Refer, (w, r, c) => c.GetAsync("/api/v1/referrals/sent"), HttpStatusCode.OK),
        new("GET", "/api/v1/referrals/{id:guid}", Policies.Refer, async (w, r, c) => await c.GetAsync($"/api/v1/referrals/{await NewReferral(w, r, ownIsSender: true)}"),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/referrals/{id:guid}/accept", Policies.Refer, async (w, r, c) => await c.PostAsync($"/api/v1/referrals/{await NewReferral(w, r, ownIsSender: false)}/accept", null),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/referrals/{id:guid}/decline", Policies.Refer, async (w, r, c) => await c.PostJsonAsync($"/api/v1/referrals/{await NewReferral(w, r, ownIsSender: false)}/decline",
            new DeclineReferral.Request("matrix")), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/referrals/{id:guid}/complete", Policies.Refer, async (w, r, c) =>
            await c.PostAsync($"/api/v1/referrals/{await NewReferral(w, r, ownIsSender: false, ReferralStatus.Accepted)}/complete", null), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/referrals/{id:guid}/revoke", Policies.Refer, async (w, r, c) => await c.PostJsonAsync($"/api/v1/referrals/{await NewReferral(w, r, ownIsSender: true)}/revoke",
            new RevokeReferral.Request("matrix")), HttpStatusCode.OK, HttpStatusCode.NotFound),

        new("GET", "/api/v1/cases/", Policies.CaseRead, (w, r, c) => c.GetAsync("/api/v1/cases"), HttpStatusCode.OK),
        new("POST", "/api/v1/cases/search", Policies.CaseRead, (w, r, c) => c.PostJsonAsync("/api/v1/cases/search", new SearchCases.Request(r == Record.Own ? w.OwnName : w.OtherName)), HttpStatusCode.OK),
        new("GET", "/api/v1/cases/{id:guid}", Policies.CaseRead, (w, r, c) => c.GetAsync($"/api/v1/cases/{CaseOf(w, r).Id}"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cases/", Policies.CaseWrite, (w, r, c) => c.PostJsonAsync("/api/v1/cases", CaseRequests.New()), HttpStatusCode.Created),
        new("PUT", "/api/v1/cases/{id:guid}", Policies.CaseWrite, async (w, r, c) => await c.PutJsonAsync($"/api/v1/cases/{CaseOf(w, r).Id}", await FreshEdit(w, r)), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("GET", "/api/v1/code-lists", Policies.SignedIn, (w, r, c) => c.GetAsync("/api/v1/code-lists"), HttpStatusCode.OK),
        new("GET", "/api/v1/me", Policies.SignedIn, (w, r, c) => c.GetAsync("/api/v1/me"), HttpStatusCode.OK),
        // Ends the session it is sent with, so it is sent with a session of its own (every role may sign out).
        new("POST", "/api/v1/auth/signout", Policies.SignedIn, async (w, r, c) =>
            await (await w.App.ClientAsync(Role.CaseWorker, w.Own.Id)).PostAsync("/api/v1/auth/signout", null), HttpStatusCode.NoContent),
        new("GET", "/api/v1/organisations/", Policies.Administration, (w, r, c) => c.GetAsync("/api/v1/organisations"), HttpStatusCode.OK),
        new("POST", "/api/v1/organisations/", Policies.Administration, (w, r, c) => c.PostJsonAsync("/api/v1/organisations",
            new ManageOrganisations.OrganisationInput($"Matrix {Guid.NewGuid():N}"[..30], OrganisationType.Ngo, "Ohrid", "MK")), HttpStatusCode.Created),
        new("PUT", "/api/v1/organisations/{id:guid}", Policies.Administration, async (w, r, c) =>
        {
            var org = r == Record.Own ? w.Own : w.Other;
            var version = await w.App.WithDbAsync(db => db.Organisations.Where(o => o.Id == org.Id).Select(o => o.Version).SingleAsync());
            return await c.PutJsonAsync($"/api/v1/organisations/{org.Id}", new ManageOrganisations.EditRequest(version,
                new ManageOrganisations.OrganisationInput(org.Name, org.Type, "Bitola", "MK")));
        }, HttpStatusCode.OK),
        new("GET", "/api/v1/users/", Policies.Administration, (w, r, c) => c.GetAsync("/api/v1/users"), HttpStatusCode.OK),
        new("POST", "/api/v1/users/", Policies.Administration, (w, r, c) => c.PostJsonAsync("/api/v1/users",
            new ManageUsers.UserInput($"m{Guid.NewGuid():N}"[..16], "Matrix user", null, (r == Record.Own ? w.Own : w.Other).Id, Role.CaseWorker)), HttpStatusCode.Created),
        new("POST", "/api/v1/users/{id:guid}/disable", Policies.Administration, async (w, r, c) =>
            await c.PostAsync($"/api/v1/users/{(await w.App.NewUserAsync(Role.CaseWorker, (r == Record.Own ? w.Own : w.Other).Id)).Id}/disable", null), HttpStatusCode.NoContent),
        new("POST", "/api/v1/users/{id:guid}/enable", Policies.Administration, async (w, r, c) =>
            await c.PostAsync($"/api/v1/users/{(await w.App.NewUserAsync(Role.CaseWorker, (r == Record.Own ? w.Own : w.Other).Id)).Id}/enable", null), HttpStatusCode.NoContent),
        new("GET", "/api/v1/audit", Policies.Administration, (w, r, c) => c.GetAsync($"/api/v1/audit?recordId={CaseOf(w, r).Id}"), HttpStatusCode.OK),
        new("GET", "/api/v1/break-glass/", Policies.Administration, (w, r, c) => c.GetAsync("/api/v1/break-glass"), HttpStatusCode.OK),
        new("POST", "/api/v1/break-glass/{id:guid}/review", Policies.Administration, async (w, r, c) =>
        {
            var grant = await w.App.WithDbAsync(async db =>
            {
                var g = new Sigur.Platform.Access.BreakGlassGrant { UserId = Guid.NewGuid(), OrganisationId = w.Own.Id, CaseId = CaseOf(w, r).Id, PersonId = CaseOf(w, r).PersonId,
                    Reason = "matrix fixture grant", GrantedAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow };
                db.BreakGlassGrants.Add(g);
                await db.SaveChangesAsync();
                return g.Id;
            });
            return await c.PostAsync($"/api/v1/break-glass/{grant}/review", null);
        }, HttpStatusCode.NoContent),
        new("GET", "/api/v1/statistics/case-totals", Policies.Aggregates, (w, r, c) => c.GetAsync("/api/v1/statistics/case-totals"), HttpStatusCode.OK),
        new("GET", "/api/v1/statistics/table", Policies.Aggregates, (w, r, c) => c.GetAsync("/api/v1/statistics/table?rows=sex&cols=year&filter=status=identified"), HttpStatusCode.OK),
        new("GET", "/api/v1/statistics/dimensions", Policies.Aggregates, (w, r, c) => c.GetAsync("/api/v1/statistics/dimensions"), HttpStatusCode.OK),
        new("GET", "/api/v1/statistics/reference", Policies.Aggregates, (w, r, c) => c.GetAsync("/api/v1/statistics/reference?year=2020"), HttpStatusCode.OK),
        new("GET", "/api/v1/statistics/reports", Policies.Aggregates, (w, r, c) => c.GetAsync("/api/v1/statistics/reports"), HttpStatusCode.OK),
        new("GET", "/api/v1/statistics/reports/{id}", Policies.Aggregates, (w, r, c) => c.GetAsync("/api/v1/statistics/reports/eurostat?year=2025&format=csv"), HttpStatusCode.OK),
        // Identification: screenings, decisions, clocks and child records hang on a case (other organisation's: 404).
        new("GET", "/api/v1/cases/{caseId:guid}/identification", Policies.CaseRead, (w, r, c) => c.GetAsync($"/api/v1/cases/{CaseOf(w, r).Id}/identification"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cases/{caseId:guid}/screenings", Policies.CaseWrite, (w, r, c) => c.PostJsonAsync($"/api/v1/cases/{CaseOf(w, r).Id}/screenings",
            new RecordScreening.Request("adult-general", ["AG-DR1"], Today)), HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cases/{caseId:guid}/identification/decisions", Policies.CaseWrite, async (w, r, c) => await c.PostJsonAsync($"/api/v1/cases/{await FreshCase(w, r)}/identification/decisions",
            new DecideIdentification.Request(IdentificationStatus.Presumed, Today, DecidingBodyType.Ngo, "Matrix")), HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cases/{caseId:guid}/identification/decisions/{decisionId:guid}/review", Policies.CaseWrite, async (w, r, c) =>
        {
            var (caseId, decisionId) = await FreshDecision(w, r);
            return await c.PostJsonAsync($"/api/v1/cases/{caseId}/identification/decisions/{decisionId}/review",
                new ReviewDecision.Request(DecisionKind.Review, ReviewOutcome.Upheld, Today, DecidingBodyType.Ngo, "Matrix"));
        }, HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cases/{caseId:guid}/recovery-period", Policies.CaseWrite, async (w, r, c) => await c.PostJsonAsync($"/api/v1/cases/{await FreshCase(w, r)}/recovery-period",
            new StartRecoveryPeriod.Request(Today)), HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cases/{caseId:guid}/residence-permits", Policies.CaseWrite, (w, r, c) => c.PostJsonAsync($"/api/v1/cases/{CaseOf(w, r).Id}/residence-permits",
            new RecordResidencePermit.Request(ResidencePermitType.PersonalSituation, Today, Today.AddMonths(6))), HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cases/{caseId:guid}/plan-reviews", Policies.CaseWrite, (w, r, c) => c.PostJsonAsync($"/api/v1/cases/{CaseOf(w, r).Id}/plan-reviews",
            new SchedulePlanReview.Request(Today.AddDays(30))), HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("PUT", "/api/v1/cases/{caseId:guid}/child-protection", Policies.CaseWrite, async (w, r, c) => await c.PutJsonAsync($"/api/v1/cases/{await FreshCase(w, r, child: true)}/child-protection",
            new RecordChildProtection.Request(0, GuardianName: "Matrix guardian", GuardianAppointedOn: Today)), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cases/{caseId:guid}/age-assessment", Policies.CaseWrite, async (w, r, c) => await c.PostJsonAsync($"/api/v1/cases/{await FreshCase(w, r, child: true)}/age-assessment",
            new AssessAge.Request(Today, AgeAssessmentOutcome.Inconclusive, "Matrix clinic")), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("GET", "/api/v1/clocks/due", Policies.CaseRead, (w, r, c) => c.GetAsync("/api/v1/clocks/due?scope=organisation"), HttpStatusCode.OK),
        new("POST", "/api/v1/clocks/{id:guid}/extend", Policies.CaseWrite, async (w, r, c) => await c.PostJsonAsync($"/api/v1/clocks/{await FreshClock(w, r, ClockType.RecoveryPeriod)}/extend",
            new ChangeClock.Extension(0, Today.AddDays(60), "Matrix")), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/clocks/{id:guid}/renewal-request", Policies.CaseWrite, async (w, r, c) => await c.PostJsonAsync($"/api/v1/clocks/{await FreshClock(w, r, ClockType.ResidencePermit)}/renewal-request",
            new ChangeClock.RenewalRequest(0, Today)), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/clocks/{id:guid}/renewal-decision", Policies.CaseWrite, async (w, r, c) => await c.PostJsonAsync($"/api/v1/clocks/{await FreshClock(w, r, ClockType.ResidencePermit, renewalRequested: true)}/renewal-decision",
            new ChangeClock.RenewalDecision(0, Today, true, Today.AddDays(30).AddMonths(6))), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/clocks/{id:guid}/complete", Policies.CaseWrite, async (w, r, c) => await c.PostJsonAsync($"/api/v1/clocks/{await FreshClock(w, r, ClockType.AssistancePlanReview)}/complete",
            new ChangeClock.Completion(0, Today)), HttpStatusCode.OK, HttpStatusCode.NotFound),
        // Checklists are public operational indicators: every signed-in user (the administrators who publish them too) reads them.
        new("GET", "/api/v1/identification/checklists/", Policies.SignedIn, (w, r, c) => c.GetAsync("/api/v1/identification/checklists"), HttpStatusCode.OK),
        new("GET", "/api/v1/identification/checklists/{id}", Policies.SignedIn, (w, r, c) => c.GetAsync("/api/v1/identification/checklists/child-general"), HttpStatusCode.OK),
        new("GET", "/api/v1/identification/checklists/{id}/versions", Policies.SignedIn, (w, r, c) => c.GetAsync("/api/v1/identification/checklists/child-general/versions"), HttpStatusCode.OK),
        new("PUT", "/api/v1/identification/checklists/{id}", Policies.Administration, (w, r, c) =>
        {
            var id = $"matrix-{Guid.NewGuid():N}";
            return c.PutJsonAsync($"/api/v1/identification/checklists/{id}", new IndicatorChecklist(id, 1, ChecklistAudience.Adult, [], new Dictionary<string, string> { ["en"] = "Matrix" }, "",
                [new Indicator("M1", IndicatorDimension.DeceptiveRecruitment, IndicatorStrength.Weak, new Dictionary<string, string> { ["en"] = "Matrix" })]));
        }, HttpStatusCode.Created),
        new("GET", "/api/v1/notifications/", Policies.SignedIn, (w, r, c) => c.GetAsync("/api/v1/notifications"), HttpStatusCode.OK),
        new("POST", "/api/v1/notifications/{id:guid}/read", Policies.SignedIn, async (w, r, c) => await c.PostAsync($"/api/v1/notifications/{await FreshNotification(w, r, c)}/read", null),
            HttpStatusCode.NoContent, HttpStatusCode.NotFound),
        // Hotline: contacts belong to the hotline's organisation.
        new("POST", "/api/v1/hotline/contacts", Policies.Hotline, (w, r, c) => c.PostJsonAsync("/api/v1/hotline/contacts", new LogContact.Request(ContactChannel.Call, CallerType.Anonymous)), HttpStatusCode.Created),
        new("GET", "/api/v1/hotline/contacts", Policies.Hotline, (w, r, c) => c.GetAsync("/api/v1/hotline/contacts"), HttpStatusCode.OK),
        new("GET", "/api/v1/hotline/contacts/{id:guid}", Policies.Hotline, async (w, r, c) => await c.GetAsync($"/api/v1/hotline/contacts/{await FreshContact(w, r)}"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/hotline/cases", Policies.Hotline, async (w, r, c) => await c.PostJsonAsync("/api/v1/hotline/cases",
            new ConvertToCase.Request([await FreshContact(w, r)], new PersonInput("Matrix", "Caller"))), HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("GET", "/api/v1/hotline/statistics", Policies.Hotline, (w, r, c) => c.GetAsync("/api/v1/hotline/statistics"), HttpStatusCode.OK),
        new("GET", "/api/v1/statistics/hotline", Policies.Aggregates, (w, r, c) => c.GetAsync("/api/v1/statistics/hotline"), HttpStatusCode.OK),
        new("GET", "/api/v1/hotline/duty", Policies.Hotline, (w, r, c) => c.GetAsync("/api/v1/hotline/duty"), HttpStatusCode.OK),
        new("POST", "/api/v1/hotline/duty", Policies.Hotline, (w, r, c) => c.PostJsonAsync("/api/v1/hotline/duty", new DutyRoster.Request(DateTime.UtcNow, DateTime.UtcNow.AddHours(8))), HttpStatusCode.Created),
        // Justice: the catalogue is public law; suspects and full proceedings only for police, prosecution and the coordinator.
        new("GET", "/api/v1/justice/catalogues/", Policies.SignedIn, (w, r, c) => c.GetAsync("/api/v1/justice/catalogues"), HttpStatusCode.OK),
        new("GET", "/api/v1/justice/catalogues/{country}/{edition}", Policies.SignedIn, (w, r, c) => c.GetAsync("/api/v1/justice/catalogues/RS/2006"), HttpStatusCode.OK),
        new("GET", "/api/v1/justice/catalogues/{country}/{edition}/history", Policies.Administration, (w, r, c) => c.GetAsync("/api/v1/justice/catalogues/RS/2006/history"), HttpStatusCode.OK),
        new("PUT", "/api/v1/justice/catalogues/{country}/{edition}", Policies.Administration, async (w, r, c) =>
        {
            var edition = $"m{Guid.NewGuid():N}"[..12];
            var json = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Features", "Justice", "Catalogue", "MK-2004.json")))
                .Replace("\"country\": \"MK\"", "\"country\": \"ZZ\"").Replace("\"edition\": \"2004\"", $"\"edition\": \"{edition}\"");
            return await c.PutJsonAsync($"/api/v1/justice/catalogues/ZZ/{edition}", new EditCatalogue.Request(0, json, "matrix"));
        }, HttpStatusCode.OK),
        new("POST", "/api/v1/justice/catalogues/reload", Policies.Administration, (w, r, c) => c.PostAsync("/api/v1/justice/catalogues/reload", null), HttpStatusCode.OK),
        new("GET", "/api/v1/justice/vocabulary", Policies.SignedIn, (w, r, c) => c.GetAsync("/api/v1/justice/vocabulary"), HttpStatusCode.OK),
        new("POST", "/api/v1/justice/qualification", Policies.SignedIn, (w, r, c) => c.PostJsonAsync("/api/v1/justice/qualification", MatrixFacts), HttpStatusCode.OK),
        new("POST", "/api/v1/cases/{caseId:guid}/qualifications", Policies.Justice, (w, r, c) => c.PostJsonAsync($"/api/v1/cases/{CaseOf(w, r).Id}/qualifications",
            new AcceptQualification.Request(MatrixFacts, ["388/1"])), HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("GET", "/api/v1/cases/{caseId:guid}/qualifications", Policies.Justice, (w, r, c) => c.GetAsync($"/api/v1/cases/{CaseOf(w, r).Id}/qualifications"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("GET", "/api/v1/suspects/", Policies.Justice, (w, r, c) => c.GetAsync("/api/v1/suspects"), HttpStatusCode.OK),
        new("POST", "/api/v1/suspects/", Policies.Justice, (w, r, c) => c.PostJsonAsync("/api/v1/suspects", new SuspectInput("Matrix", "Suspect")), HttpStatusCode.Created),
        new("GET", "/api/v1/suspects/{id:guid}", Policies.Justice, async (w, r, c) => await c.GetAsync($"/api/v1/suspects/{await FreshSuspect(w, r)}"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("PUT", "/api/v1/suspects/{id:guid}", Policies.Justice, async (w, r, c) => await c.PutJsonAsync($"/api/v1/suspects/{await FreshSuspect(w, r)}",
            new EditSuspect.Request(0, new SuspectInput("Matrix", "Edited"))), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cases/{caseId:guid}/suspects", Policies.Justice, async (w, r, c) => await c.PostJsonAsync($"/api/v1/cases/{CaseOf(w, r).Id}/suspects",
            new LinkSuspect.Request(await FreshSuspect(w, Record.Own), ["Exploiter"])), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("GET", "/api/v1/cases/{caseId:guid}/suspects", Policies.Justice, (w, r, c) => c.GetAsync($"/api/v1/cases/{CaseOf(w, r).Id}/suspects"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("GET", "/api/v1/cases/{caseId:guid}/proceedings", Policies.CaseRead, (w, r, c) => c.GetAsync($"/api/v1/cases/{CaseOf(w, r).Id}/proceedings"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cases/{caseId:guid}/proceedings", Policies.Justice, (w, r, c) => c.PostJsonAsync($"/api/v1/cases/{CaseOf(w, r).Id}/proceedings",
            new OpenProceeding.Request("RS", ProceedingStage.PoliceInvestigation, DateOnly.FromDateTime(DateTime.UtcNow))), HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("GET", "/api/v1/proceedings/", Policies.Justice, (w, r, c) => c.GetAsync("/api/v1/proceedings"), HttpStatusCode.OK),
        new("GET", "/api/v1/proceedings/{id:guid}", Policies.Justice, async (w, r, c) => await c.GetAsync($"/api/v1/proceedings/{(await FreshProceeding(w, r)).Id}"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("PUT", "/api/v1/proceedings/{id:guid}", Policies.Justice, async (w, r, c) => await c.PutJsonAsync($"/api/v1/proceedings/{(await FreshProceeding(w, r)).Id}",
            new EditProceeding.Request(0, VictimRole: VictimRole.Witness)), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/proceedings/{id:guid}/stage", Policies.Justice, async (w, r, c) => await c.PostJsonAsync($"/api/v1/proceedings/{(await FreshProceeding(w, r)).Id}/stage",
            new MoveProceeding.Request(0, ProceedingStage.CriminalComplaint, DateOnly.FromDateTime(DateTime.UtcNow))), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/proceedings/{id:guid}/charges", Policies.Justice, async (w, r, c) => await c.PostJsonAsync($"/api/v1/proceedings/{(await FreshProceeding(w, r)).Id}/charges",
            new ChargeDefendant.Request(0, await FreshSuspect(w, Record.Own), "388", "1", new DateOnly(2020, 1, 1))), HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("POST", "/api/v1/proceedings/{id:guid}/outcomes", Policies.Justice, async (w, r, c) =>
        {
            var p = await FreshProceeding(w, r, atVerdict: true);
            return await c.PostJsonAsync($"/api/v1/proceedings/{p.Id}/outcomes", new RecordOutcome.Request(p.Version, p.Charges[0].SuspectId, Verdict.Convicted,
                DateOnly.FromDateTime(DateTime.UtcNow), SentenceMonths: 30));
        }, HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("POST", "/api/v1/proceedings/{id:guid}/claims", Policies.Justice, async (w, r, c) => await c.PostJsonAsync($"/api/v1/proceedings/{(await FreshProceeding(w, r)).Id}/claims",
            new RecordCompensation.Request(0, "RSD", 1000_00, DateOnly.FromDateTime(DateTime.UtcNow))), HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("PUT", "/api/v1/proceedings/{id:guid}/claims/{claimId:guid}", Policies.Justice, async (w, r, c) =>
        {
            var p = await FreshProceeding(w, r, withClaim: true);
            return await c.PutJsonAsync($"/api/v1/proceedings/{p.Id}/claims/{p.Claims[0].Id}", new RecordCompensation.Update(p.Version, 50_00, 0));
        }, HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("GET", "/api/v1/justice/figures", Policies.Aggregates, (w, r, c) => c.GetAsync("/api/v1/justice/figures"), HttpStatusCode.OK),
        .. AssistanceRows,
        .. CoordinationRows,
        .. CaseFileRows,
        .. WorkRows,
        .. CrossBorderRows,
        // Break-glass opens access, so it runs last for each user (see the loop below).
        new("POST", "/api/v1/break-glass/", Policies.BreakGlass, (w, r, c) => c.PostJsonAsync("/api/v1/break-glass",
            new BreakGlass.Request(CaseOf(w, r).Reference, "Matrix: the person is reported in immediate danger tonight.")), HttpStatusCode.OK),
    ];

    // Endpoints outside /api/v1 and the pages, and who reaches them: the API description, health for load balancers
    // (one word, nothing about records), metrics for the operator (loopback or the scrape token).
    private static readonly Dictionary<string, string> Operational = new()
    {
        ["/openapi/{documentName}.json"] = "anonymous",
        ["/api/reference/*"] = "anonymous", // the reference page and its scripts and icons
        ["/health/live"] = "anonymous",
        ["/health/ready"] = "anonymous",
        ["/metrics"] = Sigur.Platform.Operations.Observability.MetricsPolicy,
    };

    // Reached without signing in: the token endpoints (tested in IdentityTests and SessionTests) and the TRM inbox, where
    // the package is the credential (CrossBorderTests).
    private static readonly string[] Anonymous = ["POST /api/v1/auth/token", "POST /api/v1/auth/refresh", "POST /api/v1/trm/inbox"];

    [Fact]
    public async Task Every_api_endpoint_has_an_explicit_policy_and_a_row_in_the_matrix()
    {
        var app = await pool.GetAsync(Providers.Sqlite);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var api = endpoints.Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1") == true).ToList();
        Assert.NotEmpty(api);
        var inMatrix = Matrix.Select(r => $"{r.Method} {r.Route}").Concat(Anonymous).ToHashSet();
        foreach (var e in api)
        {
            var method = e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single();
            var key = $"{method} {e.RoutePattern.RawText}";
            var anonymous = e.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).ToList();
            Assert.True(anonymous || policies.Count > 0, $"{key} has no explicit authorisation policy");
            Assert.True(inMatrix.Contains(key), $"{key} is missing from the access matrix");
            if (!anonymous)
                Assert.Equal(Matrix.Single(r => $"{r.Method} {r.Route}" == key).Policy, Assert.Single(policies));
        }
        // Outside the API and the pages: each listed with who may reach it (tested in OperationsTests).
        foreach (var e in endpoints.Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1") != true
                     && e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is null))
        {
            var route = e.RoutePattern.RawText!.StartsWith("/api/reference/", StringComparison.Ordinal) ? "/api/reference/*" : e.RoutePattern.RawText!;
            Assert.True(Operational.TryGetValue(route, out var expected), $"{route} is missing from the list of operational endpoints");
            var policy = e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).SingleOrDefault(p => p is not null);
            Assert.Equal(expected, e.Metadata.GetMetadata<IAllowAnonymous>() is not null ? "anonymous" : policy);
        }
        foreach (var page in endpoints.Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null))
            Assert.True(page.Metadata.GetMetadata<IAllowAnonymous>() is not null || page.Metadata.GetMetadata<IAuthorizeData>() is not null,
                $"page {page.DisplayName} has no authorisation");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_endpoint_every_role_own_and_other_records(string provider)
    {
        var app = await pool.GetAsync(provider);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        // The roles run side by side, each in a world of its own (its organisations and cases), so that one role's
        // writes (an edit, a break-glass grant) never meet another's; within a role the rows run in order.
        await Parallel.ForEachAsync(Enum.GetValues<Role>(), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (role, _) =>
        {
            var world = await NewWorldAsync(app);
            var client = await app.ClientAsync(role, world.Own.Id);
            foreach (var row in Matrix)
                foreach (var record in new[] { Record.Own, Record.Other })
                {
                    var allowedRole = Policies.RolesOf(row.Policy).Contains(role);
                    var expected = !allowedRole ? HttpStatusCode.Forbidden
                        : record == Record.Other && row.OtherRecord is { } otherStatus && row.OtherAllowedFor?.Contains(role) != true ? otherStatus
                        : row.Allowed;
                    var response = await row.Send(world, record, client);
                    if (response.StatusCode != expected)
                        failures.Enqueue($"{role} {row.Method} {row.Route} ({record}): expected {(int)expected}, got {(int)response.StatusCode}");
                    else if (row.Route == "/api/v1/cases/search" && allowedRole)
                    {
                        // The list answers 200 either way; what differs is whether the other organisation's case is in it.
                        var body = await response.Content.ReadAsStringAsync();
                        var items = System.Text.Json.JsonSerializer.Deserialize<SearchCases.Response>(body, Json.Options)?.Items;
                        if (items is null) failures.Enqueue($"{role} search ({record}): unreadable {body}");
                        else if (items.Count != (record == Record.Own ? 1 : 0))
                            failures.Enqueue($"{role} search ({record}): {items.Count} results");
                    }
                }
        });
        // On failure, the host's error lines (identifiers only) say why a request failed.
        Assert.True(failures.IsEmpty, string.Join('\n', failures.Concat(app.Logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)).Take(5))));
    }

    // Identification and hotline fixtures: fresh records written straight to the database, so that a request that
    // changes state (a decision, an extension) meets the same state for every role.
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);


    private static async Task<Guid> FreshCase(World w, Record r, bool child = false, bool open = true)
    {
        var id = await w.App.WithDbAsync(async db =>
        {
            var p = new Person { OrganisationId = OrgOf(w, r).Id, GivenName = "Matrix", FamilyName = "Fixture", PossiblyChild = child, Citizenships = ["RS"], CreatedAt = DateTime.UtcNow };
            var c = new Case { Reference = $"M{Guid.NewGuid():N}"[..20], OrganisationId = OrgOf(w, r).Id, PersonId = p.Id, IntakeDate = DateTime.UtcNow.Date, RegisteredAt = DateTime.UtcNow };
            db.Persons.Add(p);
            db.Cases.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        if (r == Record.Other && open && w.Open is { } opening) await opening(id);
        return id;
    }

    private static async Task<(Guid CaseId, Guid DecisionId)> FreshDecision(World w, Record r)
    {
        var caseId = await FreshCase(w, r);
        var decisionId = await w.App.WithDbAsync(async db =>
        {
            var c = await db.Cases.IgnoreQueryFilters().SingleAsync(x => x.Id == caseId);
            Assert.Null(c.Decide(IdentificationStatus.Presumed, new DecisionBasis(DateTime.UtcNow.Date, DecidingBodyType.Ngo, "Matrix", null, "", "Matrix", null, DateTime.UtcNow), [], out var d));
            db.IdentificationDecisions().Add(d);
            await db.SaveChangesAsync();
            return d.Id;
        });
        return (caseId, decisionId);
    }

    private static async Task<Guid> FreshClock(World w, Record r, ClockType type, bool renewalRequested = false)
    {
        var caseId = await FreshCase(w, r);
        return await w.App.WithDbAsync(async db =>
        {
            var due = DateTime.UtcNow.Date.AddDays(30);
            var k = new LegalClock
            {
                CaseId = caseId, OrganisationId = OrgOf(w, r).Id, Type = type, StartsOn = DateTime.UtcNow.Date, DueOn = due, OriginalDueOn = due,
                PermitType = type == ClockType.ResidencePermit ? ResidencePermitType.PersonalSituation : null,
                RenewalRequestedOn = renewalRequested ? DateTime.UtcNow.Date : null,
            };
            db.LegalClocks().Add(k);
            await db.SaveChangesAsync();
            return k.Id;
        });
    }

    // Addressed to the user behind the client (every role has notifications of its own; those for a whole
    // organisation reach only some roles, see NotificationAudienceTests), held by the record's organisation.
    private static async Task<Guid> FreshNotification(World w, Record r, HttpClient c)
    {
        var me = (await (await c.GetAsync("/api/v1/me")).ReadAsync<Sigur.Features.Account.GetMe.Me>()).UserId;
        return await w.App.WithDbAsync(async db =>
        {
            var n = new Sigur.Platform.Notifications.Notification { OrganisationId = OrgOf(w, r).Id, UserId = me, Kind = "Hotline.Urgent", Arguments = "H-0000-000000", CreatedAt = DateTime.UtcNow };
            db.Notifications().Add(n);
            await db.SaveChangesAsync();
            return n.Id;
        });
    }

    private static Task<Guid> FreshContact(World w, Record r) => w.App.WithDbAsync(async db =>
    {
        var c = new HotlineContact { Reference = $"HM{Guid.NewGuid():N}"[..20], OrganisationId = OrgOf(w, r).Id, ReceivedAt = DateTime.UtcNow, Channel = ContactChannel.Call, CallerType = CallerType.Witness };
        db.HotlineContacts().Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    });
    /// <summary>
    /// Every role of an organisation a case is referred to, against that case: before the referral, while it is active
    /// with consent, after the consent is withdrawn, under a new referral, and after that one is declined.
    /// </summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_recipient_organisation_before_during_and_after_a_referral(string provider)
    {
        var app = await pool.GetAsync(provider);
        var holder = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var recipient = await app.NewOrganisationAsync(OrganisationType.ShelterOperator);
        var holderClient = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var name = $"Referred{Guid.NewGuid():N}"[..16];
        var c = await holderClient.RegisterAsync(CaseRequests.New("Ana", name));
        var clients = new List<(Role Role, HttpClient Client)>();
        foreach (var role in Enum.GetValues<Role>()) clients.Add((role, await app.ClientAsync(role, recipient.Id)));

        var failures = new List<string>();
        async Task Expect(string stage, bool visible)
        {
            foreach (var (role, client) in clients)
            {
                var reader = Policies.CaseReaders.Contains(role);
                var expected = !reader ? HttpStatusCode.Forbidden : visible ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                var get = await client.GetAsync($"/api/v1/cases/{c.Id}");
                if (get.StatusCode != expected) failures.Add($"{stage}: {role} GET case: expected {(int)expected}, got {(int)get.StatusCode}");
                var history = await client.GetAsync($"/api/v1/cases/{c.Id}/referrals");
                if (history.StatusCode != expected) failures.Add($"{stage}: {role} GET case referrals: expected {(int)expected}, got {(int)history.StatusCode}");
                if (!reader) continue;
                var found = await (await client.PostJsonAsync("/api/v1/cases/search", new SearchCases.Request(name))).ReadAsync<SearchCases.Response>();
                if (found.Items.Count != (visible ? 1 : 0)) failures.Add($"{stage}: {role} search found {found.Items.Count}");
                // Readable is never writable, and the holder's consents stay the holder's.
                var consents = await client.GetAsync($"/api/v1/cases/{c.Id}/consents");
                if (consents.StatusCode != HttpStatusCode.NotFound) failures.Add($"{stage}: {role} GET consents: got {(int)consents.StatusCode}");
            }
        }

        await Expect("before", false);
        var consent = await (await holderClient.PostJsonAsync($"/api/v1/cases/{c.Id}/consents", new RecordConsent.Request(
            ConsentGiver.Person, [recipient.Id], [.. Enum.GetValues<DataGroup>()], "Shelter", DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1)))).ReadAsync<ConsentView>();
        await Expect("consent, no referral", false);
        var first = await (await holderClient.PostJsonAsync("/api/v1/referrals", new CreateReferral.Request(c.Id, recipient.Id, [ServiceType.Accommodation]))).ReadAsync<ReferralView>();
        await Expect("referral requested", true);
        Assert.Equal(HttpStatusCode.OK, (await clients.Single(x => x.Role == Role.ShelterStaff).Client.PostAsync($"/api/v1/referrals/{first.Id}/accept", null)).StatusCode);
        await Expect("referral accepted", true);
        Assert.Equal(HttpStatusCode.OK, (await holderClient.PostAsync($"/api/v1/consents/{consent.Id}/withdraw", null)).StatusCode);
        await Expect("consent withdrawn", false);
        Assert.Equal(HttpStatusCode.OK, (await holderClient.PostJsonAsync("/api/v1/referrals/" + first.Id + "/revoke", new RevokeReferral.Request("consent withdrawn"))).StatusCode);

        await holderClient.PostJsonAsync($"/api/v1/cases/{c.Id}/consents", new RecordConsent.Request(
            ConsentGiver.Person, [recipient.Id], [DataGroup.Identity], "Shelter again", DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1)));
        var second = await (await holderClient.PostJsonAsync("/api/v1/referrals", new CreateReferral.Request(c.Id, recipient.Id, [ServiceType.Accommodation]))).ReadAsync<ReferralView>();
        await Expect("second referral", true);
        Assert.Equal(HttpStatusCode.OK, (await clients.Single(x => x.Role == Role.ShelterStaff).Client.PostJsonAsync($"/api/v1/referrals/{second.Id}/decline", new DeclineReferral.Request("Full"))).StatusCode);
        await Expect("declined", false);
        // On failure, the host's error lines (identifiers only) say why a request failed.
        Assert.True(failures.Count == 0, string.Join('\n', failures.Concat(app.Logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)).Take(5))));
    }
}
