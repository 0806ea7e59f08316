using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Identification;
using Sigur.Features.Justice;

namespace Sigur.Features.Statistics;

/// <summary>Internal when every recorded country is the reporting country, cross-border when one is not.</summary>
public enum Trafficking { Internal, CrossBorder, Unknown }

/// <summary>
/// One counted unit in one year: a person (a cluster of confirmed-linked person records) or a case, with the
/// attributes the counting rules give it for that year. Every table is a count of these facts.
/// </summary>
public sealed record VictimFact(
    Guid Unit, int? Year, Sex Sex, int? Age, bool PossiblyChild, IReadOnlyList<string> Citizenships, IdentificationStatus Status,
    IntakeChannel Channel, string Region, IReadOnlyList<string> Forms, IReadOnlyList<string> ExploitationCountries, Trafficking Trafficking)
{
    /// <summary>Means of control across the year's cases (record-level export only).</summary>
    public IReadOnlyList<string> MeansOfControl { get; init; } = [];

    /// <summary>For a proceeding: its outcome (Convicted, Acquitted, ChargesRejected, Quashed or Pending) and furthest stage.</summary>
    public string? Outcome { get; init; }
    public string? Stage { get; init; }
}

/// <summary>
/// Reads the plain-text columns that statistics need (never an encrypted one), across all organisations, and applies
/// <see cref="CountingRules"/>. This is the one place where the rules are implemented.
/// </summary>
public static class VictimFacts
{
    internal sealed record CaseRow(
        Guid Id, Guid PersonId, DateTime IntakeDate, DateTime RegisteredAt, IdentificationStatus Status, IntakeChannel Channel,
        List<string> Forms, List<string> Means, List<string> Origin, List<string> Transit, List<string> Exploitation, string Region, int? Age,
        Sex Sex, bool PossiblyChild, List<string> Citizenships, bool YearUnknown)
    {
        /// <summary>The identification decision that set the current status, if any (reference date "decision").</summary>
        public DateTime? DecidedOn { get; init; }
    }

    /// <summary>A proceeding as counted: once, with its start, the date and result of its latest verdict, and its stage.</summary>
    internal sealed record ProceedingRow(Guid Id, Guid CaseId, DateTime Started, DateTime? LatestVerdict, string Outcome, ProceedingStage Stage);

    public static async Task<IReadOnlyList<VictimFact>> LoadAsync(SigurDb db, CountingUnit unit, ReferenceDate reference, string reportingCountry, CancellationToken ct)
    {
        var rows = await RowsAsync(db, null, reference == ReferenceDate.Decision, ct);
        var links = await LinksAsync(db, ct);
        var proceedings = unit == CountingUnit.Proceeding ? await ProceedingsAsync(db, ct) : [];
        return Build(rows, links, unit, reference, reportingCountry, proceedings);
    }

    /// <summary>The counted columns of every case, or of the cases of <paramref name="persons"/>; with the deciding decision's date if asked.</summary>
    internal static async Task<List<CaseRow>> RowsAsync(SigurDb db, IReadOnlyCollection<Guid>? persons, bool withDecisions, CancellationToken ct)
    {
        // Aggregates span every organisation: they read across the need-to-know filter and return counts only.
        var rows = new List<CaseRow>();
        foreach (var chunk in persons is null ? [null] : persons.Chunk(10_000).Cast<Guid[]?>())
        {
            var cases = db.Cases.IgnoreQueryFilters().AsNoTracking();
            if (chunk is not null) cases = cases.Where(c => chunk.Contains(c.PersonId));
            rows.AddRange(await cases
                .Select(c => new CaseRow(c.Id, c.PersonId, c.IntakeDate, c.RegisteredAt, c.IdentificationStatus, c.IntakeChannel,
                    c.FormsOfExploitation, c.MeansOfControl, c.CountriesOfOrigin, c.CountriesOfTransit, c.CountriesOfExploitation, c.Region, c.AgeAtIntake,
                    c.Person!.Sex, c.Person.PossiblyChild, c.Person.Citizenships,
                    db.Set<ImportedRecord>().Any(r => r.CaseId == c.Id && r.YearUnknown)))
                .ToListAsync(ct));
        }
        if (!withDecisions) return rows;
        // The latest entry that changed the status is the decision the current status rests on (an upheld review changes nothing).
        var decisions = new Dictionary<Guid, DateTime>();
        foreach (var chunk in persons is null ? [null] : rows.Select(r => r.Id).Chunk(10_000).Cast<Guid[]?>())
        {
            var entries = db.Set<IdentificationDecision>().IgnoreQueryFilters().AsNoTracking().Where(d => d.From != d.To);
            if (chunk is not null) entries = entries.Where(d => chunk.Contains(d.CaseId));
            foreach (var g in (await entries.Select(d => new { d.CaseId, d.Sequence, d.DecidedOn }).ToListAsync(ct)).GroupBy(d => d.CaseId))
                decisions[g.Key] = g.MaxBy(d => d.Sequence)!.DecidedOn;
        }
        return [.. rows.Select(r => decisions.TryGetValue(r.Id, out var on) ? r with { DecidedOn = on } : r)];
    }

