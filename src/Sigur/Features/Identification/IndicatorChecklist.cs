using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;

namespace Sigur.Features.Identification;

/// <summary>
/// An indicator checklist, kept as data: one JSON file per checklist in Checklists/ (shipped, version 1), and every
/// version an administrator publishes after that in the database (<see cref="ChecklistVersion"/>). Indicators are grouped
/// as in the ILO/European Commission operational indicators: six dimensions, each indicator strong, medium or weak.
/// Titles and indicator texts carry their own translations (every interface language).
/// </summary>
public sealed record IndicatorChecklist(
    string Id, int Version, ChecklistAudience Audience, IReadOnlyList<string> Forms, IReadOnlyDictionary<string, string> Title, string Source,
    IReadOnlyList<Indicator> Indicators)
{
    public string TitleIn(string culture) => Translations.Pick(Title, culture);
}

public sealed record Indicator(string Code, IndicatorDimension Dimension, IndicatorStrength Strength, IReadOnlyDictionary<string, string> Text)
{
    public string TextIn(string culture) => Translations.Pick(Text, culture);
}

public enum ChecklistAudience { Adult, Child }

/// <summary>The six dimensions of the ILO/EC operational indicators.</summary>
public enum IndicatorDimension
{
    DeceptiveRecruitment, CoerciveRecruitment, RecruitmentByAbuseOfVulnerability, ExploitativeConditions, CoercionAtDestination,
    AbuseOfVulnerabilityAtDestination,
}

public enum IndicatorStrength { Strong, Medium, Weak }

/// <summary>A published version of a checklist after the shipped one. Versions are only ever added.</summary>
public sealed class ChecklistVersion
{
    public required string ChecklistId { get; set; }
    public int Version { get; set; }
    public required string Json { get; set; }
    public DateTime PublishedAt { get; set; }
    public Guid? PublishedBy { get; set; }
}

internal static class Translations
{
    /// <summary>
    /// The text in the culture, else in its parent of the same script (a checklist published without Montenegrin reads
    /// sr-Cyrl-ME in sr-Cyrl), else Serbian Latin for any Serbian, else English.
    /// </summary>
    public static string Pick(IReadOnlyDictionary<string, string> texts, string culture)
    {
        for (var c = System.Globalization.CultureInfo.GetCultureInfo(culture); c.Name.Length > 0; c = c.Parent)
            if (texts.TryGetValue(c.Name, out var t)) return t;
        return culture.StartsWith("sr", StringComparison.Ordinal) && texts.TryGetValue("sr-Latn", out var sr) ? sr
            : texts.TryGetValue("en", out var en) ? en
            : texts.Values.FirstOrDefault() ?? "";
    }
}

