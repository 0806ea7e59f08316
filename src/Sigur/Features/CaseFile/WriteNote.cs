using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Web;

namespace Sigur.Features.CaseFile;

/// <summary>
/// A note in the case's journal, by someone of the holding organisation. The writer says which consent data group
/// the note belongs to (a medical visit is health, a call about the trafficker exploitation): an organisation the case
/// is referred to reads it only while its consent covers that group. Notes are never edited: a correction is a new note.
/// </summary>
public static class WriteNote
{
    public const string Policy = Policies.CaseWrite;

    public sealed record Request(string Text, DataGroup Group);

    public static async Task<Results<Created<NoteView>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var c = await db.Held<Case>().Where(x => x.Id == id).Select(x => new { x.Id, x.OrganisationId, x.PersonId }).SingleOrDefaultAsync(ct);
        if (c is null) return Problems.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > CaseNote.MaxLength) errors["text"] = ["Write the note in at most 8000 characters."];
        if (!Enum.IsDefined(request.Group)) errors["group"] = ["Choose the group of data the note belongs to."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var note = new CaseNote
        {
            CaseId = c.Id, PersonId = c.PersonId, OrganisationId = c.OrganisationId, Group = request.Group, Text = request.Text.Trim(),
            WrittenAt = clock.GetUtcNow().UtcDateTime, WrittenBy = user.UserId!.Value, WrittenByName = await CaseFileLookups.NameOfAsync(db, user, ct),
        };
        db.Add(note);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/cases/{id}/timeline", NoteView.From(note));
    }
}

public sealed record NoteView(Guid Id, Guid CaseId, DataGroup Group, string Text, DateTime WrittenAt, string WrittenBy)
{
    public static NoteView From(CaseNote n) => new(n.Id, n.CaseId!.Value, n.Group, n.Text, n.WrittenAt, n.WrittenByName);
}

/// <summary>What the case file's use cases share.</summary>
internal static class CaseFileLookups
{
    public static async Task<string> NameOfAsync(SigurDb db, CurrentUser user, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == user.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? "";
}
