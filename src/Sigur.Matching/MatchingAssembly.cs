namespace Sigur.Matching;
/// <summary>Marker for the assembly.</summary>
public static class MatchingAssembly { }
