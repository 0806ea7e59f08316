using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;

namespace Sigur.Features.Justice;

/// <summary>
/// The offence catalogues in force: the shipped files under Features/Justice/Catalogue (one per country and edition,
/// the baseline) overlaid by the revisions administrators saved in the database (<see cref="CatalogueRevision"/>).
/// A file that does not load is reported with its name and line, and the version loaded before stays in force.
/// The format is documented in docs/offence-catalogue.md.
/// </summary>
public sealed class OffenceCatalogue
{
    private readonly ILogger<OffenceCatalogue> _log;
    private readonly object _reloadLock = new();
    private Dictionary<string, CatalogueEdition> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, CatalogueDocument> _revisions = new();

    public OffenceCatalogue(JusticeSettings settings, ILogger<OffenceCatalogue> log)
    {
        _log = log;
        Directory = settings.CatalogueDirectory ?? Path.Combine(AppContext.BaseDirectory, "Features", "Justice", "Catalogue");
        Reload();
    }

    public string Directory { get; }

    /// <summary>What the last reload could not load (empty when every file loaded).</summary>
    public IReadOnlyList<CatalogueProblem> Problems { get; private set; } = [];

    /// <summary>The shipped editions, by file (revision 0).</summary>
    public IReadOnlyList<CatalogueEdition> Baseline
    {
        get { lock (_reloadLock) return [.. _files.Values]; }
    }

    /// <summary>Reads every file again. A file that fails keeps its previous version in force; its problems are returned.</summary>
    public IReadOnlyList<CatalogueProblem> Reload()
    {
        lock (_reloadLock)
        {
            var next = new Dictionary<string, CatalogueEdition>(_files, StringComparer.Ordinal);
            var problems = new List<CatalogueProblem>();
            var files = System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal).ToArray() : [];
            if (files.Length == 0) problems.Add(new(Directory, null, "No catalogue files (*.json) found."));
            foreach (var path in files)
            {
                var name = Path.GetFileName(path);
                var json = File.ReadAllText(path);
                var result = CatalogueParser.Parse(json, name);
                if (result.Document is { } doc && $"{doc.Country}-{doc.Edition}.json" != name)
                    result = new(null, [new(name, 1, $"The file of country {doc.Country}, edition {doc.Edition} must be named {doc.Country}-{doc.Edition}.json.")]);
                if (result.Document is null)
                {
                    problems.AddRange(result.Problems);
                    foreach (var p in result.Problems)
                        _log.LogError("Offence catalogue {File} line {Line}: {Problem}; the previous version stays in force", p.File, p.Line, p.Message);
                    continue;
                }
                next[name] = new CatalogueEdition(result.Document, 0, name, null, json);
            }
            foreach (var gone in next.Keys.Where(k => !files.Any(f => Path.GetFileName(f) == k)).ToList()) next.Remove(gone);
            _files = next;
            Problems = problems;
            return problems;
        }
    }

    /// <summary>Every edition with its newest revision: the file, or the latest saved edit of it.</summary>
    public async Task<IReadOnlyList<CatalogueEdition>> EffectiveAsync(SigurDb db, CancellationToken ct)
    {
        var heads = await db.Set<CatalogueRevision>().AsNoTracking()
            .Select(r => new { r.Id, r.Country, r.Edition, r.Revision, r.EditedAt }).ToListAsync(ct);
        var latest = heads.GroupBy(r => (r.Country, r.Edition)).Select(g => g.MaxBy(r => r.Revision)!).ToList();
        var editions = Baseline.ToDictionary(e => (e.Document.Country, e.Document.Edition));
        foreach (var head in latest)
        {
            if (!_revisions.TryGetValue(head.Id, out var doc))
            {
                var json = await db.Set<CatalogueRevision>().AsNoTracking().Where(r => r.Id == head.Id).Select(r => r.Json).SingleAsync(ct);
                // Saved revisions were validated when saved; a parse failure here means the vocabulary has since changed.
                var parsed = CatalogueParser.Parse(json, $"{head.Country}-{head.Edition} revision {head.Revision}");
                if (parsed.Document is null)
                {
                    _log.LogError("Offence catalogue {Country}-{Edition} revision {Revision} no longer validates; the previous version stays in force", head.Country, head.Edition, head.Revision);
                    continue;
                }
                doc = _revisions.GetOrAdd(head.Id, parsed.Document);
            }
            editions[(head.Country, head.Edition)] = new CatalogueEdition(doc, head.Revision, "database", head.EditedAt, null);
        }
        return [.. editions.Values.OrderBy(e => e.Document.Country, StringComparer.Ordinal).ThenBy(e => e.Document.InForceFrom)];
    }

    public async Task<CatalogueEdition?> FindAsync(SigurDb db, string country, string edition, CancellationToken ct) =>
        (await EffectiveAsync(db, ct)).FirstOrDefault(e => e.Document.Country == country && e.Document.Edition == edition);

    /// <summary>The edition of a country's law in force on a date (the offence date decides which law applies).</summary>
    public async Task<CatalogueEdition?> InForceAsync(SigurDb db, string country, DateOnly date, CancellationToken ct) =>
        (await EffectiveAsync(db, ct)).Where(e => e.Document.Country == country && e.Document.InForceFrom <= date
                                                  && (e.Document.InForceTo is null || e.Document.InForceTo >= date))
            .OrderByDescending(e => e.Document.InForceFrom).FirstOrDefault();
}

