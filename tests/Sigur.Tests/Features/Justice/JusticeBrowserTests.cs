using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sigur.Tests.Features.Justice;

/// <summary>
/// Issue 5 done in the browser: a police investigator registers a case, a suspect and the proceedings and charges the
/// suspect under art. 388 para. 1; a prosecutor of the same unit, signed in separately, takes the proceedings from the
/// criminal complaint through indictment and a first-instance verdict to the final judgement, and asks the
/// qualification helper, which explains why art. 388 applies although the person agreed to go.
/// </summary>
public sealed class JusticeBrowserTests
{
    [Fact(Timeout = 300_000)]
    public async Task Police_and_prosecutor_record_proceedings_from_complaint_to_final_judgement_and_the_helper_explains_the_qualification()
    {
        await using var host = await BrowserHost.StartAsync();
        var police = await host.AccountAsync(Role.PoliceInvestigator, "browser.police", type: OrganisationType.Police,
            organisationName: "Browser test anti-trafficking unit");
        var prosecutor = await host.AccountAsync(Role.Prosecutor, "browser.prosecutor", police.OrganisationId);
        // The police investigator: the case, the suspect, the proceedings and the charge.
        var page = await host.PageForAsync(police);
        await page.GotoAsync("/Cases/New");
        await page.FillAsync("#Form_GivenName", "Marija");
        await page.FillAsync("#Form_FamilyName", "Stojanovska");
        await page.SelectOptionAsync("#Form_IntakeChannel", "Police");
        await page.CheckAsync("input[name='Form.FormsOfExploitation'][value='ForcedLabour']");
        await page.ClickAsync("main button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/Cases/Details/[0-9a-f-]{36}$"));
        var caseId = page.Url[^36..];
        var reference = (await page.Locator("h1").TextContentAsync())!.Replace("Case", "", StringComparison.Ordinal).Trim();

        await page.GotoAsync("/Justice/Suspects");
        await page.FillAsync("#GivenName", "Dragan");
        await page.FillAsync("#FamilyName", "Marković");
        await page.SelectOptionAsync("#Sex", "Male");
        await page.FillAsync("#Citizenships", "RS");
        await page.ClickAsync("#register-suspect");
        await Expect(page).ToHaveURLAsync(new Regex("/Justice/Suspect/[0-9a-f-]{36}$"));
        await page.FillAsync("#CaseReference", reference);
        await page.SelectOptionAsync("#RelationToVictim", "Acquainted");
        await page.CheckAsync("input[name='RolesInProcess'][value='RecruiterOrIntermediary']");
        await page.ClickAsync("#link-case");
        await Expect(page.Locator("main table")).ToContainTextAsync(reference);

        await page.GotoAsync($"/Justice/Case/{caseId}");
        await page.SelectOptionAsync("#Country", "RS");
        await page.SelectOptionAsync("#Stage", "PoliceInvestigation");
        await page.FillAsync("#Reference", "KU-17/26");
        await page.ClickAsync("#open-proceedings");
        await Expect(page).ToHaveURLAsync(new Regex("/Justice/Proceeding/[0-9a-f-]{36}$"));
        var proceeding = new Uri(page.Url).AbsolutePath;

        await page.SelectOptionAsync("#SuspectId", new SelectOptionValue { Label = "Dragan Marković" });
        await page.SelectOptionAsync("#ArticleParagraph", "388/1");
        await page.FillAsync("#Reason", "Recruited by deception for work abroad");
        await page.ClickAsync("#charge");
        await Expect(page.Locator("main")).ToContainTextAsync("RS art. 388 para. 1");
        await MoveAsync(page, "CriminalComplaint", "Criminal complaint", "KTR-5/26");

        // The prosecutor, in a browser session of their own.
        var p = await host.PageForAsync(prosecutor);
        await p.GotoAsync(proceeding);
        await Expect(p.Locator("main dl")).ToContainTextAsync("Criminal complaint");
        await MoveAsync(p, "Indictment", "Indictment", "KT-9/26");
        await MoveAsync(p, "FirstInstanceVerdict", "First-instance verdict", "K-33/26");
        await p.SelectOptionAsync("#outcome-suspect", new SelectOptionValue { Label = "Dragan Marković" });
        await p.SelectOptionAsync("#Verdict", "Convicted");
        await p.FillAsync("#SentenceMonths", "48");
        await p.ClickAsync("#record-verdict");
        await Expect(p.Locator("main")).ToContainTextAsync("Convicted");
        await MoveAsync(p, "FinalJudgement", "Final judgement", null);

        await Expect(p.Locator("main dl")).ToContainTextAsync("Final judgement");
        await Expect(p.Locator("main dl")).ToContainTextAsync("KU-17/26");
        await Expect(p.Locator("main dl")).ToContainTextAsync("KT-9/26");
        await Expect(p.Locator("main dl")).ToContainTextAsync("K-33/26");
        var stages = p.Locator("main table").First;
        foreach (var stage in new[] { "Police investigation", "Criminal complaint", "Indictment", "First-instance verdict", "Final judgement" })
            await Expect(stages).ToContainTextAsync(stage);
        await Expect(p.Locator("#move-stage")).ToHaveCountAsync(0); // closed: no stage follows a final judgement

        // The helper, from the case: she was deceived, then "agreed" to go; consent does not matter once a means was used.
        await p.GotoAsync($"/Justice/Qualify?caseId={caseId}");
        await p.SelectOptionAsync("#Country", "RS");
        await p.FillAsync("#OffenceDate", "2026-01-15");
        await p.CheckAsync("input[name='Acts'][value='recruit']");
        await p.CheckAsync("input[name='Acts'][value='transport']");
        await p.CheckAsync("input[name='Means'][value='deception']");
        await p.CheckAsync("input[name='Purposes'][value='ForcedLabour']");
        await p.SelectOptionAsync("#Consent", "yes");
        await p.FillAsync("#VictimAge", "24");
        await p.ClickAsync("#qualify");
        var advice = p.Locator("section[aria-labelledby='advice']");
        await Expect(advice).ToContainTextAsync("art. 388 para. 1");
        await Expect(advice).ToContainTextAsync("the means: Deception");
        await Expect(advice).ToContainTextAsync("Once one of the means was used, the person's consent to the exploitation does not matter");
        await Expect(advice).ToContainTextAsync("imprisonment from 2 years to 10 years");
        await p.ClickAsync("#accept");
        await Expect(p).ToHaveURLAsync(new Regex($"/Justice/Case/{caseId}$"));
        await Expect(p.Locator("main")).ToContainTextAsync("388/1");
        await host.AssertAccessibleAsync();
    }

    /// <summary>Moves to the next stage and waits for the page to show it.</summary>
    private static async Task MoveAsync(IPage page, string stage, string label, string? reference)
    {
        await page.SelectOptionAsync("#NextStage", stage);
        if (reference is not null) await page.FillAsync("#Reference", reference);
        await page.ClickAsync("#move-stage");
        await Expect(page.Locator("main dl strong").First).ToHaveTextAsync(label);
    }
}
