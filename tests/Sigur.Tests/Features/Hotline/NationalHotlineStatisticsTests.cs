using System.Net;
using Sigur.Features.Hotline;
using Sigur.Platform;
using Sigur.Tests.Features.Identification;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Hotline;

/// <summary>Every hotline's contacts as counts for the coordinator's office and analysts, with small cells withheld.</summary>
public sealed class NationalHotlineStatisticsTests : IClassFixture<AppPool>
{
    [Theory, BothProviders]
    public async Task Contacts_of_all_hotlines_are_counted_together_and_small_cells_are_withheld(TestApp app)
    {
        var first = await app.NewOrganisationAsync();
        var second = await app.NewOrganisationAsync();
        // A day of its own, far in the past, so that no other test's contacts fall in the period.
        var day = new DateOnly(2001, 1, 1).AddDays(Random.Shared.Next(0, 3000));
        await app.WithDbAsync(async db =>
        {
            var n = 0;
            void Add(Guid org, int count, ContactChannel channel, CallerType caller, ContactOutcome outcome, ContactUrgency urgency = ContactUrgency.Routine)
            {
                for (var i = 0; i < count; i++)
                    db.HotlineContacts().Add(new HotlineContact
                    {
                        Reference = $"HN{Guid.NewGuid():N}"[..20], OrganisationId = org, ReceivedAt = day.ToDateTime(new TimeOnly(9, n++ % 60), DateTimeKind.Utc),
                        Channel = channel, CallerType = caller, Outcome = outcome, Urgency = urgency,
                    });
            }
            // Calls: 4 at one hotline and 3 at the other, each below the threshold, 7 together.
            Add(first.Id, 4, ContactChannel.Call, CallerType.PossibleVictim, ContactOutcome.AdviceGiven);
            Add(second.Id, 3, ContactChannel.Call, CallerType.PossibleVictim, ContactOutcome.AdviceGiven);
            Add(second.Id, 6, ContactChannel.Chat, CallerType.Family, ContactOutcome.ReferredToPolice);
            Add(second.Id, 2, ContactChannel.Sms, CallerType.Witness, ContactOutcome.InformationGiven, ContactUrgency.Urgent);
            return await db.SaveChangesAsync();
        });

        var analyst = await app.ClientAsync(Role.Analyst, (await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice)).Id);
        var query = $"from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}";
        var stats = await (await analyst.GetAsync($"/api/v1/statistics/hotline?{query}")).ReadAsync<NationalHotlineStatistics.Response>();
        int? Cell(string by, string category)
        {
            var b = stats.Breakdowns.Single(x => x.By == by);
            return b.Contacts[b.Categories.ToList().IndexOf(category)];
        }
        Assert.Equal(5, stats.SuppressionThreshold);
        Assert.All(stats.Breakdowns, b => Assert.Equal(15, b.Total));
        Assert.Equal(7, Cell("channel", "Call"));
        Assert.Equal(0, Cell("channel", "Email"));
        // Two SMS are withheld, and so are the six chats, which would give them away (15 − 7 − 6 = 2).
        Assert.Null(Cell("channel", "Sms"));
        Assert.Null(Cell("channel", "Chat"));
        Assert.Equal(7, Cell("callerType", "PossibleVictim"));
        Assert.Null(Cell("callerType", "Witness"));
        Assert.Null(Cell("outcome", "InformationGiven"));
        Assert.Null(Cell("urgency", "Urgent"));
        Assert.Null(Cell("urgency", "Routine"));

        var page = await Pages.ReadAsync(analyst, $"/Hotline/National?{query}", "sr-Latn");
        Assert.Contains("Kontakti SOS linija, sve linije", page);
        Assert.Contains("<td class=\"num\">7</td>", page);
        Assert.Contains("<td class=\"num\">c</td>", page);

        // A hotline sees its own counts only, never every hotline's.
        var operatorClient = await app.ClientAsync(Role.HotlineOperator, first.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.GetAsync($"/api/v1/statistics/hotline?{query}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.GetAsync("/Hotline/National")).StatusCode);
    }
}
