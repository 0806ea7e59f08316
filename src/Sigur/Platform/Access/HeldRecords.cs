using Sigur.Data;

namespace Sigur.Platform.Access;

/// <summary>
/// "The records my organisation holds": the one query for what a user may change, narrower than what the query
/// filters let them read (a referred case, a break-glass case, a referral sent to them). Use it to find the record a
/// write acts on, so that a reader outside the holding organisation meets 404 before anything is changed; SigurDb's
/// <see cref="WriteRule"/> refuses the write in any case.
/// </summary>
public static class HeldRecords
{
    public static IQueryable<T> Held<T>(this SigurDb db) where T : class, IOrganisationOwned
    {
        var organisationId = db.User.OrganisationId ?? Guid.Empty;
        return db.Set<T>().Where(x => x.OrganisationId == organisationId);
    }
}
