using System.Data;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;

namespace Sigur.Features.Statistics;

/// <summary>
/// The counted facts of persons and cases held in memory as compact columns, so that a cross-table over millions of
/// cases is one pass over arrays instead of a database GROUP BY.
/// <para>It always answers as the database stands: before every table it reads the statistics generation (one
/// indexed row); if a write moved it, it replays the journal (<see cref="StatisticsJournal"/>) from where it was,
/// reloading and recounting only the persons the journal names (with everyone confirmed-linked to them, before and
/// after), all inside one repeatable-read transaction. The facts are made by <see cref="VictimFacts.Build"/>, the one
/// implementation of the counting rules, and counted by the same lattice as every other free table.</para>
/// <para>One table at a time (a semaphore): analysts are few, and a pass takes milliseconds.</para>
/// </summary>
public sealed class FactSnapshot(StatisticsSettings statistics)
{
    private readonly string _reportingCountry = statistics.Context.ReportingCountry;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(CountingUnit Unit, ReferenceDate Reference), FactView> _views = [];
    private long _generation = -1;

    /// <summary>The generation the snapshot has replayed up to; -1 before it is first built (the journal lag metric).</summary>
    public long Generation => Interlocked.Read(ref _generation);
    private VictimFacts.PersonClusters _clusters = new([]);
    private ILookup<Guid, Guid> _members = Array.Empty<Guid>().ToLookup(g => g);

