using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Identification;
using Sigur.Platform;
using Sigur.Platform.Audit;

namespace Sigur.Features.Admin;

/// <summary>
/// A realistic demo and scale data set: the organisations of a national mechanism, one user per role, and cases of
/// persons with Albanian, Serbian and Macedonian names (Macedonian ones in Cyrillic, the others in Latin), with the
/// forms of exploitation, intake channels and countries seen in the region. Deterministic for a given seed. The same
/// generator makes the 1,000,000 cases of the benchmarks.
/// </summary>
public static class DemoData
{
    public sealed record Credential(string UserName, Role Role, string Organisation, string Password);

    public sealed record Result(IReadOnlyList<Credential> Credentials, int Cases)
    {
        public string CredentialsTable()
        {
            var sb = new StringBuilder("Demo accounts (demo mode only; each enrols an authenticator app at first sign-in):\n");
            foreach (var c in Credentials) sb.AppendLine($"  {c.UserName,-14} {c.Role,-20} {c.Password}   ({c.Organisation})");
            return sb.ToString();
        }
    }

    private static readonly (string Name, OrganisationType Type, string Region)[] Organisations =
    [
        ("Ministry of Interior — Unit against Trafficking", OrganisationType.Police, "Skopje"),
        ("Border Police — Regional Centre South", OrganisationType.BorderPolice, "Gevgelija"),
        ("Public Prosecution for Organised Crime", OrganisationType.Prosecution, "Skopje"),
        ("Inter-municipal Social Work Centre", OrganisationType.SocialWorkCentre, "Skopje"),
        ("Shelter for Victims of Trafficking", OrganisationType.ShelterOperator, "Undisclosed"),
        ("Open Gate — SOS Hotline", OrganisationType.Ngo, "Skopje"),
        ("Labour Inspectorate", OrganisationType.LabourInspection, "Bitola"),
        ("Clinical Hospital", OrganisationType.Health, "Tetovo"),
    ];

    // Which organisation each demo role sits in (index into Organisations; -1: the coordinator's office).
    private static readonly (Role Role, int Organisation, string UserName)[] Accounts =
    [
        (Role.HotlineOperator, 5, "hotline"), (Role.CaseWorker, 3, "caseworker"), (Role.ShelterStaff, 4, "shelter"),
        (Role.PoliceInvestigator, 0, "police"), (Role.Prosecutor, 2, "prosecutor"), (Role.FundOfficer, -1, "fund"),
        (Role.Analyst, -1, "analyst"), (Role.NationalCoordinator, -1, "coordinator"), (Role.DataProtectionOfficer, -1, "dpo"), (Role.Supervisor, 3, "supervisor"),
        (Role.Secretariat, -1, "secretariat"), (Role.BodyMember, 3, "member"),
    ];

    // The demo mechanism is North Macedonia's (cases are mostly "MK"): its statistical regions.
    private static readonly IReadOnlyList<string> CaseRegions = Cases.Regions.Of("MK");
    private static readonly string[] Foreign = ["AL", "RS", "XK", "BG", "MD", "UA", "SY", "AF", "PK", "RO", "BA", "ME"];

    public static async Task<Result> SeedAsync(IServiceProvider services, int cases, IProgress<int>? progress, CancellationToken ct, int seed = 20261125)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<SigurDb>();
        var office = await db.Organisations.FirstAsync(o => o.Type == OrganisationType.NationalCoordinatorOffice, ct);
        var orgs = new List<Organisation>();
        foreach (var (name, type, region) in Organisations)
        {
            var existing = await db.Organisations.FirstOrDefaultAsync(o => o.Name == name, ct);
            if (existing is null) { existing = new Organisation { Name = name, Type = type, Region = region }; db.Organisations.Add(existing); }
            orgs.Add(existing);
        }
        await db.SaveChangesAsync(ct);

