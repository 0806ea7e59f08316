using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.Statistics;

/// <summary>
/// A report template filled in for a year and written as Excel, CSV or PDF, at the publication threshold; the
/// export is audited (who, when, which template, year and format) and the file names who produced it and when.
/// </summary>
public static class ExportReport
{
    public const string Policy = Policies.Aggregates;

    public sealed record TemplateInfo(string Id, string Title, string Source, IReadOnlyList<string> Tables);

    public static Ok<TemplateInfo[]> List() =>
        TypedResults.Ok(ReportTemplate.All.Select(t => new TemplateInfo(t.Id, t.Title, t.Source, [.. t.Tables.Select(x => $"{x.Id}. {x.Title}")])).ToArray());

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> Handle(
        string id, [FromQuery] int? year, [FromQuery] string? format, SigurDb db, StatisticsSettings statistics, CurrentUser user, TimeProvider clock,
        IServiceProvider services, CancellationToken ct)
    {
        var template = ReportTemplate.Find(id);
        if (template is null) return Problems.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        if (year is not { } y || y < 1990 || y > now.Year) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["A year from 1990 to this year."] });
        var f = ReportFormat.Xlsx;
        if (format is not null && (!Enum.TryParse(format, ignoreCase: true, out f) || !Enum.IsDefined(f)))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["xlsx, csv or pdf."] });
        var (bytes, fileName) = await ProduceAsync(services, template, y, f, await AuthorAsync(db, user, ct), ct);
        return TypedResults.File(bytes, ReportFiles.ContentType(f), fileName);
    }

    /// <summary>The signed-in user as a file's author: display name and role.</summary>
    public static async Task<Author> AuthorAsync(SigurDb db, CurrentUser user, CancellationToken ct)
    {
        var name = await db.Users.Where(u => u.Id == user.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        return new Author(string.IsNullOrWhiteSpace(name) ? $"user {user.UserId}" : name, user.Role.ToString()!);
    }

    public static async Task<(byte[] Bytes, string FileName)> ProduceAsync(IServiceProvider sp, ReportTemplate template, int year, ReportFormat format, Author author, CancellationToken ct)
    {
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var report = await template.RunAsync(sp.GetRequiredService<SigurDb>(), sp.GetRequiredService<StatisticsSettings>(), year, author, now, ct);
        using var buffer = new MemoryStream();
        await ReportFiles.WriteAsync(report, format, buffer, ct);
        await ExportAudit.RecordAsync(sp, "StatisticsReport", $"{template.Id} {year} {format}", ct);
        return (buffer.ToArray(), ReportFiles.FileName(report, format));
    }
}
