using Sigur.Platform;

namespace Sigur.Features.Hotline;

/// <summary>
/// Start here for the hotline (PRODUCT.md §1, the SOS hotline): log a contact in under a minute (<see cref="LogContact"/>),
/// see the log, turn contacts into a case (<see cref="ConvertToCase"/>), keep the duty roster that urgent contacts
/// alert, and count contacts. Contacts belong to the hotline's organisation.
/// </summary>
public static class HotlineApi
{
    public static RouteGroupBuilder MapHotlineApi(this RouteGroupBuilder api)
    {
        var hotline = api.MapGroup("/hotline").WithTags("Hotline");
        hotline.MapPost("/contacts", LogContact.Handle)
            .WithSummary("Log a contact (call, SMS, chat, e-mail, walk-in, web form); urgent ones alert the coordinator on duty");
        hotline.MapGet("/contacts", ListContacts.List)
            .WithSummary("The hotline's log, newest first (no stories, no caller details); ?caseId=, ?open=true");
        hotline.MapGet("/contacts/{id:guid}", ListContacts.Get)
            .WithSummary("One contact in full");
        hotline.MapPost("/cases", ConvertToCase.Handle)
            .WithSummary("Turn one or more contacts into a case; the contacts keep the link");
        hotline.MapGet("/statistics", HotlineStatistics.Handle)
            .WithSummary("Contacts by channel, caller type, urgency and outcome (?from=&to=)");
        hotline.MapGet("/duty", DutyRoster.Current)
            .WithSummary("Current and coming duty shifts");
        hotline.MapPost("/duty", DutyRoster.Add)
            .WithSummary("Put a hotline colleague (or yourself) on duty");
        // Every hotline together, as aggregates for the coordinator's office and analysts (never a contact).
        api.MapGroup("/statistics").WithTags("Hotline").MapGet("/hotline", NationalHotlineStatistics.Handle)
            .WithSummary("Contacts of all hotlines by channel, caller type, urgency and outcome (?from=&to=), small cells withheld");
        return api;
    }
}