    /// <summary>Runs <paramref name="read"/> on the facts of persons or cases by a reference date, as the database stands now.</summary>
    public async Task<T> ReadAsync<T>(SigurDb db, CountingUnit unit, ReferenceDate reference, Func<FactView, T> read, CancellationToken ct)
    {
        if (unit == CountingUnit.Proceeding) throw new ArgumentException("Proceedings are counted from the database.", nameof(unit));
        await _gate.WaitAsync(ct);
        try
        {
            var key = (unit, reference);
            if (!_views.ContainsKey(key) || await StatisticsJournal.CurrentAsync(db, ct) != _generation)
                await RefreshAsync(db, key, ct);
            return read(_views[key]);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RefreshAsync(SigurDb db, (CountingUnit Unit, ReferenceDate Reference) wanted, CancellationToken ct)
    {
        try
        {
            // One consistent view of the database: the generation, the journal up to it, and the rows it names.
            // (SQLite: a deferred transaction reads one snapshot of the WAL without holding off writers.)
            await using var tx = db.IsPostgres
                ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct)
                : (await db.Database.UseTransactionAsync(((SqliteConnection)await OpenAsync(db, ct)).BeginTransaction(deferred: true), ct))!;
            var generation = await StatisticsJournal.CurrentAsync(db, ct);
            if (_views.Count == 0) SetClusters(new VictimFacts.PersonClusters(await VictimFacts.LinksAsync(db, ct)));
            else if (generation != _generation) await CatchUpAsync(db, generation, ct);
            if (!_views.ContainsKey(wanted))
            {
                var rows = await VictimFacts.RowsAsync(db, null, wanted.Reference == ReferenceDate.Decision, ct);
                var view = new FactView(wanted.Unit == CountingUnit.Person);
                view.Replace([], Owned(rows, wanted.Unit, wanted.Reference));
                _views[wanted] = view;
            }
            _generation = generation;
            await tx.CommitAsync(ct);
        }
        catch
        {
            // Half-applied changes must never be counted: start again from the database next time.
            _views.Clear();
            _generation = -1;
            throw;
        }
    }

    private static async Task<System.Data.Common.DbConnection> OpenAsync(SigurDb db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return db.Database.GetDbConnection();
    }

    /// <summary>Replays the journal after the snapshot's generation up to <paramref name="generation"/>.</summary>
    private async Task CatchUpAsync(SigurDb db, long generation, CancellationToken ct)
    {
        var changes = await db.Set<StatisticsChange>().AsNoTracking()
            .Where(c => c.Generation > _generation && c.Generation <= generation)
            .Select(c => new { c.PersonId, c.CaseId, c.ImportBatchId }).ToListAsync(ct);
        var persons = changes.Where(c => c.PersonId is not null).Select(c => c.PersonId!.Value).ToHashSet();
        foreach (var chunk in changes.Where(c => c.CaseId is not null).Select(c => c.CaseId!.Value).Distinct().Chunk(10_000))
            persons.UnionWith(await db.Cases.IgnoreQueryFilters().Where(c => chunk.Contains(c.Id)).Select(c => c.PersonId).ToListAsync(ct));
        var batches = changes.Where(c => c.ImportBatchId is not null).Select(c => c.ImportBatchId!.Value).Distinct().ToList();
        if (batches.Count > 0)
            persons.UnionWith(await db.Set<ImportedRecord>().Where(r => batches.Contains(r.BatchId))
                .Join(db.Cases.IgnoreQueryFilters(), r => r.CaseId, c => c.Id, (r, c) => c.PersonId).ToListAsync(ct));
        if (persons.Count == 0) return;

        // A changed link can join or split clusters: recount everyone in a touched person's cluster, before and after.
        var (oldClusters, oldMembers) = (_clusters, _members);
        SetClusters(new VictimFacts.PersonClusters(await VictimFacts.LinksAsync(db, ct)));
        var load = new HashSet<Guid>();
        foreach (var p in persons)
        {
            load.UnionWith(ClusterOf(oldClusters, oldMembers, p));
            load.UnionWith(ClusterOf(_clusters, _members, p));
        }
        var rows = await VictimFacts.RowsAsync(db, load, _views.Keys.Any(k => k.Reference == ReferenceDate.Decision), ct);
        foreach (var ((unit, reference), view) in _views)
        {
            var stale = unit == CountingUnit.Person ? load.Select(oldClusters.Find).ToHashSet() : load;
            view.Replace(stale, Owned(rows, unit, reference));
        }
    }

    private void SetClusters(VictimFacts.PersonClusters clusters)
    {
        _clusters = clusters;
        _members = clusters.Members();
    }

    private static IEnumerable<Guid> ClusterOf(VictimFacts.PersonClusters clusters, ILookup<Guid, Guid> members, Guid person)
    {
        var root = clusters.Find(person);
        return members.Contains(root) ? members[root] : [person];
    }

    /// <summary>
    /// The facts of <paramref name="rows"/>, each with its owner: the person cluster for persons (all its facts are
    /// one unit), the case's person for cases, so that a person's journal row finds every fact it may have changed.
    /// </summary>
    private IEnumerable<(Guid Owner, VictimFact Fact)> Owned(List<VictimFacts.CaseRow> rows, CountingUnit unit, ReferenceDate reference)
    {
        var facts = VictimFacts.Build(rows, _clusters, unit, reference, _reportingCountry);
        if (unit == CountingUnit.Person) return facts.Select(f => (f.Unit, f));
        var personOf = rows.ToDictionary(r => r.Id, r => r.PersonId);
        return facts.Select(f => (personOf[f.Unit], f));
    }
}

/// <summary>
/// The facts of one counting unit and reference date, as columns of small integer keys (one key per distinct value
/// of a column, e.g. a set of citizenships), with a live-fact histogram per key. Slots of removed facts are reused.
/// </summary>
public sealed class FactView(bool factsOfAnOwnerAreOneUnit)
{
    /// <summary>A column: what a fact's key is made of, and which dimensions read only that.</summary>
    private sealed record Column(Func<VictimFact, string> Key, string[] Dimensions);

    private static readonly Column[] Columns =
    [
        new(f => f.Year?.ToString(CultureInfo.InvariantCulture) ?? "", ["year"]),
        new(f => f.Sex.ToString(), ["sex", "sexeurostat"]),
        new(f => $"{f.Age}|{f.PossiblyChild}", ["agegroup", "ageband"]),
        new(f => string.Join(' ', f.Citizenships), ["citizenship", "nationality", "citizenshipgroup"]),
        new(f => string.Join(' ', f.Forms), ["form", "formgroup"]),
        new(f => f.Status.ToString(), ["status"]),
        new(f => f.Channel.ToString(), ["channel"]),
        new(f => f.Region, ["region"]),
        new(f => f.Trafficking.ToString(), ["trafficking"]),
        new(f => string.Join(' ', f.ExploitationCountries), ["exploitationcountry"]),
        new(f => $"{f.Outcome}|{f.Stage}", ["outcome", "stage"]),
    ];