    /// <summary>Confirmed person links: the pairs that are one person in the statistics.</summary>
    internal static async Task<List<(Guid A, Guid B)>> LinksAsync(SigurDb db, CancellationToken ct) =>
        [.. (await db.Set<PersonLink>().AsNoTracking().Where(l => l.Confirmed).Select(l => new { l.PersonAId, l.PersonBId }).ToListAsync(ct))
            .Select(l => (l.PersonAId, l.PersonBId))];

    /// <summary>Each proceeding once: its stages give its start, each defendant's latest verdict gives its outcome (as JusticeFigures counts convictions).</summary>
    private static async Task<List<ProceedingRow>> ProceedingsAsync(SigurDb db, CancellationToken ct)
    {
        var proceedings = await db.Set<Proceeding>().IgnoreQueryFilters().AsNoTracking().Select(p => new { p.Id, p.CaseId, p.Stage, p.StageDate }).ToListAsync(ct);
        var starts = (await db.Set<ProceedingStageEvent>().IgnoreQueryFilters().AsNoTracking().Select(s => new { s.ProceedingId, s.Date }).ToListAsync(ct))
            .GroupBy(s => s.ProceedingId).ToDictionary(g => g.Key, g => g.Min(s => s.Date));
        var latest = (await db.Set<DefendantOutcome>().IgnoreQueryFilters().AsNoTracking()
                .Select(o => new { o.ProceedingId, o.SuspectId, o.Stage, o.Verdict, o.Date, o.RecordedAt }).ToListAsync(ct))
            .GroupBy(o => (o.ProceedingId, o.SuspectId))
            .Select(g => g.OrderBy(o => o.Date).ThenBy(o => Array.IndexOf(Proceeding.VerdictStages, o.Stage)).ThenBy(o => o.RecordedAt).Last())
            .GroupBy(o => o.ProceedingId).ToDictionary(g => g.Key, g => g.ToList());
        return [.. proceedings.Select(p =>
        {
            var verdicts = latest.GetValueOrDefault(p.Id);
            var outcome = verdicts is null ? "Pending"
                : verdicts.Any(v => v.Verdict == Verdict.Convicted) ? nameof(Verdict.Convicted)
                : verdicts.MaxBy(v => v.Date)!.Verdict.ToString();
            return new ProceedingRow(p.Id, p.CaseId, starts.GetValueOrDefault(p.Id, p.StageDate), verdicts?.Max(v => v.Date), outcome, p.Stage);
        })];
    }

    internal static IReadOnlyList<VictimFact> Build(IReadOnlyList<CaseRow> rows, IEnumerable<(Guid A, Guid B)> links,
        CountingUnit unit, ReferenceDate reference, string reportingCountry, IReadOnlyList<ProceedingRow>? proceedings = null) =>
        Build(rows, new PersonClusters(links), unit, reference, reportingCountry, proceedings);

