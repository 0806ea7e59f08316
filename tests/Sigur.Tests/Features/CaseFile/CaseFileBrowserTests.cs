using Microsoft.Playwright;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sigur.Tests.Features.CaseFile;

/// <summary>
/// The journal in Chromium, through the pages alone: a case worker registers a case, writes a note, is refused a file
/// that only claims to be a PDF, attaches a real one and downloads it back.
/// </summary>
public sealed class CaseFileBrowserTests
{
    [Fact(Timeout = 240_000)]
    public async Task A_case_worker_writes_a_note_and_attaches_and_downloads_a_document()
    {
        await using var host = await BrowserHost.StartAsync();
        var worker = await host.AccountAsync(Role.CaseWorker, "journal.worker", type: OrganisationType.SocialWorkCentre);
        await host.SignInAsync(worker);
        var page = host.Page;

        await page.GotoAsync("/Cases/New");
        await page.FillAsync("#Form_GivenName", "Ana");
        await page.FillAsync("#Form_FamilyName", "Journalova");
        await page.SelectOptionAsync("#Form_IntakeChannel", "Hotline");
        await page.ClickAsync("main button[type=submit]");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Cases/Details/[0-9a-f-]{36}$"));

        Assert.True(host.PolicyViolations.IsEmpty, "after details");
        await page.ClickAsync("#journal-link");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/CaseFile/Journal/[0-9a-f-]{36}$"));
        await page.FillAsync("#Text", "Met her at the bus station; she asked for a lawyer.");
        await page.SelectOptionAsync("#NoteGroup", "Exploitation");
        await page.ClickAsync("#save-note");
        await Expect(page.Locator("[role=status]")).ToHaveTextAsync("The note was saved.");
        await Expect(page.Locator("ol.timeline li.note")).ToContainTextAsync("Met her at the bus station; she asked for a lawyer.");

        Assert.True(host.PolicyViolations.IsEmpty, "after note");
        // A file named and typed as a PDF that is not one is refused, by its bytes.
        await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "passport.pdf", MimeType = "application/pdf", Buffer = CaseFileRequests.Executable });
        await page.ClickAsync("#upload");
        await Expect(page.Locator(".validation-summary-errors")).ToContainTextAsync("Only PDF files and pictures");

        await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "passport.pdf", MimeType = "application/pdf", Buffer = CaseFileRequests.Pdf });
        await page.SelectOptionAsync("#DocumentKind", "IdentityDocument");
        await page.ClickAsync("#upload");
        await Expect(page.Locator("[role=status]")).ToHaveTextAsync("The document was attached.");
        var link = page.Locator("section[aria-labelledby=documents] a", new() { HasText = "passport.pdf" });
        await Expect(link).ToBeVisibleAsync();

        Assert.True(host.PolicyViolations.IsEmpty, "after upload");
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = await download.PathAsync();
        Assert.Equal(CaseFileRequests.Pdf, await File.ReadAllBytesAsync(path));
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.DoesNotContain("passport", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.True(host.PolicyViolations.IsEmpty, string.Join('\n', host.PolicyViolations));
    }
}