    /// <summary>The column each dimension reads; a dimension missing here would fail every table that uses it (a test checks all).</summary>
    internal static int ColumnOf(Dimension d) => Array.FindIndex(Columns, c => c.Dimensions.Contains(d.Name));

    private sealed class Keys
    {
        public readonly Dictionary<string, int> Ids = new(StringComparer.Ordinal);
        /// <summary>The first fact seen with each key: every fact with that key falls in the same categories.</summary>
        public readonly List<VictimFact> Exemplars = [];
        public readonly List<int> Live = [];
    }

    private readonly Keys[] _keys = [.. Columns.Select(_ => new Keys())];
    private readonly int[][] _columns = [.. Columns.Select(_ => Array.Empty<int>())];
    private int[] _unit = []; // the first slot of the fact's unit; −1 for a free slot
    private bool[] _shared = []; // the unit has several facts (a person in several years)
    private int[] _next = []; // the owner's next slot, −1 at the end
    private int _slots;
    private readonly Stack<int> _free = [];
    private readonly Dictionary<Guid, int> _ownerHead = [];

    public int Count => _slots - _free.Count;

    /// <summary>Drops every fact of <paramref name="staleOwners"/>, then adds <paramref name="facts"/> under their owners.</summary>
    internal void Replace(IEnumerable<Guid> staleOwners, IEnumerable<(Guid Owner, VictimFact Fact)> facts)
    {
        foreach (var owner in staleOwners) Drop(owner);
        foreach (var group in facts.GroupBy(f => f.Owner))
        {
            Drop(group.Key);
            var slots = group.Select(f => Add(f.Fact)).ToList();
            for (var i = 0; i < slots.Count; i++)
            {
                _next[slots[i]] = i + 1 < slots.Count ? slots[i + 1] : -1;
                // A person's facts are one unit (counted once in a total across years); each case is a unit of its own.
                _unit[slots[i]] = factsOfAnOwnerAreOneUnit ? slots[0] : slots[i];
                _shared[slots[i]] = factsOfAnOwnerAreOneUnit && slots.Count > 1;
            }
            _ownerHead[group.Key] = slots[0];
        }
    }

    private void Drop(Guid owner)
    {
        if (!_ownerHead.Remove(owner, out var slot)) return;
        for (; slot >= 0; slot = _next[slot]) Free(slot);
    }

    private int Add(VictimFact fact)
    {
        if (!_free.TryPop(out var slot))
        {
            slot = _slots++;
            if (slot == _unit.Length) Grow(Math.Max(1024, slot * 2));
        }
        for (var c = 0; c < Columns.Length; c++)
        {
            var keys = _keys[c];
            var text = Columns[c].Key(fact);
            if (!keys.Ids.TryGetValue(text, out var id))
            {
                keys.Ids[text] = id = keys.Exemplars.Count;
                keys.Exemplars.Add(fact);
                keys.Live.Add(0);
            }
            keys.Live[id]++;
            _columns[c][slot] = id;
        }
        return slot;
    }

    private void Free(int slot)
    {
        for (var c = 0; c < Columns.Length; c++) _keys[c].Live[_columns[c][slot]]--;
        _unit[slot] = -1;
        _free.Push(slot);
    }

    private void Grow(int size)
    {
        for (var c = 0; c < Columns.Length; c++) Array.Resize(ref _columns[c], size);
        Array.Resize(ref _unit, size);
        Array.Resize(ref _shared, size);
        Array.Resize(ref _next, size);
    }

    /// <summary>Each dimension's categories: the fixed list, or the values some live fact has.</summary>
    internal List<string>[] Categories(Dimension[] dims, StatisticsContext context) =>
    [
        .. dims.Select(d =>
        {
            var keys = _keys[ColumnOf(d)];
            var present = Enumerable.Range(0, keys.Exemplars.Count).Where(k => keys.Live[k] > 0).SelectMany(k => d.Values(keys.Exemplars[k], context));
            return Dimensions.Categories(d, present).ToList();
        }),
    ];

