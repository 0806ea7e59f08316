using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Justice;

/// <summary>
/// The qualification helper: from the facts of a case it lists the articles and paragraphs of the law in force on
/// the offence date that may apply, with their penalties, and says in plain words why. It advises; people decide
/// (<see cref="AcceptQualification"/> records who accepted what). Every rule it applies comes from the catalogue.
/// It answers in the caller's language: its own words are keys of the string table, and so are the explanations of
/// the shipped catalogues (an explanation an administrator writes shows as written).
/// </summary>
public static class QualifyFacts
{
    public const string Policy = Policies.SignedIn;

    /// <summary>
    /// What is known. Lists are what was found (empty: none). BorderCrossing, MaterialGain, ForeignNational and the
    /// victim's age may be unknown (null): a paragraph that needs them is then listed as "may apply if…". The
    /// aggravating circumstances count only when stated.
    /// </summary>
    public sealed record Facts(
        IReadOnlyList<string>? Acts = null,
        IReadOnlyList<string>? Means = null,
        IReadOnlyList<string>? Purposes = null,
        bool? BorderCrossing = null,
        bool? MaterialGain = null,
        bool? ForeignNational = null,
        bool? Consent = null,
        int? VictimAge = null,
        bool? VictimMinor = null,
        bool OrganisedGroup = false,
        bool SevereBodilyHarm = false,
        bool Death = false,
        bool AbuseOfOffice = false,
        bool EndangeringLife = false,
        bool LargeNumberOfPersons = false,
        bool ArmedOrViolent = false);

    public sealed record Request(string Country, DateOnly? OffenceDate, Facts Facts);

    public sealed record Response(string Country, string Edition, int Revision, string Law, string Source, DateOnly InForceFrom,
        DateOnly? InForceTo, IReadOnlyList<Finding> Paragraphs, IReadOnlyList<Finding> Measures, IReadOnlyList<string> Notes);

    public sealed record Finding(string Article, string Title, string ArticleKind, string Paragraph, string ParagraphKind, Certainty Certainty,
        int? MinMonths, int? MaxMonths, bool PenaltyToBeConfirmed, string Penalty, bool TextToBeConfirmed, string Explanation,
        IReadOnlyList<string> Reasons, IReadOnlyList<string> MayApplyIf);

    public enum Certainty { Possible, Applies }

