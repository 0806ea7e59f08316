using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sigur.Platform.Access;

/// <summary>
/// The one write rule: an organisation-owned record is added, changed or deleted only by the organisation that holds
/// it, or by whom the model declares for that record type (the counterpart of a shared record, the keepers of a
/// directory, anyone addressing a notification). Reading is wider than writing: a referral recipient or a
/// break-glass user reads a case (and what hangs on it) and must never write it. SigurDb applies this rule to every
/// save, so no use case can forget it; a refusal is a <see cref="ReadOnlyAccessException"/> (answered 404).
/// The declarations are model annotations, set next to the record type's query filter.
/// </summary>
public static class WriteRule
{
    private const string CounterpartAnnotation = "Sigur:WriteCounterpart";
    private const string KeepersAnnotation = "Sigur:WriteKeepers";
    private const string AddressedAnnotation = "Sigur:AddedByAnyone";

    /// <summary>The organisation named by <paramref name="property"/> changes the record's own state (a referral's recipient, a disbursement's fund); it never adds or deletes one.</summary>
    public static EntityTypeBuilder<T> ChangedAlsoByCounterpart<T>(this EntityTypeBuilder<T> e, string property) where T : class, IOrganisationOwned =>
        e.HasAnnotation(CounterpartAnnotation, property);

    /// <summary>Users of these roles keep every organisation's records of this type (an administrator the service directory).</summary>
    public static EntityTypeBuilder<T> KeptAlsoBy<T>(this EntityTypeBuilder<T> e, params Role[] roles) where T : class, IOrganisationOwned =>
        e.HasAnnotation(KeepersAnnotation, string.Join(' ', roles.Order()));

    /// <summary>Anyone may add a record addressed to an organisation (a notification); only that organisation changes or deletes it.</summary>
    public static EntityTypeBuilder<T> AddedByAnyone<T>(this EntityTypeBuilder<T> e) where T : class, IOrganisationOwned =>
        e.HasAnnotation(AddressedAnnotation, true);

    /// <summary>
    /// Throws <see cref="ReadOnlyAccessException"/> when the tracked changes write a record the user may not write,
    /// or write anything about a case the user reads by break-glass (a request of one's own organisation on such a
    /// case is a write through break-glass too: break-glass is read-only everywhere).
    /// </summary>
    public static void Check(ChangeTracker tracker, CurrentUser user, AccessScope scope)
    {
        if (user.IsSystem || !user.IsAuthenticated) return;
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.Entity is IOrganisationOwned && !MayWrite(entry, user)) throw new ReadOnlyAccessException();
            if (scope.CaseIds.Count > 0 && entry.Entity is not BreakGlassGrant && entry.Metadata.FindProperty(nameof(ICaseOwned.CaseId)) is { } caseId
                && entry.Property(caseId.Name).CurrentValue is Guid id && scope.CaseIds.Contains(id))
                throw new ReadOnlyAccessException();
        }
    }

    private static bool MayWrite(EntityEntry entry, CurrentUser user)
    {
        var me = user.OrganisationId;
        if (me is null) return false;
        var type = entry.Metadata;
        var holder = entry.Property(nameof(IOrganisationOwned.OrganisationId));
        var holderNow = (Guid)holder.CurrentValue!;
        // A change may not move a record between organisations either: the holder before and after must both be allowed.
        var holderBefore = entry.State == EntityState.Added ? holderNow : (Guid)holder.OriginalValue!;
        if (holderNow == me && holderBefore == me) return true;
        if (type.FindAnnotation(KeepersAnnotation)?.Value is string keepers && user.Role is { } role
            && keepers.Split(' ').Contains(role.ToString())) return true;
        if (entry.State == EntityState.Added && type.FindAnnotation(AddressedAnnotation) is not null) return true;
        return entry.State == EntityState.Modified && holderNow == holderBefore
            && type.FindAnnotation(CounterpartAnnotation)?.Value is string counterpart
            && entry.Property(counterpart) is { } other && other.OriginalValue is Guid before && before == me
            && other.CurrentValue is Guid after && after == me;
    }
}