    internal static IReadOnlyList<VictimFact> Build(IReadOnlyList<CaseRow> rows, PersonClusters clusters,
        CountingUnit unit, ReferenceDate reference, string reportingCountry, IReadOnlyList<ProceedingRow>? proceedings = null)
    {
        int? YearOf(CaseRow r) => r.YearUnknown ? null : reference switch
        {
            ReferenceDate.Intake => r.IntakeDate.Year,
            ReferenceDate.Registration => r.RegisteredAt.Year,
            _ => r.DecidedOn?.Year,
        };
        DateTime DateOf(CaseRow r) => reference switch
        {
            ReferenceDate.Intake => r.IntakeDate,
            ReferenceDate.Registration => r.RegisteredAt,
            _ => r.DecidedOn ?? r.IntakeDate,
        };
        Trafficking TraffickingOf(IEnumerable<CaseRow> cases)
        {
            var countries = cases.SelectMany(c => c.Origin.Concat(c.Transit).Concat(c.Exploitation)).Distinct().ToList();
            return countries.Count == 0 ? Trafficking.Unknown : countries.All(c => c == reportingCountry) ? Trafficking.Internal : Trafficking.CrossBorder;
        }

        if (unit == CountingUnit.Proceeding)
        {
            // The victim's attributes are those of the case the proceeding concerns; the proceeding itself counts once.
            var byId = rows.ToDictionary(r => r.Id);
            return [.. (proceedings ?? []).Where(p => byId.ContainsKey(p.CaseId)).Select(p =>
            {
                var c = byId[p.CaseId];
                int? year = reference switch
                {
                    ReferenceDate.Intake => YearOf(c),
                    ReferenceDate.Registration => p.Started.Year,
                    _ => p.LatestVerdict?.Year,
                };
                return new VictimFact(p.Id, year, c.Sex, c.Age, c.PossiblyChild, c.Citizenships, c.Status, c.Channel, c.Region,
                    c.Forms.Distinct().Order(StringComparer.Ordinal).ToArray(), c.Exploitation.Distinct().Order(StringComparer.Ordinal).ToArray(), TraffickingOf([c]))
                    { Outcome = p.Outcome, Stage = p.Stage.ToString() };
            })];
        }

        // What a person is, across all the records confirmed to be them.
        var byCluster = rows.GroupBy(r => clusters.Find(r.PersonId)).ToDictionary(g => g.Key, g =>
        {
            var sexes = g.Select(r => r.Sex).Where(s => s != Sex.Unknown).Distinct().ToList();
            return (Sex: sexes.Count == 1 ? sexes[0] : Sex.Unknown,
                PossiblyChild: g.Any(r => r.PossiblyChild),
                Citizenships: (IReadOnlyList<string>)g.SelectMany(r => r.Citizenships).Distinct().Order(StringComparer.Ordinal).ToArray());
        });

        var groups = unit == CountingUnit.Person
            ? rows.GroupBy(r => (Unit: clusters.Find(r.PersonId), Year: YearOf(r)))
            : rows.GroupBy(r => (Unit: r.Id, Year: YearOf(r)));
        var facts = new List<VictimFact>(rows.Count);
        foreach (var g in groups)
        {
            var cases = g.OrderBy(DateOf).ThenBy(r => r.Id).ToList();
            var first = cases[0];
            var person = byCluster[clusters.Find(first.PersonId)];
            var trafficking = TraffickingOf(cases);
            facts.Add(new VictimFact(
                g.Key.Unit, g.Key.Year,
                unit == CountingUnit.Person ? person.Sex : first.Sex,
                cases.Select(c => c.Age).FirstOrDefault(a => a is not null),
                unit == CountingUnit.Person ? person.PossiblyChild : first.PossiblyChild,
                unit == CountingUnit.Person ? person.Citizenships : first.Citizenships,
                cases.Select(c => c.Status).MaxBy(StatusRank),
                first.Channel, first.Region,
                cases.SelectMany(c => c.Forms).Distinct().Order(StringComparer.Ordinal).ToArray(),
                cases.SelectMany(c => c.Exploitation).Distinct().Order(StringComparer.Ordinal).ToArray(),
                trafficking) { MeansOfControl = cases.SelectMany(c => c.Means).Distinct().Order(StringComparer.Ordinal).ToArray() });
        }
        return facts;
    }

    /// <summary>Identified beats presumed beats potential beats "not a victim".</summary>
    public static int StatusRank(IdentificationStatus s) => s switch
    {
        IdentificationStatus.Identified => 3,
        IdentificationStatus.Presumed => 2,
        IdentificationStatus.Potential => 1,
        _ => 0,
    };

    /// <summary>Union-find over confirmed links; a cluster is named by its smallest person id, so results are deterministic.</summary>
    internal sealed class PersonClusters
    {
        private readonly Dictionary<Guid, Guid> _parent = [];

        /// <summary>Every linked person under its cluster's name (unlinked persons are their own cluster and are not listed).</summary>
        public ILookup<Guid, Guid> Members() => _parent.Keys.Concat(_parent.Values).Distinct().ToList().ToLookup(Find);

        public PersonClusters(IEnumerable<(Guid A, Guid B)> links)
        {
            foreach (var (a, b) in links)
            {
                var ra = Find(a);
                var rb = Find(b);
                if (ra == rb) continue;
                if (ra.CompareTo(rb) < 0) _parent[rb] = ra; else _parent[ra] = rb;
            }
        }

        public Guid Find(Guid id)
        {
            var root = id;
            while (_parent.TryGetValue(root, out var next)) root = next;
            while (_parent.TryGetValue(id, out var next) && next != root) { _parent[id] = root; id = next; }
            return root;
        }
    }
}
