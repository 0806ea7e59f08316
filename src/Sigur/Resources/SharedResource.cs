namespace Sigur;

/// <summary>
/// The one string table every page localises through: Resources/SharedResource.resx (English) and its
/// mk, sr-Cyrl, sr-Latn and sq translations. It sits in the root namespace because the localiser looks for
/// "{RootNamespace}.{ResourcesPath}.{type name without the root namespace}", which is where the resx files land.
/// </summary>
public sealed class SharedResource
{
}
