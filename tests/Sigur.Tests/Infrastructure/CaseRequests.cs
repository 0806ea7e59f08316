using Sigur.Features.Cases;

namespace Sigur.Tests.Infrastructure;

public static class CaseRequests
{
    public static RegisterCase.Request New(string givenName = "Marija", string familyName = "Petrović", string narrative = "Recruited with a false job offer.") => new(
        new CaseInput(IntakeChannel.Police, new DateOnly(2026, 3, 14), ["SexualExploitation"], ["FalsePromises", "WithholdsDocuments"],
            ["RS"], ["MK"], ["GR"], "MK008", narrative),
        new PersonInput(givenName, familyName, ["Mara"], "1998-05-02", null, false, Sex.Female, ["RS"], ["sr"], "+381 64 000 0000", "Passport 012345678"));

    public static async Task<RegisterCase.Response> RegisterAsync(this HttpClient client, RegisterCase.Request? request = null)
    {
        var response = await client.PostJsonAsync("/api/v1/cases", request ?? New());
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Registration failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<RegisterCase.Response>();
    }
}