    public static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, SigurDb db, OffenceCatalogue catalogue, TimeProvider clock, IStringLocalizer<SharedResource> words, CancellationToken ct)
    {
        var errors = Check(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var date = request.OffenceDate ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var edition = await catalogue.InForceAsync(db, request.Country, date, ct);
        if (edition is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No catalogue",
                detail: words["No offence catalogue of {0} is in force on {1}.", request.Country, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)]);
        return TypedResults.Ok(Evaluate(edition, request.Facts, words));
    }

    public static Dictionary<string, string[]> Check(Request request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Country is null || request.Country.Length != 2) errors["country"] = ["A country code such as RS or MK."];
        if (request.Facts is null) { errors["facts"] = ["The facts are required."]; return errors; }
        var f = request.Facts;
        if (f.Acts?.FirstOrDefault(a => !JusticeVocabulary.Acts.Contains(a)) is not null) errors["facts.acts"] = ["Use the codes of the acts list."];
        if (f.Means?.FirstOrDefault(a => !JusticeVocabulary.Means.Contains(a)) is not null) errors["facts.means"] = ["Use the codes of the means list."];
        if (f.Purposes?.FirstOrDefault(a => !JusticeVocabulary.Purposes.Contains(a)) is not null) errors["facts.purposes"] = ["Use the codes of the forms-of-exploitation list."];
        if (f.VictimAge is < 0 or > 120) errors["facts.victimAge"] = ["Between 0 and 120."];
        return errors;
    }

    private enum Truth { No, Unknown, Yes }

    private static Truth Of(bool? value) => value switch { true => Truth.Yes, false => Truth.No, null => Truth.Unknown };

    private static Truth FactValue(Facts f, string fact) => fact switch
    {
        Fact.BorderCrossing => Of(f.BorderCrossing),
        Fact.MaterialGain => Of(f.MaterialGain),
        Fact.ForeignNational => Of(f.ForeignNational),
        Fact.VictimMinor => f.VictimAge is { } age ? Of(age < 18) : Of(f.VictimMinor),
        Fact.VictimUnder14 => f.VictimAge is { } age14 ? Of(age14 < 14) : f.VictimMinor == false ? Truth.No : Truth.Unknown,
        Fact.OrganisedGroup => Of(f.OrganisedGroup),
        Fact.SevereBodilyHarm => Of(f.SevereBodilyHarm),
        Fact.Death => Of(f.Death),
        Fact.AbuseOfOffice => Of(f.AbuseOfOffice),
        Fact.EndangeringLife => Of(f.EndangeringLife),
        Fact.LargeNumberOfPersons => Of(f.LargeNumberOfPersons),
        Fact.ArmedOrViolent => Of(f.ArmedOrViolent),
        _ => Truth.No,
    };

    private static readonly Dictionary<string, string> FactWords = new()
    {
        [Fact.BorderCrossing] = "a state border was crossed (or a stay or transit was irregular)",
        [Fact.MaterialGain] = "it was done for material gain",
        [Fact.ForeignNational] = "the person is not a citizen of the country",
        [Fact.VictimMinor] = "the victim is a minor (under 18)",
        [Fact.VictimUnder14] = "the child is under 14",
        [Fact.OrganisedGroup] = "an organised group was involved",
        [Fact.SevereBodilyHarm] = "severe bodily harm was caused",
        [Fact.Death] = "a person died",
        [Fact.AbuseOfOffice] = "an office was abused",
        [Fact.EndangeringLife] = "life or health was endangered",
        [Fact.LargeNumberOfPersons] = "a large number of persons was involved",
        [Fact.ArmedOrViolent] = "the person was armed or used violence",
    };

    private sealed record Evaluation(Truth Truth, List<string> Reasons, List<string> Missing);

    public static Response Evaluate(CatalogueEdition edition, Facts facts, IStringLocalizer words)
    {
        string Fact(string fact) => words[FactWords[fact]];
        string Cite(string key) => key.Split('/') is [var art, var para] ? words["art. {0} para. {1}", art, para] : key;
        string Or(IEnumerable<string> parts) => string.Join(words[" or "], parts);
        string MeasureWords(string? measure) => words[$"Measure.{measure}"] is { ResourceNotFound: false } known ? known : measure ?? "";
        var doc = edition.Document;
        var memo = new Dictionary<string, Evaluation>(StringComparer.Ordinal);
        var paragraphs = doc.Articles.SelectMany(a => a.Paragraphs.Select(p => (Article: a, Paragraph: p)))
            .ToDictionary(x => $"{x.Article.Article}/{x.Paragraph.Paragraph}");

        Evaluation Eval(string key, int depth)
        {
            if (memo.TryGetValue(key, out var done)) return done;
            if (depth > 10) return new(Truth.No, [], []); // the validator forbids self-reference; this guards longer cycles
            var (article, p) = paragraphs[key];
            var reasons = new List<string>();
            var missing = new List<string>();
            var truth = Truth.Yes;
            void And(Truth t, string? reason = null, string? ifKnown = null)
            {
                if (t < truth) truth = t;
                if (t == Truth.Yes && reason is not null) reasons.Add(reason);
                if (t == Truth.Unknown && ifKnown is not null) missing.Add(ifKnown);
            }

            var elements = p.ElementsOf is { } of ? paragraphs[CatalogueParser.Qualify(article.Article, of)].Paragraph : p;
            var acts = p.Acts ?? elements.Acts;
            var means = p.Means ?? elements.Means;
            var purposes = p.Purposes ?? elements.Purposes;
            if (acts is { Count: > 0 })
            {
                var hit = acts.Intersect(facts.Acts ?? []).ToList();
                And(hit.Count > 0 ? Truth.Yes : Truth.No, words["the acts: {0}", string.Join(", ", hit.Select(a => words[$"Act.{a}"].Value))]);
            }
            var meansRequired = p.MeansRequired ?? true;
            if (means is { Count: > 0 } && meansRequired)
            {
                var hit = means.Intersect(facts.Means ?? []).ToList();
                And(hit.Count > 0 ? Truth.Yes : Truth.No, words["the means: {0}", string.Join(", ", hit.Select(m => words[$"Means.Statutory.{m}"].Value))]);
            }
            else if (means is { Count: > 0 } && !meansRequired) reasons.Add(words["no means needs to be proven"]);
            if (purposes is { Count: > 0 })
            {
                var hit = purposes.Intersect(facts.Purposes ?? []).ToList();
                And(hit.Count > 0 ? Truth.Yes : Truth.No, words["the purpose: {0}", string.Join(", ", hit.Select(x => words[$"Form.{x}"].Value))]);
            }
            if (p.BuildsOn is { Count: > 0 } bases)
            {
                var best = bases.Select(b => (Ref: CatalogueParser.Qualify(article.Article, b), Eval: Eval(CatalogueParser.Qualify(article.Article, b), depth + 1)))
                    .OrderByDescending(x => x.Eval.Truth).First();
                And(best.Eval.Truth, words["the offence of {0} is made out", Cite(best.Ref)], words["{0} applies", Cite(best.Ref)]);
                if (best.Eval.Truth == Truth.Unknown) missing.AddRange(best.Eval.Missing.Where(m => !missing.Contains(m)));
            }
            foreach (var fact in p.Requires ?? [])
                And(FactValue(facts, fact), Fact(fact), Fact(fact));
            if (p.Circumstances is { Count: > 0 } circumstances)
            {
                var values = circumstances.Select(c => (c, FactValue(facts, c))).ToList();
                var any = values.Max(v => v.Item2);
                And(any, string.Join("; ", values.Where(v => v.Item2 == Truth.Yes).Select(v => Fact(v.c))),
                    Or(values.Where(v => v.Item2 == Truth.Unknown).Select(v => Fact(v.c))));
            }
            var result = new Evaluation(truth, reasons, missing);
            memo[key] = result;
            return result;
        }

        var findings = new List<Finding>();
        foreach (var (key, (article, p)) in paragraphs)
        {
            var e = Eval(key, 0);
            if (e.Truth == Truth.No) continue;
            var penalty = p.Penalty;
            findings.Add(new Finding(article.Article, article.Title, article.Kind, p.Paragraph, p.Kind,
                e.Truth == Truth.Yes ? Certainty.Applies : Certainty.Possible,
                penalty?.MinMonths, penalty?.MaxMonths, penalty?.ToBeConfirmed == true,
                penalty?.Describe(words) ?? (p.Kind == ParagraphKinds.Measure ? MeasureWords(p.Measure) : words["the penalty of the paragraph it leads to"]),
                p.TextToBeConfirmed, p.Explanation is { } why ? words[why] : "", e.Reasons, e.Missing));
        }
        var offences = findings.Where(f => f.ParagraphKind != ParagraphKinds.Measure).ToList();
        var measures = findings.Where(f => f.ParagraphKind == ParagraphKinds.Measure).ToList();
        return new Response(doc.Country, doc.Edition, edition.Revision, doc.Law, doc.Source, doc.InForceFrom, doc.InForceTo,
            offences, measures, [.. Notes(doc, facts, offences).Select(n => words[n].Value)]);
    }

    private static readonly string[] TraffickingKinds = ["trafficking", "childTrafficking", "slavery"];

    /// <summary>The plain-language explanations that hold across articles: trafficking against smuggling, consent, means for minors.</summary>
    private static List<string> Notes(CatalogueDocument doc, Facts facts, List<Finding> findings)
    {
        var notes = new List<string>();
        var applies = findings.Where(f => f.Certainty == Certainty.Applies).ToList();
        bool Any(IEnumerable<Finding> list, params string[] kinds) => list.Any(f => kinds.Contains(f.ArticleKind));
        var trafficking = Any(applies, TraffickingKinds);
        var smuggling = Any(applies, "smuggling");
        var exploitation = (facts.Purposes?.Count ?? 0) > 0;
        var minor = FactValue(facts, Fact.VictimMinor) == Truth.Yes;

        if (trafficking && smuggling)
            notes.Add("Both trafficking and smuggling: smuggling is providing a border crossing for gain, trafficking is moving or holding a person for exploitation. One case can be both, and both offences can be charged.");
        else if (smuggling && !exploitation)
            notes.Add("Smuggling, not trafficking: a border crossing was provided for gain, but no purpose of exploitation is known. If exploitation appears later (debts to work off, documents taken on arrival), qualify the facts again.");
        else if (trafficking && facts.BorderCrossing == true && !Any(findings, "smuggling"))
            notes.Add("Trafficking across a border: the crossing itself is smuggling only if it was irregular and provided for gain; trafficking does not need a border at all.");
        else if (trafficking && Any(findings.Where(f => f.Certainty == Certainty.Possible), "smuggling"))
            notes.Add("Trafficking; smuggling as well if the crossing was provided for material gain to a foreigner. Smuggling is about the crossing, trafficking about the exploitation: one case can be both.");
        if (!trafficking && exploitation && (facts.Acts?.Count ?? 0) > 0 && (facts.Means?.Count ?? 0) == 0 && !minor)
            notes.Add("No means is known: for an adult, trafficking needs a means (force, threat, deception, abuse of a position of vulnerability, holding documents, payment). Look for one; for a minor none is needed.");

        if (facts.Consent == true)
        {
            var consentNotes = applies.Select(f => doc.Find(f.Article, f.Paragraph)?.Consent).Where(c => c is not null).Distinct().ToList();
            if (consentNotes.Count > 0) notes.AddRange(consentNotes!);
            else if (trafficking) notes.Add("The person's consent does not remove the offence.");
            else if (smuggling) notes.Add("The migrant's consent to being smuggled does not remove the smuggler's offence.");
        }
        if (!trafficking && findings.Count == 0)
            notes.Add("On these facts no article of this catalogue applies. The helper only knows the articles in the catalogue; other offences may still apply.");
        return notes;
    }
}
