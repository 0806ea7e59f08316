using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;

namespace Sigur.Data;

/// <summary>
/// The one EF Core context. Three platform rules live here so that no feature can forget them:
/// need-to-know (query filters on every organisation-owned record), encryption of [Sensitive] fields, and the audit
/// of every change in the same transaction as the change. Provider-specific subclasses (SqliteSigurDb,
/// PostgresSigurDb) exist only to carry their own migrations.
/// </summary>
public abstract partial class SigurDb : IdentityUserContext<SigurUser, Guid>, IDataProtectionKeyContext
{
    // Contexts are pooled (building one per request cost more than the case search itself), so the request's user
    // and scope are not constructor arguments: a context is bound to them each time it is rented (see Bind) and
    // unbound when it goes back. An unbound context fails on its first query instead of guessing whose it is.
    private FieldProtection? _protection;
    private CurrentUser? _user;
    private AccessScopeHolder? _scope;
    private TimeProvider? _clock;
    private readonly List<AuditEntry> _pendingAudit = [];
    private IReadOnlyList<ISaveParticipant> _participants = [];
    // Since the last commit: what to do once the transaction holding these saves commits (see CommittedAsync).
    private readonly List<Func<CancellationToken, Task>> _afterCommit = [];
    private bool _saving; // inside base.SaveChanges, whose own transaction's commit is not yet the end of the save

    protected SigurDb(DbContextOptions options) : base(options) { }

    /// <summary>Binds a (rented) context to the request's user and access scope; every SigurDb is bound before use.</summary>
    public SigurDb Bind(FieldProtection protection, CurrentUser user, AccessScopeHolder scope, TimeProvider clock, IEnumerable<ISaveParticipant>? participants = null)
    {
        _protection = protection;
        _user = user;
        _scope = scope;
        _clock = clock;
        _participants = [.. participants ?? []];
        _pendingAudit.Clear();
        _afterCommit.Clear();
        return this;
    }

    /// <summary>Binds to the scope's own services: how the service provider hands out a SigurDb.</summary>
    public SigurDb Bind(IServiceProvider services) => Bind(services.GetRequiredService<FieldProtection>(),
        services.GetRequiredService<CurrentUser>(), services.GetRequiredService<AccessScopeHolder>(), services.GetRequiredService<TimeProvider>(),
        services.GetServices<ISaveParticipant>());

    public override void Dispose()
    {
        Unbind();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Unbind();
        return base.DisposeAsync();
    }

    private void Unbind()
    {
        _afterCommit.Clear();
        _participants = [];
        _user = null;
        _scope = null;
        _pendingAudit.Clear();
    }

    private static InvalidOperationException Unbound() => new("A SigurDb was used without being bound to a user (SigurDb.Bind).");

    public abstract bool IsPostgres { get; }
    internal FieldProtection Protection => _protection ?? throw Unbound();

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<BreakGlassGrant> BreakGlassGrants => Set<BreakGlassGrant>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<CaseReferenceCounter> CaseReferenceCounters => Set<CaseReferenceCounter>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<FieldKey> FieldKeys => Set<FieldKey>();

    // Read by the query filters at query time, so they follow the request's user.
    private Guid? ScopeOrganisationId => User.IsSystem ? null : User.OrganisationId ?? Guid.Empty;
    private bool ScopeIsSystem => User.IsSystem;
    private IReadOnlyList<Guid> ScopeCaseIds => Scope.CaseIds;
    private IReadOnlyList<Guid> ScopePersonIds => Scope.PersonIds;
    private IReadOnlyList<Guid> ScopeReferredCaseIds => Scope.ReferredCaseIds;
    private IReadOnlyList<Guid> ScopeReferredPersonIds => Scope.ReferredPersonIds;
    private IReadOnlyList<Guid> ScopeReferredNamedPersonIds => Scope.ReferredNamedPersonIds;
    private IReadOnlyList<Guid> ScopeReferredNamedCaseIds => Scope.ReferredNamedCaseIds;
    // One list per consent data group (a query filter cannot look a group up by a column's value).
    private IReadOnlyList<Guid> ScopeReferredIdentityCaseIds => Scope.ReferredCaseIdsCovering(DataGroup.Identity);
    private IReadOnlyList<Guid> ScopeReferredHealthCaseIds => Scope.ReferredCaseIdsCovering(DataGroup.Health);
    private IReadOnlyList<Guid> ScopeReferredExploitationCaseIds => Scope.ReferredCaseIdsCovering(DataGroup.Exploitation);
    private IReadOnlyList<Guid> ScopeReferredLocationCaseIds => Scope.ReferredCaseIdsCovering(DataGroup.Location);
    private IReadOnlyList<Guid> ScopeReferredProceedingsCaseIds => Scope.ReferredCaseIdsCovering(DataGroup.CriminalProceedings);
    private IReadOnlyList<Guid> ScopeReferredIdentityPersonIds => Scope.ReferredPersonIdsCovering(DataGroup.Identity);
    private IReadOnlyList<Guid> ScopeReferredHealthPersonIds => Scope.ReferredPersonIdsCovering(DataGroup.Health);
    private IReadOnlyList<Guid> ScopeReferredExploitationPersonIds => Scope.ReferredPersonIdsCovering(DataGroup.Exploitation);
    private IReadOnlyList<Guid> ScopeReferredLocationPersonIds => Scope.ReferredPersonIdsCovering(DataGroup.Location);
    private IReadOnlyList<Guid> ScopeReferredProceedingsPersonIds => Scope.ReferredPersonIdsCovering(DataGroup.CriminalProceedings);

