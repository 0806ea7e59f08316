using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Duplicates;
using Sigur.Features.Fund;
using Sigur.Features.Hotline;
using Sigur.Features.Identification;
using Sigur.Features.Justice;
using Sigur.Features.MobileTeams;
using Sigur.Features.Referrals;
using Sigur.Features.Services;
using Sigur.Features.Shelters;
using Sigur.Platform;

namespace Sigur.Features.Admin;

/// <summary>
/// The demo's daily work on top of its cases, so that every area shows something on a fresh `dotnet run`: a shelter
/// with residents, the fund's donors, grants and lines with requests (one approved, one paid), the service directory,
/// a mobile team with its visits, hotline contacts, proceedings with suspects, legal clocks due this week, and one
/// person held by two organisations whom the duplicate scan proposes to the data-protection officer. Written straight
/// into the database as the system (like the cases), once: a second seeding finds the shelter and adds nothing.
/// </summary>
internal static class DemoActivity
{
    private static readonly (string Given, string Family)[] SuspectNames = [("Dragan", "Demo-Stojanov"), ("Besnik", "Demo-Krasniqi"), ("Zoran", "Demo-Petrović")];

    private const string ShelterName = "Safe House — Women and Children";

    public static async Task SeedAsync(IServiceProvider services, IReadOnlyList<Organisation> orgs, Organisation office, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<SigurDb>();
        if (await db.Set<Shelter>().AnyAsync(s => s.Name == ShelterName, ct)) return;
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var today = now.Date;
        var users = await db.Users.AsNoTracking().Where(u => u.UserName != null).ToDictionaryAsync(u => u.UserName!, u => u.Id, ct);
        Guid UserId(string name) => users.GetValueOrDefault(name);
        async Task<List<Case>> CasesOf(Organisation org, int count) =>
            // Open cases only: a closed case is read-only (ClosedCaseGuard), and activity on it would be refused.
            await db.Cases.IgnoreQueryFilters().Include(c => c.Person)
                .Where(c => c.OrganisationId == org.Id && c.Status != CaseStatus.Closed && c.Status != CaseStatus.ClosedReferred)
                .OrderByDescending(c => c.RegisteredAt).Take(count).ToListAsync(ct);
        var (police, prosecution, social, shelterOrg, hotline) = (orgs[0], orgs[2], orgs[3], orgs[4], orgs[5]);

        // A shelter with residents: the operator's own recent cases of women, and one place left free.
        var shelter = new Shelter { OrganisationId = shelterOrg.Id, Name = ShelterName, Region = "Skopje", Address = "Demo address, not a real one" };
        db.Add(shelter);
        var residents = (await CasesOf(shelterOrg, 40)).Where(c => c.Person!.Sex == Sex.Female).Take(4).ToList();
        var places = new Dictionary<(PlaceSex, AgeGroup), ShelterPlaces>
        {
            [(PlaceSex.Female, AgeGroup.Adult)] = new() { ShelterId = shelter.Id, Sex = PlaceSex.Female, AgeGroup = AgeGroup.Adult, Places = 8 },
            [(PlaceSex.Female, AgeGroup.Child)] = new() { ShelterId = shelter.Id, Sex = PlaceSex.Female, AgeGroup = AgeGroup.Child, Places = 4 },
        };
        db.AddRange(places.Values);
        foreach (var (c, i) in residents.Select((c, i) => (c, i)))
        {
            var age = c.Person!.IsChild(DateOnly.FromDateTime(today)) ? AgeGroup.Child : AgeGroup.Adult;
            places[(PlaceSex.Female, age)].Occupied++;
            db.Add(new ShelterPlacement
            {
                ShelterId = shelter.Id, OrganisationId = shelterOrg.Id, CaseId = c.Id, CaseReference = c.Reference, Sex = PlaceSex.Female, AgeGroup = age,
                AdmittedAt = now.AddDays(-3 - 9 * i), AdmittedBy = UserId("shelter"),
            });
        }

        // The fund: a donor, a grant with lines, and requests at every step of the four-eyes path.
        var donor = new Donor { OrganisationId = office.Id, Name = "Demo Foundation for Victims' Assistance" };
        var grant = new Grant
        {
            OrganisationId = office.Id, DonorId = donor.Id, Name = $"Direct assistance {now.Year}", Amount = 5_000_000, Currency = "EUR",
            PeriodStart = new DateTime(now.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc), PeriodEnd = new DateTime(now.Year, 12, 31, 0, 0, 0, DateTimeKind.Utc),
        };
        BudgetLine Line(AssistanceCategory category, long amount) =>
            new() { OrganisationId = office.Id, GrantId = grant.Id, Category = category, Amount = amount, Currency = "EUR" };
        var medical = Line(AssistanceCategory.Medical, 1_500_000);
        var accommodation = Line(AssistanceCategory.Accommodation, 2_000_000);
        var documents = Line(AssistanceCategory.Documents, 500_000);
        db.AddRange(donor, grant, medical, accommodation, documents);
        var protection = db.Protection;
        var requests = await CasesOf(social, 3);
        (AssistanceCategory, BudgetLine, long, string, string, string, DisbursementStatus)[] costs =
        [
            (AssistanceCategory.Medical, medical, 4_550, "Prescribed medicines", "Apteka Zdravje", "F-DEMO-0001", DisbursementStatus.Requested),
            (AssistanceCategory.Documents, documents, 2_000, "Replacement identity card", "Ministry of Interior", "MVR-DEMO-17", DisbursementStatus.Approved),
            (AssistanceCategory.Accommodation, accommodation, 18_000, "Two weeks' rent after the shelter", "Private landlord", "R-DEMO-03", DisbursementStatus.Paid),
        ];
        foreach (var ((category, line, amount, purpose, supplier, receipt, status), c) in costs.Zip(requests))
        {
            var decided = status != DisbursementStatus.Requested;
            if (decided) line.Approved += amount;
            if (status == DisbursementStatus.Paid) line.Paid += amount;
            db.Add(new Disbursement
            {
                OrganisationId = social.Id, FundOrganisationId = office.Id, CaseId = c.Id, CaseReference = c.Reference, BudgetLineId = line.Id, Category = category,
                Amount = amount, Currency = "EUR", Purpose = purpose, Supplier = supplier, ReceiptReference = receipt,
                CostKey = Disbursement.CostKeyOf(protection, supplier, receipt), Status = status, RequestedAt = now.AddDays(-10), RequestedBy = UserId("caseworker"),
                DecidedAt = decided ? now.AddDays(-8) : null, DecidedBy = decided ? UserId("fund") : null,
                ReceiptDate = status == DisbursementStatus.Paid ? today.AddDays(-9) : null, PaidAmount = status == DisbursementStatus.Paid ? amount : null,
                PaidOn = status == DisbursementStatus.Paid ? today.AddDays(-7) : null, PaymentReference = status == DisbursementStatus.Paid ? "BANK-DEMO-0042" : "",
                PaymentRecordedAt = status == DisbursementStatus.Paid ? now.AddDays(-7) : null, PaymentRecordedBy = status == DisbursementStatus.Paid ? UserId("fund") : null,
            });
        }

        // The service directory: what the organisations offer.
        (Organisation Org, ServiceType Type, string Name, string Region, bool Children)[] offered =
        [
            (shelterOrg, ServiceType.Accommodation, "Safe accommodation for women and girls", "Skopje", true),
            (shelterOrg, ServiceType.Psychological, "Counselling in Macedonian and Albanian", "Skopje", true),
            (social, ServiceType.Social, "Case management and guardianship for children", "Skopje", true),
            (hotline, ServiceType.Legal, "Free legal aid for victims", "Skopje", false),
            (orgs[7], ServiceType.Medical, "Medical examination and treatment", "Tetovo", true),
        ];
        foreach (var (org, type, name, region, children) in offered)
            db.OrganisationServices().Add(new OrganisationService
            {
                OrganisationId = org.Id, Type = type, Name = name, Region = region, Languages = ["mk", "sq"], ServesChildren = children, ServesMale = type != ServiceType.Accommodation,
                OpeningHours = "Mon–Fri 8–16", Contact = "+389 2 000 000", UpdatedAt = now,
            });

        // A mobile team of the coordinator's office, social workers and police, and its visits.
        var team = new MobileTeam { OrganisationId = office.Id, Name = "Mobile team South-East", Region = "Strumica", CreatedAt = now.AddMonths(-6) };
        team.Members.AddRange([
            new MobileTeamMember { TeamId = team.Id, OrganisationId = social.Id, Name = "Demo CaseWorker", Function = "Social worker" },
            new MobileTeamMember { TeamId = team.Id, OrganisationId = police.Id, Name = "Demo PoliceInvestigator", Function = "Police officer" },
            new MobileTeamMember { TeamId = team.Id, OrganisationId = hotline.Id, Name = "Outreach worker", Function = "NGO outreach" },
        ]);
        db.Add(team);
        foreach (var (days, place, met, found) in new[] { (2, "Bus station", 14, 1), (9, "Farm near Strumica", 22, 2), (23, "Border crossing Novo Selo", 9, 0) })
            db.Add(new FieldVisit
            {
                TeamId = team.Id, OrganisationId = office.Id, VisitedOn = today.AddDays(-days), Region = "Strumica", Place = place,
                MemberIds = [.. team.Members.Select(m => m.Id)], PersonsMet = met, Indicators = found > 0 ? ["confiscated-documents", "withheld-wages"] : [],
                Identifications = found, Referrals = found, RecordedAt = now.AddDays(-days), RecordedBy = UserId("coordinator"),
            });

        // Hotline contacts of the last days.
        var year = now.Year;
        var counter = await db.Set<HotlineReferenceCounter>().SingleOrDefaultAsync(c => c.Year == year, ct);
        if (counter is null) db.Add(counter = new HotlineReferenceCounter { Year = year });
        (ContactChannel Channel, CallerType Caller, ContactUrgency Urgency, ContactOutcome Outcome, string What)[] calls =
        [
            (ContactChannel.Call, CallerType.PossibleVictim, ContactUrgency.Urgent, ContactOutcome.ReferredToPolice, "Demo: works in a bar for no pay; the owner keeps her passport."),
            (ContactChannel.Chat, CallerType.Family, ContactUrgency.Routine, ContactOutcome.AdviceGiven, "Demo: a brother went to work abroad and has not called for weeks."),
            (ContactChannel.Sms, CallerType.Witness, ContactUrgency.Routine, ContactOutcome.InformationGiven, "Demo: children begging at a crossroads every day."),
            (ContactChannel.Call, CallerType.Professional, ContactUrgency.Routine, ContactOutcome.ReferredToServices, "Demo: a teacher asks about a pupil who stopped coming."),
        ];
        foreach (var (call, i) in calls.Select((c, i) => (c, i)))
            db.HotlineContacts().Add(new HotlineContact
            {
                Reference = $"H-{year}-{++counter.Next:D6}", OrganisationId = hotline.Id, ReceivedAt = now.AddHours(-5 - 19 * i), Channel = call.Channel, CallerType = call.Caller,
                Language = i % 2 == 0 ? "mk" : "sq", Region = "MK004", WhatHappened = call.What, Urgency = call.Urgency, Outcome = call.Outcome, OperatorId = UserId("hotline"),
            });

        // Proceedings with suspects: the police investigate, the prosecution has indicted.
        foreach (var (org, stage, c, i) in (await CasesOf(police, 2)).Select((c, i) => (police, ProceedingStage.PoliceInvestigation, c, i))
                     .Concat((await CasesOf(prosecution, 1)).Select((c, i) => (prosecution, ProceedingStage.Prosecution, c, i + 2))))
        {
            var suspect = new Suspect
            {
                OrganisationId = org.Id, GivenName = SuspectNames[i].Given, FamilyName = SuspectNames[i].Family,
                Sex = Sex.Male, Citizenships = ["MK"], CreatedAt = now.AddDays(-40),
            };
            db.Add(suspect);
            db.Add(new SuspectCaseLink { SuspectId = suspect.Id, CaseId = c.Id, OrganisationId = org.Id, RolesInProcess = ["Recruiter"], LinkedAt = now.AddDays(-40) });
            var proceeding = Proceeding.Open(c.Id, org.Id, "MK", stage, today.AddDays(-30 - 10 * i), null, null, now.AddDays(-30));
            proceeding.Charge(suspect.Id, "2004", "418-a", "1", today.AddDays(-20), null, now.AddDays(-20));
            db.Add(proceeding);
        }

        // Legal clocks due this week: a first decision, a recovery period's end and a plan review.
        var clocked = await CasesOf(social, 6);
        foreach (var (type, c, days) in new[] { ClockType.IdentificationDecision, ClockType.RecoveryPeriod, ClockType.AssistancePlanReview }.Zip(clocked.Skip(3), [1, 3, 6]))
            db.LegalClocks().Add(new LegalClock
            {
                CaseId = c.Id, OrganisationId = social.Id, Type = type, StartsOn = today.AddDays(days - 30), DueOn = today.AddDays(days), OriginalDueOn = today.AddDays(days),
                ResponsibleUserId = UserId("caseworker"),
            });

        // One woman known to the police and to the social work centre, written a little differently by each.
        foreach (var (org, given, family, born) in new[] { (police, "Marija", "Stojanovska", "1999-04-12"), (social, "Марија", "Стојановска", "1999-04-12") })
        {
            var person = new Person
            {
                OrganisationId = org.Id, GivenName = given, FamilyName = family, Sex = Sex.Female, DateOfBirth = born, Citizenships = ["MK"], Languages = ["mk"], CreatedAt = now,
            };
            db.Persons.Add(person);
            await NameIndex.RefreshAsync(db, person, ct);
            var c = new Case
            {
                Reference = await CaseReferences.NextAsync(db, now.Year, ct), OrganisationId = org.Id, PersonId = person.Id, RegisteredAt = now.AddDays(-2),
                IntakeDate = today.AddDays(-2), IntakeChannel = org == police ? IntakeChannel.Police : IntakeChannel.SocialWorkCentre,
                FormsOfExploitation = ["SexualExploitation"], CountriesOfExploitation = ["MK"], Region = "MK004", Narrative = "Demo: the same woman, met by two organisations.",
            };
            db.Cases.Add(c);
            NameIndex.AddCase(db, c, person);
        }
        await db.SaveChangesAsync(ct);

        // The scan the night would run, now: the pair waits in the data-protection officer's queue.
        await sp.GetRequiredService<PersonScanProgress>().RunAsync(services, sp.GetRequiredService<TimeProvider>(), null,
            sp.GetRequiredService<ILogger<PersonScanProgress>>(), ct);
    }
}
