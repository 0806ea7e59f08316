using Microsoft.EntityFrameworkCore;
using Sigur.Data;

namespace Sigur.Features.Justice;

/// <summary>
/// The proceeding's version guards everything recorded in it: a charge, a verdict or a claim added from a stale page
/// would be decided on facts the user did not see. Saving bumps the version in the same statement that checks it, so
/// of two requests made from the same version exactly one is written.
/// </summary>
internal static class ProceedingVersion
{
    /// <summary>Saves the pending changes with the proceeding's version checked and bumped; false (nothing written) when it moved on.</summary>
    public static async Task<bool> SaveAsync(SigurDb db, Proceeding p, long version, CancellationToken ct)
    {
        var entry = db.Entry(p).Property(x => x.Version);
        entry.OriginalValue = version;
        entry.IsModified = true; // the row is updated (and its version bumped) even when only a child is added
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
