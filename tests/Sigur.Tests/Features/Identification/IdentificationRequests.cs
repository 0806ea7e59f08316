using Sigur.Features.Cases;
using Sigur.Features.Identification;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Identification;

public static class IdentificationRequests
{
    public static DecideIdentification.Request Decision(IdentificationStatus to, DateOnly on, string? formalAuthority = null, bool startRecovery = false) =>
        new(to, on, DecidingBodyType.NonPoliceGovernmentalOrganization, "Strong indicators of deceptive recruitment and coercion at destination.",
            FormalAuthority: formalAuthority, StartRecoveryPeriod: startRecovery);

    public static Task<HttpResponseMessage> DecideAsync(this HttpClient client, Guid caseId, IdentificationStatus to, DateOnly on, string? formalAuthority = null, bool startRecovery = false) =>
        client.PostJsonAsync($"/api/v1/cases/{caseId}/identification/decisions", Decision(to, on, formalAuthority, startRecovery));

    public static async Task<GetIdentification.Response> IdentificationAsync(this HttpClient client, Guid caseId)
    {
        var response = await client.GetAsync($"/api/v1/cases/{caseId}/identification");
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<GetIdentification.Response>();
    }

    public static async Task<DueClocks.Response> DueAsync(this HttpClient client, string scope = "organisation") =>
        await (await client.GetAsync($"/api/v1/clocks/due?scope={scope}")).ReadAsync<DueClocks.Response>();

    /// <summary>A case registered today (by the host's clock).</summary>
    public static RegisterCase.Request CaseOn(DateOnly intake, string givenName = "Marija", string familyName = "Petrović", PersonInput? person = null)
    {
        var template = CaseRequests.New(givenName, familyName);
        return template with { Case = template.Case with { IntakeDate = intake }, Person = person ?? template.Person };
    }

    /// <summary>The day <paramref name="n"/> working days (Monday to Friday) after <paramref name="from"/>, counted independently of the product.</summary>
    public static DateOnly WorkingDaysAfter(DateOnly from, int n)
    {
        var day = from;
        while (n > 0)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek != DayOfWeek.Saturday && day.DayOfWeek != DayOfWeek.Sunday) n--;
        }
        return day;
    }
}
