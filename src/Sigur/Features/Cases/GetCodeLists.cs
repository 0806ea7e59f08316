using Microsoft.AspNetCore.Http.HttpResults;
using Sigur.Platform;

namespace Sigur.Features.Cases;

/// <summary>The HTCDS code lists a client needs to fill in a case: the same values the case pages offer.</summary>
public static class GetCodeLists
{
    public const string Policy = Policies.SignedIn;

    public sealed record Response(IReadOnlyList<string> FormsOfExploitation, IReadOnlyList<string> MeansOfControl, string[] IntakeChannels,
        string[] IdentificationStatuses, string[] CaseStatuses, string[] Sexes);

    public static Ok<Response> Handle() => TypedResults.Ok(new Response(CodeLists.FormsOfExploitation, CodeLists.MeansOfControl,
        Enum.GetNames<IntakeChannel>(), Enum.GetNames<IdentificationStatus>(), Enum.GetNames<CaseStatus>(), Enum.GetNames<Sex>()));
}