    /// <summary>
    /// Counts for the lattice. One pass sorts the facts: a fact that is its unit's only one and falls in one category
    /// of every dimension (nearly all) is added to the finest table, whose sums give every coarser table exactly;
    /// the rest (a person in several years, a person with two citizenships) are counted unit by unit as elsewhere.
    /// </summary>
    internal Func<IReadOnlyList<string>[], Action<FreeTables.Node>> Counter(Dimension[] dims, StatisticsContext context) => categories =>
    {
        var k = dims.Length;
        var strides = new int[k];
        var size = 1;
        for (var d = k - 1; d >= 0; d--) { strides[d] = size; size *= Math.Max(categories[d].Count, 1); }
        var columns = new int[k][];
        var keyCategories = new int[k][][];
        var single = new int[k][];
        for (var d = 0; d < k; d++)
        {
            var keys = _keys[ColumnOf(dims[d])];
            var lookup = categories[d].Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.OrdinalIgnoreCase);
            columns[d] = _columns[ColumnOf(dims[d])];
            keyCategories[d] = [.. keys.Exemplars.Select(f => dims[d].Values(f, context).Where(lookup.ContainsKey).Select(v => lookup[v]).Distinct().ToArray())];
            single[d] = [.. keyCategories[d].Select(cs => cs.Length == 1 ? cs[0] * strides[d] : -1)];
        }

        // One pass per core over its share of the slots, each into tables of its own, added up after. A lone fact
        // with several categories (two citizenships) counts like every other lone fact with the same keys: those are
        // counted once, times their number. A person's several facts are counted person by person.
        var parts = Math.Max(1, Math.Min(Environment.ProcessorCount, _slots / 100_000));
        var partial = new (int[] Finest, Dictionary<long, (int Slot, int Count)> Alike, List<int> Shared)[parts];
        Parallel.For(0, parts, part =>
        {
            var (from, to) = ((long)_slots * part / parts, (long)_slots * (part + 1) / parts);
            var counts = new int[size];
            var alike = new Dictionary<long, (int Slot, int Count)>();
            var shared = new List<int>();
            for (var slot = (int)from; slot < to; slot++)
            {
                if (_unit[slot] < 0) continue;
                if (_shared[slot]) { shared.Add(slot); continue; }
                var index = 0;
                for (var d = 0; d < k && index >= 0; d++)
                {
                    var s = single[d][columns[d][slot]];
                    index = s < 0 ? -1 : index + s;
                }
                if (index >= 0) { counts[index]++; continue; }
                var key = 0L;
                for (var d = 0; d < k; d++) key = key * keyCategories[d].Length + columns[d][slot];
                alike[key] = alike.TryGetValue(key, out var seen) ? (seen.Slot, seen.Count + 1) : (slot, 1);
            }
            partial[part] = (counts, alike, shared);
        });
        var finest = partial[0].Finest;
        var lone = partial[0].Alike;
        for (var part = 1; part < parts; part++)
        {
            for (var cell = 0; cell < size; cell++) finest[cell] += partial[part].Finest[cell];
            foreach (var (key, (slot, count)) in partial[part].Alike)
                lone[key] = lone.TryGetValue(key, out var seen) ? (seen.Slot, seen.Count + count) : (slot, count);
        }
        var persons = partial.SelectMany(p => p.Shared).GroupBy(s => _unit[s]).ToList();
        var facts = lone.Values.Select(a => a.Slot).Concat(persons.SelectMany(g => g)).ToList();
        var position = facts.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        var coded = new FreeTables.CodedFacts(
            [.. facts.Select(s => Enumerable.Range(0, k).Select(d => keyCategories[d][columns[d][s]]).ToArray())],
            [.. lone.Values.Select(a => new[] { position[a.Slot] }), .. persons.Select(g => g.Select(s => position[s]).ToArray())],
            [.. lone.Values.Select(a => a.Count), .. persons.Select(_ => 1)]);

        return node =>
        {
            var projection = node.Dims.Select(d => (Stride: strides[d], Size: Math.Max(categories[d].Count, 1))).ToArray();
            for (var cell = 0; cell < finest.Length; cell++)
            {
                if (finest[cell] == 0) continue;
                var target = 0;
                for (var j = 0; j < projection.Length; j++) target += cell / projection[j].Stride % projection[j].Size * node.Strides[j];
                node.Values[target] += finest[cell];
            }
            coded.AddTo(node);
        };
    };
}
