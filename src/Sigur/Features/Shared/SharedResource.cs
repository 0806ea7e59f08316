// The assembly is called "sigur" but its resources are named after the root namespace "Sigur"; the localiser
// takes its prefix from this attribute, and without it would look under the assembly name.
[assembly: Microsoft.Extensions.Localization.RootNamespace("Sigur")]

namespace Sigur;

/// <summary>
/// The one string table every page localises through: Resources/SharedResource.resx (English) and its
/// mk, sr-Cyrl, sr-Latn and sq translations. It sits in the root namespace because the localiser looks for
/// "{RootNamespace}.{ResourcesPath}.{type name without the root namespace}", which is where the resx files land.
/// It is kept out of Resources/ on purpose: a class beside SharedResource.resx would give the resx its own manifest name.
/// </summary>
public sealed class SharedResource
{
}