/// <summary>One edition of one country's catalogue as it is in force: from a file (revision 0) or a saved revision.</summary>
public sealed record CatalogueEdition(CatalogueDocument Document, int Revision, string Origin, DateTime? EditedAt, string? FileJson);

public sealed record CatalogueProblem(string File, int? Line, string Message)
{
    public override string ToString() => Line is { } line ? $"{File} line {line}: {Message}" : $"{File}: {Message}";
}

// ---- The format (docs/offence-catalogue.md) ----

public sealed record CatalogueDocument
{
    public int Format { get; init; }
    public string Country { get; init; } = "";
    public string Edition { get; init; } = "";
    public string Law { get; init; } = "";
    public string Language { get; init; } = "en";
    public string Source { get; init; } = "";
    public DateOnly InForceFrom { get; init; }
    public DateOnly? InForceTo { get; init; }
    public string? Notes { get; init; }
    public IReadOnlyList<CatalogueArticle> Articles { get; init; } = [];

    public CatalogueParagraph? Find(string article, string paragraph) =>
        Articles.FirstOrDefault(a => a.Article == article)?.Paragraphs.FirstOrDefault(p => p.Paragraph == paragraph);

    public bool HasUnconfirmed => Articles.Any(a => a.Paragraphs.Any(p => p.TextToBeConfirmed || p.Penalty?.ToBeConfirmed == true));
}

public sealed record CatalogueArticle
{
    public string Article { get; init; } = "";
    public string Title { get; init; } = "";
    /// <summary>One of <see cref="JusticeVocabulary.OffenceKinds"/>.</summary>
    public string Kind { get; init; } = "";
    public IReadOnlyList<CatalogueParagraph> Paragraphs { get; init; } = [];
}

public sealed record CatalogueParagraph
{
    public string Paragraph { get; init; } = "";
    /// <summary>offence (has its own penalty), rule (changes what another paragraph needs), measure (confiscation and the like).</summary>
    public string Kind { get; init; } = ParagraphKinds.Offence;
    public string Text { get; init; } = "";
    public bool TextToBeConfirmed { get; init; }
    /// <summary>Where this paragraph's wording or penalty was confirmed, when not in the document's own source.</summary>
    public string? Source { get; init; }
    public IReadOnlyList<string>? Acts { get; init; }
    public IReadOnlyList<string>? Means { get; init; }
    public IReadOnlyList<string>? Purposes { get; init; }
    /// <summary>Facts that must all hold.</summary>
    public IReadOnlyList<string>? Requires { get; init; }
    /// <summary>Qualifying circumstances: at least one must hold.</summary>
    public IReadOnlyList<string>? Circumstances { get; init; }
    /// <summary>Paragraphs ("2", or "418-a/1" in another article) of which at least one must apply first.</summary>
    public IReadOnlyList<string>? BuildsOn { get; init; }
    /// <summary>A paragraph whose acts, means and purposes this one shares.</summary>
    public string? ElementsOf { get; init; }
    /// <summary>Whether one of the means must be present (default: yes when means are listed).</summary>
    public bool? MeansRequired { get; init; }
    public CataloguePenalty? Penalty { get; init; }
    public string? Measure { get; init; }
    public string? Explanation { get; init; }
    /// <summary>What to tell the user about the person's consent when this paragraph applies.</summary>
    public string? Consent { get; init; }
}

