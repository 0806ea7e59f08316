using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sigur.Platform;

namespace Sigur.Features.Statistics;

/// <summary>The counting rules, as written once in CountingRules, for whoever reads a Sigur figure.</summary>
[Authorize(Policy = Policies.Aggregates)]
public sealed class HowWeCountModel : PageModel
{
    public IReadOnlyList<(string Title, string Text)> Rules => CountingRules.Rules;
    public IReadOnlyList<ReportTemplate> Templates => ReportTemplate.All;
}
