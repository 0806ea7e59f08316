using System.Net;
using Sigur.Features.Cases;
using Sigur.Features.Duplicates;
using Transliteration = Sigur.Matching.Transliteration;
using NameKey = Sigur.Matching.NameKey;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Duplicates;

public static class DuplicateRequests
{
    private static readonly string[] Syllables = ["ko", "va", "ra", "di", "mi", "lo", "ze", "tu", "bo", "ne", "sa", "gr", "dr", "vu"];

    /// <summary>A surname no other test uses, so that a test finds its own pair among everything the shared database holds.</summary>
    public static string UniqueSurname()
    {
        var s = string.Concat(Enumerable.Range(0, 4).Select(_ => Syllables[Random.Shared.Next(Syllables.Length)])) + "vić";
        return char.ToUpperInvariant(s[0]) + s[1..];
    }

    public static string Cyrillic(string latin) => Transliteration.SerbianLatinToCyrillic(latin);

    public static RegisterCase.Request Person(string given, string family, string? dateOfBirth = "1998-05-02", Sex sex = Sex.Female) => new(
        CaseRequests.New().Case, new PersonInput(given, family, null, dateOfBirth, null, false, sex, ["RS"]));

    public static async Task<List<FindCandidates.Candidate>> CandidatesAsync(this HttpClient client, FindCandidates.Request request)
    {
        var response = await client.PostJsonAsync("/api/v1/persons/candidates", request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.ReadAsync<FindCandidates.Response>()).Candidates];
    }

    /// <summary>Starts the scan and waits for it to finish (polling the status endpoint, as the page does).</summary>
    public static async Task<PersonScanProgress.Status> ScanAsync(this HttpClient dpo)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await dpo.PostAsync("/api/v1/person-links/scan", null)).StatusCode);
        for (var i = 0; i < 3000; i++)
        {
            var status = await (await dpo.GetAsync("/api/v1/person-links/scan")).ReadAsync<PersonScanProgress.Status>();
            if (!status.Running) return status;
            await Task.Delay(50);
        }
        throw new TimeoutException("The scan did not finish.");
    }

    public static async Task<ReviewPersonLinks.Response> QueueAsync(this HttpClient dpo)
    {
        var response = await dpo.GetAsync("/api/v1/person-links");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<ReviewPersonLinks.Response>();
    }

    public static ReviewPersonLinks.Pair? PairWith(this ReviewPersonLinks.Response queue, string surname)
    {
        var key = NameKey.For(surname);
        return queue.Pairs.SingleOrDefault(p => p.A.NameKey.Contains(key) && p.B.NameKey.Contains(key));
    }
}
