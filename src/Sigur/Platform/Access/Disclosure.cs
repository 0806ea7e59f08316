using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Sigur.Data;

namespace Sigur.Platform.Access;

/// <summary>
/// The groups of data a consent names (PRODUCT.md §2). Each field group of the model belongs to at most one;
/// fields in no group (sex, age, languages, case status, reference) are the minimum a referral carries.
/// </summary>
public enum DataGroup { Identity, Health, Exploitation, Location, CriminalProceedings }

/// <summary>
/// Data minimisation for records seen through a referral: every Case and Person entity materialised for a user of
/// another organisation who sees it only through a referral has the fields of the data groups the consent does not
/// cover blanked, right where EF builds the object, so a use case that loads entities cannot forget it. A query that
/// projects columns instead of entities (SearchCases, for speed) bypasses EF's materialiser and must call
/// <see cref="Minimise"/> on what it builds from them.
/// </summary>
public static class Disclosure
{
    public const string CriminalProceedingsFieldGroup = "criminal-proceedings";

    /// <summary>The consent data group of a field group, or null for the minimum every referral carries.</summary>
    public static DataGroup? GroupOf(string fieldGroup) => fieldGroup switch
    {
        FieldGroups.Identity or FieldGroups.DateOfBirth or FieldGroups.Documents => DataGroup.Identity,
        FieldGroups.Contact or FieldGroups.Location => DataGroup.Location,
        FieldGroups.Narrative or FieldGroups.Exploitation => DataGroup.Exploitation,
        FieldGroups.Health => DataGroup.Health,
        CriminalProceedingsFieldGroup => DataGroup.CriminalProceedings,
        _ => null,
    };

    /// <summary>The groups the current user may see of a case, or null for all of them (own organisation, break-glass, system).</summary>
    public static IReadOnlySet<DataGroup>? AllowedForCase(SigurDb db, Guid caseId, Guid holdingOrganisationId)
    {
        var user = db.User;
        if (user.IsSystem || !user.IsAuthenticated || holdingOrganisationId == user.OrganisationId) return null;
        return db.Scope.GroupsForCase(caseId);
    }

    /// <summary>Of the field groups a use case would show, those the current user actually sees: for the audit.</summary>
    public static string[] Shown(SigurDb db, Guid caseId, Guid holdingOrganisationId, params string[] fieldGroups)
    {
        var allowed = AllowedForCase(db, caseId, holdingOrganisationId);
        return allowed is null ? fieldGroups : [.. fieldGroups.Where(g => GroupOf(g) is not { } group || allowed.Contains(group))];
    }

    /// <summary>Blanks what the current user may not see of a record built from projected columns (a case, a person); needs Id and OrganisationId set.</summary>
    public static void Minimise(SigurDb db, object entity) => Apply(db, entity);

    internal static void Apply(SigurDb db, object entity)
    {
        var user = db.User;
        if (user.IsSystem || !user.IsAuthenticated) return;
        if (entity is not IDisclosedInPart record || record.OrganisationId == user.OrganisationId) return;
        if (record.GroupsGranted(db.Scope) is not { } allowed) return;
        if (entity is IWithholdingAware aware) aware.BeforeWithholding(allowed, db.Today);
        Withhold(entity, allowed);
    }

    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, DataGroup Group)[]> Grouped = new();

    public static void Withhold(object entity, IReadOnlySet<DataGroup> allowed)
    {
        var properties = Grouped.GetOrAdd(entity.GetType(), type => [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => (Property: p, FieldGroup: p.GetCustomAttribute<SensitiveAttribute>()?.FieldGroup ?? p.GetCustomAttribute<FieldGroupAttribute>()?.FieldGroup))
            .Where(p => p.FieldGroup is not null && GroupOf(p.FieldGroup) is not null)
            .Select(p => (p.Property, GroupOf(p.FieldGroup!)!.Value))]);
        foreach (var (property, group) in properties)
        {
            if (allowed.Contains(group)) continue;
            property.SetValue(entity, EmptyOf(property.PropertyType));
        }
    }

    private static object? EmptyOf(Type type) =>
        type == typeof(string) ? ""
        : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? Activator.CreateInstance(type)
        : type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type)
        : null;
}

/// <summary>
/// A record a referral shows only in part (a case, a person): another organisation sees the data groups its scope
/// grants on it, or everything (null) where it reads the record in full (break-glass).
/// </summary>
public interface IDisclosedInPart : IOrganisationOwned
{
    IReadOnlySet<DataGroup>? GroupsGranted(AccessScope scope);
}

/// <summary>An entity that must keep something derived from a field before the field is withheld (a person's age from the birth date).</summary>
public interface IWithholdingAware
{
    void BeforeWithholding(IReadOnlySet<DataGroup> allowed, DateOnly today);
}

/// <summary>Runs <see cref="Disclosure"/> on every entity EF materialises.</summary>
internal sealed class DisclosureInterceptor : IMaterializationInterceptor
{
    public static readonly DisclosureInterceptor Instance = new();

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (materializationData.Context is SigurDb db) Disclosure.Apply(db, entity);
        return entity;
    }
}

/// <summary>A write to a case or person by a user who only reads it (through a referral or break-glass): answered 404.</summary>
public sealed class ReadOnlyAccessException() : InvalidOperationException("The record is readable here, not writable.");
