using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Features.Cases;
using Sigur.Features.Identification;
using Sigur.Features.Justice;
using Sigur.Features.Statistics;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Statistics;

/// <summary>The unit "proceeding" and the reference date "decision", on hand-built proceedings and identification decisions.</summary>
public sealed class ProceedingsAndDecisionsTests : IClassFixture<AppPool>
{
    private static DateTime Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    [Theory, BothProviders]
    public async Task A_conviction_through_three_court_stages_is_one_proceeding_in_the_year_of_its_final_verdict(TestApp app)
    {
        var data = await StatisticsData.NewAsync(app);
        var victim = await data.CaseAsync(await data.PersonAsync(Sex.Female), new DateOnly(2024, 2, 1));
        var other = await data.CaseAsync(await data.PersonAsync(Sex.Male), new DateOnly(2024, 6, 1));
        await app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var a = new Suspect { OrganisationId = data.Organisation.Id, GivenName = "Dragan", FamilyName = "Marković", CreatedAt = now };
            var b = new Suspect { OrganisationId = data.Organisation.Id, GivenName = "Petar", FamilyName = "Ilić", CreatedAt = now };
            db.AddRange(a, b);
            // Investigation, indictment, a first-instance conviction of both, an appeal that acquits one, a final conviction of the other a year later.
            var p = Proceeding.Open(victim.Id, data.Organisation.Id, "MK", ProceedingStage.PoliceInvestigation, Utc(2024, 3, 1), null, null, now);
            p.Charge(a.Id, "2023", "418-a", "1", Utc(2024, 3, 2), null, now);
            p.Charge(b.Id, "2023", "418-a", "1", Utc(2024, 3, 2), null, now);
            Assert.Null(p.MoveTo(ProceedingStage.CriminalComplaint, Utc(2024, 4, 1), null, null, now));
            Assert.Null(p.MoveTo(ProceedingStage.Indictment, Utc(2024, 6, 1), null, null, now));
            Assert.Null(p.MoveTo(ProceedingStage.FirstInstanceVerdict, Utc(2024, 11, 1), null, null, now));
            DefendantOutcome Verdict(Suspect s, Verdict v, DateTime on) => new()
            {
                ProceedingId = p.Id, CaseId = p.CaseId, OrganisationId = p.OrganisationId, SuspectId = s.Id, Verdict = v, Date = on, Article = "418-a", RecordedAt = now,
            };
            Assert.Null(p.RecordOutcome(Verdict(a, Sigur.Features.Justice.Verdict.Convicted, Utc(2024, 11, 1))));
            Assert.Null(p.RecordOutcome(Verdict(b, Sigur.Features.Justice.Verdict.Convicted, Utc(2024, 11, 1))));
            Assert.Null(p.MoveTo(ProceedingStage.Appeal, Utc(2025, 2, 1), null, null, now));
            Assert.Null(p.RecordOutcome(Verdict(a, Sigur.Features.Justice.Verdict.Convicted, Utc(2025, 3, 1))));
            Assert.Null(p.RecordOutcome(Verdict(b, Sigur.Features.Justice.Verdict.Acquitted, Utc(2025, 3, 1))));
            Assert.Null(p.MoveTo(ProceedingStage.FinalJudgement, Utc(2026, 1, 15), null, null, now));
            Assert.Null(p.RecordOutcome(Verdict(a, Sigur.Features.Justice.Verdict.Convicted, Utc(2026, 1, 15))));
            // A second proceeding, still under investigation.
            var pending = Proceeding.Open(other.Id, data.Organisation.Id, "MK", ProceedingStage.CriminalComplaint, Utc(2024, 7, 1), null, null, now);
            db.AddRange(p, pending);
            return await db.SaveChangesAsync();
        });

        var byDecision = await CountAsync(app, data, "outcome", "year", CountingUnit.Proceeding, ReferenceDate.Decision);
        Assert.Equal(1, byDecision.Cell("Convicted", "2026"));
        Assert.Equal(1, byDecision.Cell("Convicted", "Total"));
        Assert.Equal(1, byDecision.Cell("Pending", "Unknown"));
        Assert.Equal(2, byDecision.Cell("Total", "Total"));
        Assert.DoesNotContain("2024", byDecision.Columns);
        Assert.DoesNotContain("2025", byDecision.Columns);

        // By the date the proceeding started, both count in 2024, the convicted one once however many stages it passed.
        var byStart = await CountAsync(app, data, "stage", "year", CountingUnit.Proceeding, ReferenceDate.Registration);
        Assert.Equal(1, byStart.Cell("FinalJudgement", "2024"));
        Assert.Equal(1, byStart.Cell("CriminalComplaint", "2024"));
        Assert.Equal(2, byStart.Cell("Total", "2024"));
        // The victim's attributes come from the case.
        var bySex = await CountAsync(app, data, "sex", "outcome", CountingUnit.Proceeding, ReferenceDate.Intake);
        Assert.Equal(1, bySex.Cell("Female", "Convicted"));
        Assert.Equal(1, bySex.Cell("Male", "Pending"));
        // Persons and cases have no outcome.
        Assert.Equal(2, (await CountAsync(app, data, "outcome", null, CountingUnit.Person, ReferenceDate.Intake)).Cell("Unknown"));
    }

    [Theory, BothProviders]
    public async Task With_the_year_of_decision_a_case_counts_when_its_current_status_was_decided(TestApp app)
    {
        var data = await StatisticsData.NewAsync(app);
        var decided = await data.CaseAsync(await data.PersonAsync(), new DateOnly(2023, 9, 1));
        await data.CaseAsync(await data.PersonAsync(), new DateOnly(2023, 10, 1), IdentificationStatus.Potential);
        await app.WithDbAsync(async db =>
        {
            IdentificationDecision Entry(int sequence, DecisionKind kind, IdentificationStatus from, IdentificationStatus to, DateTime on) => new()
            {
                CaseId = decided.Id, OrganisationId = data.Organisation.Id, Sequence = sequence, Kind = kind, From = from, To = to, DecidedOn = on,
                DecidingOrganisation = "Centre for Social Work", RecordedAt = DateTime.UtcNow,
            };
            // Presumed in 2023, identified in 2024; a review in 2025 upheld it, which changes no status and so no year.
            db.AddRange(Entry(1, DecisionKind.Decision, IdentificationStatus.Potential, IdentificationStatus.Presumed, Utc(2023, 9, 10)),
                Entry(2, DecisionKind.Decision, IdentificationStatus.Presumed, IdentificationStatus.Identified, Utc(2024, 2, 1)),
                Entry(3, DecisionKind.Review, IdentificationStatus.Identified, IdentificationStatus.Identified, Utc(2025, 5, 1)));
            return await db.SaveChangesAsync();
        });

        foreach (var unit in new[] { CountingUnit.Person, CountingUnit.Case })
        {
            var table = await CountAsync(app, data, "status", "year", unit, ReferenceDate.Decision);
            Assert.Equal(1, table.Cell("Identified", "2024"));
            Assert.Equal(1, table.Cell("Potential", "Unknown"));
            Assert.DoesNotContain("2025", table.Columns);
            Assert.DoesNotContain("2023", table.Columns);
        }
        var byIntake = await CountAsync(app, data, "year", null, CountingUnit.Person, ReferenceDate.Intake);
        Assert.Equal(2, byIntake.Cell("2023"));
        Assert.Contains("year of the identification decision", CountingRules.Statement(CountingUnit.Case, ReferenceDate.Decision), StringComparison.OrdinalIgnoreCase);
    }

    private static Task<CountedTable> CountAsync(TestApp app, StatisticsData data, string rows, string? cols, CountingUnit unit, ReferenceDate reference) =>
        app.WithDbAsync(async db =>
        {
            var spec = new TableSpec(rows, cols, [Filter.Parse(data.RegionFilter, out _)!], unit, reference);
            return (await CrossTab.CountAsync(db, app.Services.GetRequiredService<StatisticsSettings>(), [spec], default))[0];
        });
}