public static class ParagraphKinds
{
    public const string Offence = "offence";
    public const string Rule = "rule";
    public const string Measure = "measure";
    public static readonly string[] All = [Offence, Rule, Measure];
}

public sealed record CataloguePenalty
{
    public int? MinMonths { get; init; }
    /// <summary>Null with a minimum: "at least N years".</summary>
    public int? MaxMonths { get; init; }
    public bool ToBeConfirmed { get; init; }

    /// <summary>
    /// "imprisonment from 2 years to 10 years", "… at least 3 years", "… up to 1 year", "to be confirmed", in the
    /// language of <paramref name="words"/> (English without).
    /// </summary>
    public string Describe(IStringLocalizer? words = null)
    {
        string W(string key, params object[] args) => words is null ? string.Format(CultureInfo.InvariantCulture, key, args) : words[key, args];
        string Span(int months) => months % 12 == 0
            ? (months / 12 == 1 ? W("1 year") : W("{0} years", months / 12))
            : (months == 1 ? W("1 month") : W("{0} months", months));
        if (ToBeConfirmed && MinMonths is null && MaxMonths is null) return W("to be confirmed");
        var text = (MinMonths, MaxMonths) switch
        {
            ({ } min, { } max) => W("imprisonment from {0} to {1}", Span(min), Span(max)),
            ({ } min, null) => W("imprisonment at least {0}", Span(min)),
            (null, { } max) => W("imprisonment up to {0}", Span(max)),
            _ => W("no term of imprisonment"),
        };
        return ToBeConfirmed ? W("{0} (to be confirmed)", text) : text;
    }
}

