using Sigur.Platform;

namespace Sigur.Features.Duplicates;

/// <summary>
/// Start here for finding the same person twice inside the product (PRODUCT.md §5): likely existing persons at
/// intake (<see cref="FindCandidates"/>), merges within an organisation (<see cref="MergePersons"/>), and the
/// cross-organisation scan and review queue (<see cref="PersonScan"/>, <see cref="ReviewPersonLinks"/>). The
/// matching engine is Sigur.Matching; the command-line verbs are in MatchCommands.
/// </summary>
public static class DuplicatesApi
{
    public static IServiceCollection AddDuplicates(this IServiceCollection services, IConfiguration config)
    {
        services.AddSettings<DuplicatesSettings>(config, "Duplicates");
        services.AddSingleton<PersonScanProgress>();
        services.AddHostedService<NightlyPersonScan>();
        return services;
    }

    public static RouteGroupBuilder MapDuplicatesApi(this RouteGroupBuilder api)
    {
        var persons = api.MapGroup("/persons").WithTags("Duplicates");
        persons.MapPost("/candidates", FindCandidates.Handle)
            .WithSummary("Likely existing persons of your organisation for a name and date of birth (in the body, never the URL), before registering a new one");
        persons.MapPost("/{id:guid}/merge", MergePersons.Handle)
            .WithSummary("Merge another person of your organisation into this one: cases move, nothing is deleted, audited, undoable");

        var merges = api.MapGroup("/person-merges").WithTags("Duplicates");
        merges.MapGet("/", MergePersons.List)
            .WithSummary("Your organisation's merges, newest first");
        merges.MapPost("/{id:guid}/undo", MergePersons.Undo)
            .WithSummary("Undo a merge: the moved cases go back, the absorbed person is a person of their own again");

        var links = api.MapGroup("/person-links").WithTags("Duplicates");
        links.MapGet("/", ReviewPersonLinks.List)
            .WithSummary("The review queue: pairs of persons held by two organisations, with only the fields needed to decide");
        links.MapPost("/{id:guid}/confirm", ReviewPersonLinks.Confirm)
            .WithSummary("The same person: statistics count them once; neither organisation gains access to the other's record");
        links.MapPost("/{id:guid}/reject", ReviewPersonLinks.Reject)
            .WithSummary("Two different persons: the pair is never proposed again");
        links.MapPost("/scan", ReviewPersonLinks.StartScan)
            .WithSummary("Start the duplicate scan now (it also runs nightly); answers its progress");
        links.MapGet("/scan", ReviewPersonLinks.ScanStatus)
            .WithSummary("The progress of the running (or the last) duplicate scan");
        return api;
    }
}