        var users = sp.GetRequiredService<UserManager<SigurUser>>();
        var credentials = new List<Credential>();
        foreach (var (role, orgIndex, userName) in Accounts)
        {
            if (await users.FindByNameAsync(userName) is not null) continue;
            var org = orgIndex < 0 ? office : orgs[orgIndex];
            var password = ManageUsers.OneTimePassword();
            var user = new SigurUser { UserName = userName, DisplayName = $"Demo {role}", OrganisationId = org.Id, Role = role };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded) throw new InvalidOperationException("Demo user could not be created: " + string.Join("; ", created.Errors.Select(e => e.Code)));
            credentials.Add(new Credential(userName, role, org.Name, password));
        }

        // Cases sit with the organisations that register them in practice: police, border police, social work, the hotline NGO.
        var holders = new[] { orgs[0], orgs[1], orgs[3], orgs[5], orgs[4] };
        var made = await GenerateCasesAsync(services, holders, cases, progress, ct, seed);
        await DemoActivity.SeedAsync(services, orgs, office, ct);
        var audit = sp.GetRequiredService<Audit>();
        await audit.EventAsync(AuditAction.Create, "DemoData", reason: $"seed-demo: {made} cases");
        return new Result(credentials, made);
    }

    /// <summary>Inserts <paramref name="count"/> generated persons with one case each, in batches, through SigurDb (so encrypted and indexed).</summary>
    public static async Task<int> GenerateCasesAsync(IServiceProvider services, IReadOnlyList<Organisation> holders, int count, IProgress<int>? progress, CancellationToken ct, int seed = 20261125)
    {
        var names = DemoNames.Load();
        var random = new Random(seed);
        var clock = services.GetRequiredService<TimeProvider>();
        var rules = services.GetService<IdentificationRules>() ?? new IdentificationRules();
        var now = clock.GetUtcNow().UtcDateTime;
        const int batchSize = 2000;
        var perYear = new Dictionary<int, int>();
        await using (var scope0 = services.CreateAsyncScope())
        {
            var db0 = scope0.ServiceProvider.GetRequiredService<SigurDb>();
            foreach (var c in await db0.CaseReferenceCounters.ToListAsync(ct)) perYear[c.Year] = c.Next;
        }
        for (var done = 0; done < count;)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var n = Math.Min(batchSize, count - done);
            for (var i = 0; i < n; i++)
            {
                var holder = holders[random.Next(holders.Count)];
                var person = names.NewPerson(random, holder.Id, now);
                db.Persons.Add(person);
                await NameIndex.RefreshAsync(db, person, ct);
                var registered = now.AddDays(-random.Next(0, 365 * 8)).AddMinutes(-random.Next(0, 1440));
                var number = perYear[registered.Year] = perYear.GetValueOrDefault(registered.Year) + 1;
                var (c, status) = NewCase(random, person, holder, registered, $"{registered.Year}-{number:D6}");
                db.Cases.Add(c);
                NameIndex.AddCase(db, c, person);
                foreach (var decision in DecideTowards(random, c, status, holder, now, rules.FormalAuthority(holder.Country)))
                    db.IdentificationDecisions().Add(decision);
            }
            await db.SaveChangesAsync(ct);
            done += n;
            progress?.Report(done);
        }
        await using (var scope1 = services.CreateAsyncScope())
        {
            var db1 = scope1.ServiceProvider.GetRequiredService<SigurDb>();
            foreach (var (year, next) in perYear)
            {
                var counter = await db1.CaseReferenceCounters.FindAsync([year], ct);
                if (counter is null) db1.CaseReferenceCounters.Add(new CaseReferenceCounter { Year = year, Next = next });
                else counter.Next = next;
            }
            await db1.SaveChangesAsync(ct);
        }
        return count;
    }

    /// <summary>A case drawn at random, and the identification status its decisions are to reach.</summary>
    private static (Case Case, IdentificationStatus Status) NewCase(Random random, Person person, Organisation holder, DateTime registered, string reference)
    {
        var forms = random.Next(10) switch
        {
            < 5 => new List<string> { "SexualExploitation" },
            < 8 => ["ForcedLabour"],
            8 => ["ForcedBegging"],
            _ => ["ForcedMarriage", "SexualExploitation"],
        };
        var foreign = random.Next(4) == 0;
        var origin = foreign ? Foreign[random.Next(Foreign.Length)] : "MK";
        var c = new Case
        {
            Reference = reference,
            OrganisationId = holder.Id,
            PersonId = person.Id,
            RegisteredAt = registered,
            IntakeDate = registered.Date,
            IntakeChannel = holder.Type switch
            {
                OrganisationType.Police => IntakeChannel.Police,
                OrganisationType.BorderPolice => IntakeChannel.BorderPolice,
                OrganisationType.SocialWorkCentre => IntakeChannel.SocialWorkCentre,
                OrganisationType.Ngo => IntakeChannel.Hotline,
                _ => IntakeChannel.Ngo,
            },
            Status = (CaseStatus)random.Next(3),
            FormsOfExploitation = forms,
            MeansOfControl = [CodeLists.MeansOfControl[random.Next(CodeLists.MeansOfControl.Count - 1)]],
            CountriesOfOrigin = [origin],
            CountriesOfExploitation = [random.Next(3) == 0 ? Foreign[random.Next(Foreign.Length)] : "MK"],
            Region = CaseRegions[random.Next(CaseRegions.Count)],
            Narrative = "Demo narrative: met during a field visit; reports withheld wages and confiscated documents.",
        };
        return (c, (IdentificationStatus)random.Next(4));
    }

    private static readonly Dictionary<IdentificationStatus, string> DemoReasons = new()
    {
        [IdentificationStatus.Presumed] = "Demo: screening found deceptive recruitment and withheld documents; presumed victim pending the formal decision.",
        [IdentificationStatus.Identified] = "Demo: interview and evidence confirm recruitment by deception and exploitation; identified as a victim.",
        [IdentificationStatus.NotAVictim] = "Demo: the indicators were not confirmed; irregular work without coercion.",
    };

    /// <summary>
    /// The decisions that take a new case (potential) to <paramref name="status"/>, through <see cref="Case.Decide"/> as
    /// a real decision would: presumed within days of intake, identified weeks later, "not a victim" from either; each
    /// with the holder as deciding body and, for "identified", the country's formal identification authority.
    /// </summary>
    private static List<IdentificationDecision> DecideTowards(Random random, Case c, IdentificationStatus status, Organisation holder, DateTime now, string? formalAuthority)
    {
        IdentificationStatus[] path = status switch
        {
            IdentificationStatus.Presumed => [IdentificationStatus.Presumed],
            IdentificationStatus.Identified => [IdentificationStatus.Presumed, IdentificationStatus.Identified],
            IdentificationStatus.NotAVictim => random.Next(2) == 0 ? [IdentificationStatus.NotAVictim] : [IdentificationStatus.Presumed, IdentificationStatus.NotAVictim],
            _ => [],
        };
        var body = holder.Type switch
        {
            OrganisationType.Police or OrganisationType.BorderPolice => DecidingBodyType.Police,
            OrganisationType.Prosecution or OrganisationType.Court => DecidingBodyType.CourtOrProsecution,
            OrganisationType.Ngo or OrganisationType.ShelterOperator => DecidingBodyType.Ngo,
            _ => DecidingBodyType.NonPoliceGovernmentalOrganization,
        };
        var history = new List<IdentificationDecision>(path.Length);
        var on = c.IntakeDate;
        foreach (var to in path)
        {
            var later = on.AddDays(to == IdentificationStatus.Presumed ? random.Next(0, 5) : random.Next(7, 60));
            on = later > now.Date ? now.Date : later;
            var recorded = on.AddHours(10) > now ? now : on.AddHours(10);
            var authority = to == IdentificationStatus.Identified ? formalAuthority ?? "" : "";
            if (c.Decide(to, new DecisionBasis(on, body, holder.Name, holder.Id, authority, DemoReasons[to], null, recorded), history, out var decision) is { } refusal)
                throw new InvalidOperationException(refusal.ToString()); // a demo path the rules refuse is a bug here
            history.Add(decision);
        }
        return history;
    }
}

