using Sigur.Platform;
using Sigur.Platform.Audit;

namespace Sigur.Features.Statistics;

/// <summary>Every statistics export is written to the audit log: who produced what, when (audit action "export").</summary>
public static class ExportAudit
{
    public static async Task RecordAsync(IServiceProvider sp, string what, string details, CancellationToken ct)
    {
        var user = sp.GetRequiredService<CurrentUser>();
        // On the command line there is no signed-in user: the operating-system account stands in for "who".
        var who = user.IsAuthenticated ? "" : $"; OS user {Environment.UserName}";
        await sp.GetRequiredService<Audit>().EventAsync(AuditAction.Export, what, reason: details + who);
        _ = ct;
    }
}
