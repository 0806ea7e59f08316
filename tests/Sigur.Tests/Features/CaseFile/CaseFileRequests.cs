using System.Net.Http.Headers;
using Sigur.Features.CaseFile;
using Sigur.Features.Referrals;
using Sigur.Platform.Access;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.CaseFile;

/// <summary>What the case-file tests send: files as a browser would, and a case referred with consent to some data groups.</summary>
internal static class CaseFileRequests
{
    /// <summary>A small but real PDF (its signature is what counts).</summary>
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    /// <summary>A Windows executable's first bytes, to be sent under a PDF's name.</summary>
    public static readonly byte[] Executable = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, string url, byte[] bytes, string fileName = "scan.pdf",
        DocumentKind? kind = DocumentKind.IdentityDocument, DataGroup? group = DataGroup.Identity)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        // The browser's claim, which Sigur must not believe.
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        if (kind is { } k) form.Add(new StringContent(k.ToString()), "kind");
        if (group is { } g) form.Add(new StringContent(g.ToString()), "group");
        return client.PostAsync(url, form);
    }

    /// <summary>The holder records a consent naming the recipient for <paramref name="groups"/> and refers the case to it.</summary>
    public static Task ReferAsync(this HttpClient holder, Guid caseId, Guid recipient, params DataGroup[] groups) => holder.ReferAsync(caseId, recipient, false, groups);

    /// <summary>For a child, the guardian consents.</summary>
    public static async Task ReferAsync(this HttpClient holder, Guid caseId, Guid recipient, bool child, params DataGroup[] groups)
    {
        (await holder.PostJsonAsync($"/api/v1/cases/{caseId}/consents", new RecordConsent.Request(child ? ConsentGiver.Guardian : ConsentGiver.Person, [recipient], groups,
            "Shelter", DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1), child ? "Guardian Matrix" : null))).EnsureSuccessStatusCode();
        (await holder.PostJsonAsync("/api/v1/referrals", new CreateReferral.Request(caseId, recipient, [ServiceType.Accommodation]))).EnsureSuccessStatusCode();
    }
}
