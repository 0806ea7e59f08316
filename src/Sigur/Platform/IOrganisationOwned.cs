namespace Sigur.Platform;

/// <summary>A record that belongs to one organisation; SigurDb filters it to the organisations allowed to see it.</summary>
public interface IOrganisationOwned
{
    Guid OrganisationId { get; }
}
