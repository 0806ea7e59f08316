using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;

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
        Sex Sex, bool PossiblyChild, List<string> Citizenships);

    public static async Task<IReadOnlyList<VictimFact>> LoadAsync(SigurDb db, CountingUnit unit, ReferenceDate reference, string reportingCountry, CancellationToken ct)
    {
        // Aggregates span every organisation: they read across the need-to-know filter and return counts only.
        var rows = await db.Cases.IgnoreQueryFilters().AsNoTracking()
            .Select(c => new CaseRow(c.Id, c.PersonId, c.IntakeDate, c.RegisteredAt, c.IdentificationStatus, c.IntakeChannel,
                c.FormsOfExploitation, c.MeansOfControl, c.CountriesOfOrigin, c.CountriesOfTransit, c.CountriesOfExploitation, c.Region, c.AgeAtIntake,
                c.Person!.Sex, c.Person.PossiblyChild, c.Person.Citizenships))
            .ToListAsync(ct);
        var yearUnknown = (await db.Set<ImportedRecord>().AsNoTracking().Where(r => r.YearUnknown).Select(r => r.CaseId).ToListAsync(ct)).ToHashSet();
        var links = await db.Set<PersonLink>().AsNoTracking().Where(l => l.Confirmed).Select(l => new { l.PersonAId, l.PersonBId }).ToListAsync(ct);
        return Build(rows, yearUnknown, links.Select(l => (l.PersonAId, l.PersonBId)), unit, reference, reportingCountry);
    }

    internal static IReadOnlyList<VictimFact> Build(IReadOnlyList<CaseRow> rows, IReadOnlySet<Guid> yearUnknown, IEnumerable<(Guid A, Guid B)> links,
        CountingUnit unit, ReferenceDate reference, string reportingCountry)
    {
        var clusters = new PersonClusters(links);
        int? YearOf(CaseRow r) => yearUnknown.Contains(r.Id) ? null : (reference == ReferenceDate.Intake ? r.IntakeDate : r.RegisteredAt).Year;
        DateTime DateOf(CaseRow r) => reference == ReferenceDate.Intake ? r.IntakeDate : r.RegisteredAt;

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
            var countries = cases.SelectMany(c => c.Origin.Concat(c.Transit).Concat(c.Exploitation)).Distinct().ToList();
            var trafficking = countries.Count == 0 ? Trafficking.Unknown
                : countries.All(c => c == reportingCountry) ? Trafficking.Internal : Trafficking.CrossBorder;
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
    private sealed class PersonClusters
    {
        private readonly Dictionary<Guid, Guid> _parent = [];

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