/// <summary>
/// Reads a catalogue document and checks it against the format and the vocabulary. Every problem names the file
/// and the line it is on (the JSON reader's own errors included), so an administrator can fix it in an editor.
/// </summary>
public static class CatalogueParser
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 16,
    };

    public sealed record Result(CatalogueDocument? Document, IReadOnlyList<CatalogueProblem> Problems);

    public static Result Parse(string json, string file)
    {
        CatalogueDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize<CatalogueDocument>(json, Options);
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
            return new(null, [new(file, e.LineNumber is { } l ? (int)l + 1 : null, message)]);
        }
        if (doc is null) return new(null, [new(file, 1, "The file is empty.")]);
        var lines = LineIndex(json);
        var problems = Validate(doc).Select(p => new CatalogueProblem(file, LineOf(lines, p.Path), p.Message)).ToList();
        return problems.Count == 0 ? new(doc, []) : new(null, problems);
    }

    private static int? LineOf(Dictionary<string, int> lines, string path)
    {
        // The closest recorded ancestor: a missing property is reported on its object's line.
        for (var p = path; p.Length > 0; p = Parent(p))
            if (lines.TryGetValue(p, out var line)) return line;
        return 1;
    }

    private static string Parent(string path)
    {
        var i = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return i <= 0 ? "" : path[..i];
    }

    /// <summary>JSON path ($.articles[1].paragraphs[0].penalty) → the line it starts on.</summary>
    private static Dictionary<string, int> LineIndex(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var newlines = new List<int>();
        for (var i = 0; i < bytes.Length; i++) if (bytes[i] == (byte)'\n') newlines.Add(i);
        int Line(long offset)
        {
            var idx = newlines.BinarySearch((int)offset);
            return (idx < 0 ? ~idx : idx) + 1;
        }
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var stack = new List<Frame>();
        string ChildPath()
        {
            if (stack.Count == 0) return "$";
            var top = stack[^1];
            return top.IsArray ? $"{top.Path}[{top.Index}]" : $"{top.Path}.{top.Property}";
        }
        void Completed()
        {
            if (stack.Count > 0 && stack[^1].IsArray) stack[^1].Index++;
        }
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    var path = ChildPath();
                    map.TryAdd(path, Line(reader.TokenStartIndex));
                    stack.Add(new Frame(path, reader.TokenType == JsonTokenType.StartArray));
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    stack.RemoveAt(stack.Count - 1);
                    Completed();
                    break;
                case JsonTokenType.PropertyName:
                    stack[^1].Property = reader.GetString();
                    map.TryAdd(ChildPath(), Line(reader.TokenStartIndex));
                    break;
                default:
                    map.TryAdd(ChildPath(), Line(reader.TokenStartIndex));
                    Completed();
                    break;
            }
        }
        return map;
    }

    private sealed class Frame(string path, bool isArray)
    {
        public string Path { get; } = path;
        public bool IsArray { get; } = isArray;
        public int Index { get; set; }
        public string? Property { get; set; }
    }

    private static IEnumerable<(string Path, string Message)> Validate(CatalogueDocument doc)
    {
        if (doc.Format != 1) yield return ("$.format", "\"format\" must be 1.");
        if (doc.Country.Length != 2 || !doc.Country.All(char.IsAsciiLetterUpper)) yield return ("$.country", "\"country\" must be an ISO 3166-1 alpha-2 code such as RS or MK.");
        if (string.IsNullOrWhiteSpace(doc.Edition) || doc.Edition.Length > 20 || !doc.Edition.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_'))
            yield return ("$.edition", "\"edition\" is required: letters, digits, '.' or '_', at most 20 (for example 2006).");
        if (string.IsNullOrWhiteSpace(doc.Law)) yield return ("$.law", "\"law\" (the name of the code) is required.");
        if (string.IsNullOrWhiteSpace(doc.Source)) yield return ("$.source", "\"source\" (the official gazette reference) is required.");
        if (doc.InForceFrom == default) yield return ("$.inForceFrom", "\"inForceFrom\" (YYYY-MM-DD) is required.");
        if (doc.InForceTo is { } to && to < doc.InForceFrom) yield return ("$.inForceTo", "\"inForceTo\" is before \"inForceFrom\".");
        if (doc.Articles.Count == 0) yield return ("$.articles", "At least one article is required.");

        var known = doc.Articles.SelectMany(a => a.Paragraphs.Select(p => $"{a.Article}/{p.Paragraph}")).ToHashSet(StringComparer.Ordinal);
        for (var ai = 0; ai < doc.Articles.Count; ai++)
        {
            var a = doc.Articles[ai];
            var ap = $"$.articles[{ai}]";
            if (string.IsNullOrWhiteSpace(a.Article)) yield return ($"{ap}.article", "\"article\" (its number) is required.");
            if (doc.Articles.Take(ai).Any(x => x.Article == a.Article)) yield return ($"{ap}.article", $"Article {a.Article} appears twice.");
            if (string.IsNullOrWhiteSpace(a.Title)) yield return ($"{ap}.title", "\"title\" is required.");
            if (!JusticeVocabulary.OffenceKinds.Contains(a.Kind))
                yield return ($"{ap}.kind", $"\"kind\" must be one of {string.Join(", ", JusticeVocabulary.OffenceKinds)}.");
            if (a.Paragraphs.Count == 0) yield return ($"{ap}.paragraphs", "At least one paragraph is required.");
            for (var pi = 0; pi < a.Paragraphs.Count; pi++)
            {
                var p = a.Paragraphs[pi];
                var pp = $"{ap}.paragraphs[{pi}]";
                if (string.IsNullOrWhiteSpace(p.Paragraph)) yield return ($"{pp}.paragraph", "\"paragraph\" (its number) is required.");
                if (a.Paragraphs.Take(pi).Any(x => x.Paragraph == p.Paragraph)) yield return ($"{pp}.paragraph", $"Paragraph {p.Paragraph} of article {a.Article} appears twice.");
                if (!ParagraphKinds.All.Contains(p.Kind)) yield return ($"{pp}.kind", "\"kind\" must be offence, rule or measure.");
                if (string.IsNullOrWhiteSpace(p.Text)) yield return ($"{pp}.text", "\"text\" (the wording of the paragraph) is required.");
                foreach (var problem in Codes(p.Acts, JusticeVocabulary.Acts, $"{pp}.acts", "act")) yield return problem;
                foreach (var problem in Codes(p.Means, JusticeVocabulary.Means, $"{pp}.means", "means")) yield return problem;
                foreach (var problem in Codes(p.Purposes, JusticeVocabulary.Purposes, $"{pp}.purposes", "purpose")) yield return problem;
                foreach (var problem in Codes(p.Requires, JusticeVocabulary.Facts, $"{pp}.requires", "fact")) yield return problem;
                foreach (var problem in Codes(p.Circumstances, JusticeVocabulary.Facts, $"{pp}.circumstances", "circumstance")) yield return problem;
                for (var bi = 0; bi < (p.BuildsOn?.Count ?? 0); bi++)
                {
                    var target = Qualify(a.Article, p.BuildsOn![bi]);
                    if (!known.Contains(target)) yield return ($"{pp}.buildsOn[{bi}]", $"\"buildsOn\" names {target}, which is not in this catalogue.");
                    else if (target == $"{a.Article}/{p.Paragraph}") yield return ($"{pp}.buildsOn[{bi}]", "A paragraph cannot build on itself.");
                }
                if (p.ElementsOf is { } of)
                {
                    var target = Qualify(a.Article, of);
                    var source = doc.Articles.FirstOrDefault(x => x.Article == target.Split('/')[0])?.Paragraphs.FirstOrDefault(x => x.Paragraph == target.Split('/')[1]);
                    if (source is null) yield return ($"{pp}.elementsOf", $"\"elementsOf\" names {target}, which is not in this catalogue.");
                    else if (source.ElementsOf is not null) yield return ($"{pp}.elementsOf", $"{target} takes its elements from another paragraph itself: name that one.");
                }
                if (p.Kind != ParagraphKinds.Measure && (p.Acts?.Count ?? 0) == 0 && (p.BuildsOn?.Count ?? 0) == 0 && p.ElementsOf is null)
                    yield return ($"{pp}", "A paragraph needs \"acts\", \"buildsOn\" or \"elementsOf\": otherwise it would apply to every case.");
                if (p.Kind == ParagraphKinds.Offence && p.Penalty is null)
                    yield return ($"{pp}.penalty", "An offence paragraph needs a \"penalty\" (minMonths/maxMonths, or toBeConfirmed: true).");
                if (p.Penalty is { } pen)
                {
                    if (pen.MinMonths is < 0 || pen.MaxMonths is < 0) yield return ($"{pp}.penalty", "Months cannot be negative.");
                    if (pen.MinMonths is { } min && pen.MaxMonths is { } max && min > max) yield return ($"{pp}.penalty", "\"minMonths\" is greater than \"maxMonths\".");
                    if (pen.MinMonths is null && pen.MaxMonths is null && !pen.ToBeConfirmed)
                        yield return ($"{pp}.penalty", "Give \"minMonths\" and/or \"maxMonths\", or \"toBeConfirmed\": true where the penalty is not confirmed.");
                }
                if (p.Kind == ParagraphKinds.Measure && string.IsNullOrWhiteSpace(p.Measure))
                    yield return ($"{pp}.measure", "A measure paragraph names its \"measure\" (for example confiscation).");
            }
        }
    }

    /// <summary>"2" within article 388 → "388/2"; "418-a/1" stays.</summary>
    public static string Qualify(string article, string reference) => reference.Contains('/') ? reference : $"{article}/{reference}";

    private static IEnumerable<(string, string)> Codes(IReadOnlyList<string>? codes, IReadOnlyList<string> allowed, string path, string what)
    {
        for (var i = 0; i < (codes?.Count ?? 0); i++)
            if (!allowed.Contains(codes![i]))
                yield return ($"{path}[{i}]", $"Unknown {what} \"{codes[i]}\" (allowed: {string.Join(", ", allowed)}).");
    }
}

/// <summary>The section "Justice".</summary>
public sealed class JusticeSettings
{
    /// <summary>Where the offence catalogue's files are; null: the ones shipped beside the executable.</summary>
    public string? CatalogueDirectory { get; set; }
}