/// <summary>The name lists shipped with the demo generator (Features/Admin/Demo/names.csv, MIT, from faker-cxx).</summary>
internal sealed class DemoNames
{
    private readonly Dictionary<string, string[]> _lists;

    private DemoNames(Dictionary<string, string[]> lists) => _lists = lists;

    private static DemoNames? _loaded;

    public static DemoNames Load()
    {
        if (_loaded is not null) return _loaded;
        using var stream = typeof(DemoNames).Assembly.GetManifestResourceStream("Sigur.DemoNames.csv")!;
        using var reader = new StreamReader(stream);
        reader.ReadLine();
        var lists = new Dictionary<string, List<string>>();
        while (reader.ReadLine() is { } line)
        {
            var comma = line.IndexOf(',');
            if (comma <= 0) continue;
            var list = line[..comma];
            if (!lists.TryGetValue(list, out var names)) lists[list] = names = [];
            names.Add(line[(comma + 1)..]);
        }
        return _loaded = new DemoNames(lists.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));
    }

    private string Pick(Random random, string list) => _lists[list][random.Next(_lists[list].Length)];

    public Person NewPerson(Random random, Guid organisationId, DateTime now)
    {
        var female = random.Next(10) < 7;
        var (given, family) = random.Next(3) switch
        {
            0 => (Pick(random, female ? "albanianFemaleFirstNames" : "albanianMaleFirstNames"), Pick(random, "albanianLastNames")),
            1 => (Pick(random, female ? "serbianFemaleFirstNames" : "serbianMaleFirstNames"), Pick(random, "serbianLastNames")),
            _ => (Pick(random, female ? "macedonianFemaleFirstNames" : "macedonianMaleFirstNames"),
                  Pick(random, female ? "macedonianFemaleLastNames" : "macedonianMaleLastNames")),
        };
        var age = random.Next(10) < 3 ? random.Next(12, 18) : random.Next(18, 45);
        var birth = DateOnly.FromDateTime(now).AddYears(-age).AddDays(-random.Next(0, 365));
        return new Person
        {
            OrganisationId = organisationId,
            GivenName = given,
            FamilyName = family,
            Sex = female ? Sex.Female : Sex.Male,
            DateOfBirth = random.Next(5) == 0 ? birth.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) : birth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Citizenships = [random.Next(4) == 0 ? "AL" : "MK"],
            Languages = [random.Next(3) == 0 ? "sq" : "mk"],
            Contact = random.Next(2) == 0 ? $"+389 7{random.Next(0, 9)} {random.Next(100, 999)} {random.Next(100, 999)}" : "",
            CreatedAt = now,
        };
    }
}
