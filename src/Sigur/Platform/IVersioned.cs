namespace Sigur.Platform;

/// <summary>
/// A mutable aggregate with an optimistic concurrency token. SigurDb bumps <see cref="Version"/> on every save,
/// and a client that edits from a stale version gets 409.
/// </summary>
public interface IVersioned
{
    long Version { get; set; }
}