    internal CurrentUser User => _user ?? throw Unbound();
    internal AccessScope Scope => (_scope ?? throw Unbound()).Scope;
    private TimeProvider Clock => _clock ?? throw Unbound();
    internal DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<Organisation>(e =>
        {
            e.Property(o => o.Name).HasMaxLength(200);
            e.Property(o => o.Region).HasMaxLength(100);
            e.Property(o => o.Country).HasMaxLength(2);
        });
        b.Entity<SigurUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.Property(u => u.Culture).HasMaxLength(10);
            // Written only by the conditional update that accepts a code (AuthenticatorCodes): Identity's store
            // writes every property of the user it loaded, and would put back a step older than one just accepted.
            e.Property(u => u.LastTotpStep).Metadata.SetAfterSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
            e.HasIndex(u => u.OrganisationId);
        });

        b.Entity<CaseReferenceCounter>(e => e.HasKey(c => c.Year));
        b.Entity<BreakGlassGrant>(e =>
        {
            e.HasIndex(g => new { g.UserId, g.ExpiresAt });
        });
        b.Entity<AuditEntry>(e =>
        {
            e.HasKey(a => a.Sequence);
            e.Property(a => a.Sequence).ValueGeneratedNever();
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.UserId, a.At });
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.Role).HasMaxLength(40);
            e.Property(a => a.RecordType).HasMaxLength(40);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.Property(a => a.PreviousHash).HasMaxLength(64);
        });
        b.Entity<AuditChainHead>(e =>
        {
            e.HasKey(h => h.Id);
            e.Property(h => h.Id).ValueGeneratedNever();
            // The chain's head exists from the first migration on: appenders only ever lock and move it. Created on
            // first use instead, two parallel first appends both inserted it and one failed.
            e.HasData(new AuditChainHead());
        });

        Platform.Notifications.NotificationModel.Configure(this, b);
        Platform.Access.SignInSession.Configure(b);
        ConfigureFeatures(b); // Features/FeatureModels.cs: each feature's own tables and filters

        ApplyPlatformConventions(b);
    }

    /// <summary>Gives a case-owned entity the same need-to-know filter as <see cref="Case"/>.</summary>
    public void ScopeToCase<T>(ModelBuilder b) where T : class, ICaseOwned =>
        b.Entity<T>().HasQueryFilter(x => ScopeIsSystem || x.OrganisationId == ScopeOrganisationId || ScopeCaseIds.Contains(x.CaseId));

    /// <summary>Gives an organisation-owned entity that hangs on no case (a hotline contact, a notification) the organisation filter.</summary>
    public void ScopeToOrganisation<T>(ModelBuilder b) where T : class, IOrganisationOwned =>
        b.Entity<T>().HasQueryFilter(x => ScopeIsSystem || x.OrganisationId == ScopeOrganisationId);

    /// <summary>
    /// A record of one consent data group (<see cref="IInDataGroup"/>): seen by the organisations that hold it, by a
    /// break-glass reader of its case (or, with no case, its person), and by an organisation its case or person is
    /// referred to while a consent in force covers the record's group. Whole or not at all: nothing is blanked.
    /// </summary>
    public void ScopeToDataGroup<T>(ModelBuilder b) where T : class, IInDataGroup =>
        b.Entity<T>().HasQueryFilter(x => ScopeIsSystem || x.OrganisationId == ScopeOrganisationId || x.SharedWithOrganisationId == ScopeOrganisationId
            || (x.CaseId != null
                ? ScopeCaseIds.Contains(x.CaseId.Value)
                  || (x.Group == DataGroup.Identity && ScopeReferredIdentityCaseIds.Contains(x.CaseId.Value))
                  || (x.Group == DataGroup.Health && ScopeReferredHealthCaseIds.Contains(x.CaseId.Value))
                  || (x.Group == DataGroup.Exploitation && ScopeReferredExploitationCaseIds.Contains(x.CaseId.Value))
                  || (x.Group == DataGroup.Location && ScopeReferredLocationCaseIds.Contains(x.CaseId.Value))
                  || (x.Group == DataGroup.CriminalProceedings && ScopeReferredProceedingsCaseIds.Contains(x.CaseId.Value))
                : ScopePersonIds.Contains(x.PersonId)
                  || (x.Group == DataGroup.Identity && ScopeReferredIdentityPersonIds.Contains(x.PersonId))
                  || (x.Group == DataGroup.Health && ScopeReferredHealthPersonIds.Contains(x.PersonId))
                  || (x.Group == DataGroup.Exploitation && ScopeReferredExploitationPersonIds.Contains(x.PersonId))
                  || (x.Group == DataGroup.Location && ScopeReferredLocationPersonIds.Contains(x.PersonId))
                  || (x.Group == DataGroup.CriminalProceedings && ScopeReferredProceedingsPersonIds.Contains(x.PersonId))));

    /// <summary>
    /// For a record shared by two organisations (a referral: sender and recipient; a disbursement: requester and
    /// fund): visible to both, to nobody else. <paramref name="counterpart"/> names the second organisation, which
    /// may also change the record's own state (accept a referral, decide a disbursement: see <see cref="WriteRule"/>).
    /// </summary>
    public void ScopeToOrganisations<T>(ModelBuilder b, Expression<Func<T, Guid>> counterpart) where T : class, IOrganisationOwned
    {
        Expression<Func<T, Guid, bool>> template = (x, other) => ScopeIsSystem || x.OrganisationId == ScopeOrganisationId || other == ScopeOrganisationId;
        var entity = template.Parameters[0];
        var other = ReplacingExpressionVisitor.Replace(counterpart.Parameters[0], entity, counterpart.Body);
        b.Entity<T>().HasQueryFilter(Expression.Lambda<Func<T, bool>>(ReplacingExpressionVisitor.Replace(template.Parameters[1], other, template.Body), entity))
            .ChangedAlsoByCounterpart(((MemberExpression)counterpart.Body).Member.Name);
    }

    /// <summary>
    /// Conventions every entity gets: snake_case names (so raw SQL reads the same on both providers), string enums,
    /// concurrency tokens on versioned aggregates, and encryption of [Sensitive] properties.
    /// </summary>
    private void ApplyPlatformConventions(ModelBuilder b)
    {
        // The model outlives this (pooled) context, so its converters hold the protector, not the context.
        var protection = Protection;
        var converter = new ValueConverter<string, string>(v => protection.Protect(v), v => protection.Unprotect(v));
        var bytesConverter = new ValueConverter<byte[], byte[]>(v => protection.ProtectBytes(v), v => protection.UnprotectBytes(v));
        foreach (var entity in b.Model.GetEntityTypes())
        {
            entity.SetTableName(SnakeCase(entity.GetTableName()!));
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
                var clr = property.PropertyInfo;
                if (clr is null) continue;
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (type.IsEnum)
                {
                    property.SetProviderClrType(typeof(string));
                    property.SetMaxLength(40);
                }
                if (clr.GetCustomAttribute<SensitiveAttribute>() is not null)
                    property.SetValueConverter(type == typeof(byte[]) ? bytesConverter : converter);
                if (clr.Name == nameof(IVersioned.Version) && typeof(IVersioned).IsAssignableFrom(entity.ClrType))
                    property.IsConcurrencyToken = true;
            }
            // Identity's tokens hold authenticator keys and recovery codes: encrypted like any sensitive field.
            if (entity.ClrType == typeof(IdentityUserToken<Guid>))
                entity.FindProperty(nameof(IdentityUserToken<Guid>.Value))!.SetValueConverter(converter);
            foreach (var key in entity.GetKeys()) key.SetName(SnakeCase(key.GetName()!));
            foreach (var fk in entity.GetForeignKeys()) fk.SetConstraintName(SnakeCase(fk.GetConstraintName()!));
            foreach (var index in entity.GetIndexes()) index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!));
        }
    }

    private static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])))) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Queues an audit row to be written with the next SaveChanges, in its transaction.</summary>
    public void AuditWithNextSave(AuditEntry entry) => _pendingAudit.Add(entry);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        ChangeTracker.DetectChanges();
        WriteRule.Check(ChangeTracker, User, Scope);
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified) entry.Entity.Version++;
        }
        _pendingAudit.AddRange(ChangeAudit(now));
        var inTransaction = new List<Func<SigurDb, CancellationToken, Task>>();
        foreach (var participant in _participants)
        {
            if (participant.Prepare(ChangeTracker) is not { } work) continue;
            if (work.InTransaction is { } write) inTransaction.Add(write);
            if (work.AfterCommit is { } after) AfterCommit(_ => { after(); return Task.CompletedTask; });
        }
        if (_pendingAudit.Count == 0 && inTransaction.Count == 0)
        {
            var saved = await BaseSaveAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (Database.CurrentTransaction is null) await CommittedAsync(cancellationToken);
            return saved;
        }

        var entries = _pendingAudit.ToList();
        _pendingAudit.Clear();
        if (Database.CurrentTransaction is not null)
        {
            await AuditChain.AppendAsync(this, entries, cancellationToken);
            foreach (var write in inTransaction) await write(this, cancellationToken);
            return await BaseSaveAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        await using var tx = await Database.BeginTransactionAsync(cancellationToken);
        await AuditChain.AppendAsync(this, entries, cancellationToken);
        foreach (var write in inTransaction) await write(this, cancellationToken);
        var written = await BaseSaveAsync(acceptAllChangesOnSuccess, cancellationToken);
        await tx.CommitAsync(cancellationToken); // CommitInterceptor runs what waits for the commit
        return written;
    }

    private async Task<int> BaseSaveAsync(bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        _saving = true;
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
        }
        finally
        {
            _saving = false;
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> once the transaction holding the next save has committed (at once after a save
    /// in no transaction of the caller's): e-mail for notifications, dropping a cache. Never on a rollback.
    /// </summary>
    public void AfterCommit(Func<CancellationToken, Task> action) => _afterCommit.Add(action);

    /// <summary>A transaction of this context committed (CommitInterceptor), or a save outside any transaction ended.</summary>
    internal async Task CommittedAsync(CancellationToken ct)
    {
        // A save in no transaction commits EF's own transaction inside base.SaveChanges: its end is the commit.
        if (_saving || _afterCommit.Count == 0) return;
        var actions = _afterCommit.ToList();
        _afterCommit.Clear();
        foreach (var action in actions) await action(ct);
    }

    /// <summary>One audit row per created, changed or deleted record of an audited type: which field groups, never the values.</summary>
    private IEnumerable<AuditEntry> ChangeAudit(DateTime now)
    {
        if (User.IsSystem && !User.IsAuthenticated) yield break; // system jobs (seeding, key rotation) audit themselves
        foreach (var entry in ChangeTracker.Entries().Where(e => e.Entity is IOrganisationOwned or Organisation or SigurUser))
        {
            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Create.Text(),
                EntityState.Modified => AuditAction.Update.Text(),
                EntityState.Deleted => AuditAction.Delete.Text(),
                _ => null,
            };
            if (action is null) continue;
            var groups = entry.State == EntityState.Modified
                ? entry.Properties.Where(p => p.IsModified).Select(FieldGroupOf).Where(g => g is not null).Distinct().Order().ToArray()
                : [];
            if (entry.State == EntityState.Modified && groups.Length == 0) continue;
            yield return new AuditEntry
            {
                At = now,
                UserId = User.UserId,
                OrganisationId = User.OrganisationId,
                Role = User.Role?.ToString(),
                Action = action,
                RecordType = entry.Metadata.ClrType.Name,
                RecordIds = entry.Properties.First(p => p.Metadata.IsPrimaryKey()).CurrentValue?.ToString(),
                FieldGroups = groups.Length == 0 ? null : string.Join(' ', groups),
                Address = User.Address,
            };
        }
    }

    // Bookkeeping that Identity and the concurrency token change on their own; recording it would only hide real changes.
    private static readonly HashSet<string> IgnoredInAudit =
    [
        nameof(IVersioned.Version), nameof(SigurUser.AccessFailedCount), nameof(SigurUser.LockoutEnd),
        nameof(SigurUser.SecurityStamp), nameof(SigurUser.ConcurrencyStamp), nameof(SigurUser.Culture), nameof(SigurUser.LastTotpStep),
    ];

    private static string? FieldGroupOf(PropertyEntry p)
    {
        var info = p.Metadata.PropertyInfo;
        if (info is null || IgnoredInAudit.Contains(info.Name)) return null;
        return info.GetCustomAttribute<SensitiveAttribute>()?.FieldGroup
            ?? info.GetCustomAttribute<FieldGroupAttribute>()?.FieldGroup
            ?? "other";
    }
}

/// <summary>The per-request holder of the user's extra access (break-glass), filled after sign-in is resolved.</summary>
public sealed class AccessScopeHolder
{
    public AccessScope Scope { get; set; } = AccessScope.None;
}

/// <summary>Hands out case references year by year without gaps or duplicates under concurrency.</summary>
public sealed class CaseReferenceCounter
{
    public int Year { get; set; }
    public int Next { get; set; }
}
