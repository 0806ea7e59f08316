namespace Sigur.Platform;

/// <summary>
/// A record that hangs on a case (a screening, a decision, a referral, a proceeding…). It carries the case's
/// organisation so that SigurDb can filter it exactly like the case: call <c>ScopeToCase&lt;T&gt;(modelBuilder)</c>
/// from the feature's model configuration.
/// </summary>
public interface ICaseOwned : IOrganisationOwned
{
    Guid CaseId { get; }
}