/// <summary>The shipped checklists (embedded from Checklists/*.json) and the published versions in the database.</summary>
public static class ChecklistLibrary
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly Lazy<IReadOnlyDictionary<string, IndicatorChecklist>> ShippedLazy = new(LoadShipped);

    public static IReadOnlyDictionary<string, IndicatorChecklist> Shipped => ShippedLazy.Value;

    private static IReadOnlyDictionary<string, IndicatorChecklist> LoadShipped()
    {
        var assembly = typeof(ChecklistLibrary).Assembly;
        var result = new Dictionary<string, IndicatorChecklist>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Sigur.Checklists.", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var checklist = JsonSerializer.Deserialize<IndicatorChecklist>(stream, Json)
                ?? throw new InvalidDataException($"Checklist resource {name} is empty.");
            var errors = Validate(checklist);
            if (errors.Count > 0) throw new InvalidDataException($"Checklist {name}: {string.Join("; ", errors.SelectMany(e => e.Value))}");
            result[checklist.Id] = checklist;
        }
        return result;
    }

    /// <summary>The newest version of every checklist.</summary>
    public static async Task<IReadOnlyList<IndicatorChecklist>> CurrentAsync(SigurDb db, CancellationToken ct)
    {
        var latest = await db.ChecklistVersions().AsNoTracking()
            .GroupBy(v => v.ChecklistId).Select(g => g.OrderByDescending(v => v.Version).First().Json).ToListAsync(ct);
        var published = latest.Select(Parse).ToDictionary(c => c.Id);
        return [.. Shipped.Values.Select(s => published.GetValueOrDefault(s.Id) ?? s)
            .Concat(published.Values.Where(p => !Shipped.ContainsKey(p.Id))).OrderBy(c => c.Audience).ThenBy(c => c.Id)];
    }

    /// <summary>A checklist at a version (null: the newest), or null when there is none.</summary>
    public static async Task<IndicatorChecklist?> FindAsync(SigurDb db, string id, int? version, CancellationToken ct)
    {
        var query = db.ChecklistVersions().AsNoTracking().Where(v => v.ChecklistId == id);
        if (version is { } wanted)
        {
            if (Shipped.TryGetValue(id, out var shipped) && shipped.Version == wanted) return shipped;
            var json = await query.Where(v => v.Version == wanted).Select(v => v.Json).SingleOrDefaultAsync(ct);
            return json is null ? null : Parse(json);
        }
        var newest = await query.OrderByDescending(v => v.Version).Select(v => v.Json).FirstOrDefaultAsync(ct);
        return newest is not null ? Parse(newest) : Shipped.GetValueOrDefault(id);
    }

    public static IndicatorChecklist Parse(string json) => JsonSerializer.Deserialize<IndicatorChecklist>(json, Json)!;

    public static Dictionary<string, string[]> Validate(IndicatorChecklist c)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];
        if (string.IsNullOrWhiteSpace(c.Id) || c.Id.Length > 60 || !c.Id.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '-'))
            Fail("id", "Use lower-case letters, digits and hyphens (at most 60).");
        if (c.Version < 1) Fail("version", "Versions start at 1.");
        if (!Enum.IsDefined(c.Audience)) Fail("audience", "Adult or Child.");
        if (c.Forms is null || c.Forms.Any(f => !CodeLists.FormsOfExploitation.Contains(f))) Fail("forms", "Use the codes of the forms-of-exploitation list (empty: every form).");
        if (c.Title is null || !c.Title.ContainsKey("en")) Fail("title", "A title in English (en) at least.");
        if (c.Indicators is null || c.Indicators.Count == 0) Fail("indicators", "At least one indicator.");
        else
        {
            if (c.Indicators.Select(i => i.Code).Distinct(StringComparer.Ordinal).Count() != c.Indicators.Count) Fail("indicators", "Indicator codes must be unique.");
            if (c.Indicators.Any(i => string.IsNullOrWhiteSpace(i.Code) || i.Code.Length > 20)) Fail("indicators.code", "Every indicator needs a code of at most 20 characters.");
            if (c.Indicators.Any(i => !Enum.IsDefined(i.Dimension) || !Enum.IsDefined(i.Strength))) Fail("indicators.dimension", "Unknown dimension or strength.");
            if (c.Indicators.Any(i => i.Text is null || !i.Text.ContainsKey("en"))) Fail("indicators.text", "Every indicator needs a text in English (en) at least.");
        }
        return errors;
    }
}

/// <summary>What a screening shows: counts by dimension and strength, and which elements have any indicator. It never decides.</summary>
public sealed record ScreeningSummary(
    int Observed, int OfIndicators, IReadOnlyList<ScreeningSummary.DimensionCount> Dimensions,
    bool RecruitmentIndicators, bool ExploitationIndicators, bool CoercionIndicators, string Note)
{
    public sealed record DimensionCount(IndicatorDimension Dimension, int Strong, int Medium, int Weak);

    public const string NotADecision = "Indicators support the decision of the competent body; a screening never decides.";

    public static ScreeningSummary Of(IndicatorChecklist checklist, IReadOnlyCollection<string> observed)
    {
        var seen = checklist.Indicators.Where(i => observed.Contains(i.Code)).ToList();
        var dims = Enum.GetValues<IndicatorDimension>()
            .Select(d => new DimensionCount(d,
                seen.Count(i => i.Dimension == d && i.Strength == IndicatorStrength.Strong),
                seen.Count(i => i.Dimension == d && i.Strength == IndicatorStrength.Medium),
                seen.Count(i => i.Dimension == d && i.Strength == IndicatorStrength.Weak)))
            .ToList();
        bool Any(params IndicatorDimension[] ds) => seen.Any(i => ds.Contains(i.Dimension));
        return new ScreeningSummary(seen.Count, checklist.Indicators.Count, dims,
            Any(IndicatorDimension.DeceptiveRecruitment, IndicatorDimension.CoerciveRecruitment, IndicatorDimension.RecruitmentByAbuseOfVulnerability),
            Any(IndicatorDimension.ExploitativeConditions),
            Any(IndicatorDimension.CoercionAtDestination, IndicatorDimension.AbuseOfVulnerabilityAtDestination),
            NotADecision);
    }
}
