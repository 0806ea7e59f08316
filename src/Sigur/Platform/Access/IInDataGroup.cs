namespace Sigur.Platform.Access;

/// <summary>
/// A record that belongs, as a whole, to one consent data group and hangs on a case or, with no case, on a person (a
/// journal note, a document). Unlike a case, which a referral shows in part, such a record is shown whole or not at
/// all: to an organisation the case (or the person's case) is referred to only while the consent covers its group.
/// SigurDb filters it so (<see cref="Data.SigurDb.ScopeToDataGroup{T}"/>).
/// </summary>
public interface IInDataGroup : IOrganisationOwned
{
    DataGroup Group { get; }
    Guid? CaseId { get; }
    Guid PersonId { get; }
    /// <summary>A second organisation that holds the record with the first (the fund of a disbursement, for its receipt).</summary>
    Guid? SharedWithOrganisationId { get; }
}
