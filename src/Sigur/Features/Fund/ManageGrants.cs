using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Web;

namespace Sigur.Features.Fund;

/// <summary>Donors, grants with their budget lines, and the balances of every line.</summary>
public static class ManageGrants
{
    public const string Policy = Policies.FundManage;
    public const string ReadPolicy = Policies.FundRead;

    public sealed record DonorRequest(string Name);

    public sealed record DonorView(Guid Id, string Name);

    public sealed record LineInput(AssistanceCategory Category, long Amount);

    public sealed record GrantRequest(Guid DonorId, string Name, long Amount, string Currency, DateOnly PeriodStart, DateOnly PeriodEnd, IReadOnlyList<LineInput> Lines);

    public static async Task<Results<Created<DonorView>, ValidationProblem>> AddDonor(DonorRequest request, SigurDb db, CurrentUser user, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["A name of at most 200 characters."] });
        var donor = new Donor { OrganisationId = user.OrganisationId!.Value, Name = request.Name.Trim() };
        db.Add(donor);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/fund/donors/{donor.Id}", new DonorView(donor.Id, donor.Name));
    }

    /// <summary>The donors of the user's fund, by name.</summary>
    public static Task<List<DonorView>> Donors(SigurDb db, CancellationToken ct) =>
        db.Held<Donor>().AsNoTracking().OrderBy(d => d.Name).Take(500).Select(d => new DonorView(d.Id, d.Name)).ToListAsync(ct);

    public static async Task<Results<Created<GrantView>, ValidationProblem, ProblemHttpResult>> AddGrant(GrantRequest request, SigurDb db, CurrentUser user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200) errors["name"] = ["A name of at most 200 characters."];
        if (!Money.InRange(request.Amount)) errors["amount"] = [Money.RangeMessage];
        if (!Money.IsCurrency(request.Currency)) errors["currency"] = ["An ISO 4217 code such as EUR or MKD."];
        if (request.PeriodEnd < request.PeriodStart) errors["periodEnd"] = ["The period ends after it starts."];
        if (request.Lines is null || request.Lines.Count == 0 || request.Lines.Any(l => !Money.InRange(l.Amount) || !Enum.IsDefined(l.Category))
            || request.Lines.GroupBy(l => l.Category).Any(g => g.Count() > 1))
            errors["lines"] = ["At least one line; each a known category, once, with a positive amount of at most 1,000,000,000,000 minor units."];
        else if (Money.Total(request.Lines.Select(l => l.Amount)) > request.Amount) errors["lines"] = ["The lines add up to more than the grant."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var donor = await db.Held<Donor>().SingleOrDefaultAsync(d => d.Id == request.DonorId, ct);
        if (donor is null) return Problems.NotFound();

        var org = user.OrganisationId!.Value;
        var grant = new Grant
        {
            OrganisationId = org, DonorId = donor.Id, Name = request.Name.Trim(), Amount = request.Amount, Currency = request.Currency,
            PeriodStart = request.PeriodStart.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), PeriodEnd = request.PeriodEnd.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        };
        db.Add(grant);
        var lines = request.Lines!.Select(l => new BudgetLine { OrganisationId = org, GrantId = grant.Id, Category = l.Category, Amount = l.Amount, Currency = grant.Currency }).ToList();
        db.AddRange(lines);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/fund/grants/{grant.Id}", View(grant, donor.Name, lines, new Dictionary<Guid, long>()));
    }

    /// <summary>Every grant with its lines: amount, approved, pending requests and what is still available.</summary>
    [Policy(ReadPolicy)]
    public static async Task<Ok<List<GrantView>>> Budget(SigurDb db, CancellationToken ct)
    {
        var grants = await db.Set<Grant>().AsNoTracking().OrderBy(g => g.PeriodStart).ThenBy(g => g.Name).Take(500).ToListAsync(ct);
        var grantIds = grants.Select(g => g.Id).ToList();
        var donorIds = grants.Select(g => g.DonorId).Distinct().ToList();
        var donors = await db.Set<Donor>().AsNoTracking().Where(d => donorIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var lines = await db.Set<BudgetLine>().AsNoTracking().Where(l => grantIds.Contains(l.GrantId)).ToListAsync(ct);
        var lineIds = lines.Select(l => l.Id).ToList();
        // Pending sums over every requester, not only those the user may list: balances are not personal data.
        // Added up here, not by SUM in SQL: SQLite's SUM fails on overflow and PostgreSQL's returns a numeric beyond a long.
        var pending = (await db.Set<Disbursement>().IgnoreQueryFilters().AsNoTracking()
            .Where(d => lineIds.Contains(d.BudgetLineId) && d.Status == DisbursementStatus.Requested)
            .Select(d => new { d.BudgetLineId, d.Amount }).ToListAsync(ct))
            .GroupBy(d => d.BudgetLineId).ToDictionary(g => g.Key, g => Money.Total(g.Select(d => d.Amount)));
        return TypedResults.Ok(grants.ConvertAll(g => View(g, donors.GetValueOrDefault(g.DonorId, ""), lines.Where(l => l.GrantId == g.Id), pending)));
    }

    private static GrantView View(Grant g, string donor, IEnumerable<BudgetLine> lines, IReadOnlyDictionary<Guid, long> pending)
    {
        var views = lines.OrderBy(l => l.Category).Select(l => new BudgetLineView(l.Id, l.Category, l.Amount, l.Approved,
            pending.GetValueOrDefault(l.Id), l.Amount - l.Approved, l.Currency, l.Paid)).ToList();
        return new GrantView(g.Id, g.OrganisationId, g.DonorId, donor, g.Name, g.Amount, g.Currency, DateOnly.FromDateTime(g.PeriodStart),
            DateOnly.FromDateTime(g.PeriodEnd), Money.Total(views.Select(v => v.Approved)), views, Money.Total(views.Select(v => v.Paid)),
            Money.Total(views.Select(v => v.Pending)), Money.Total(views.Select(v => v.Available)), g.Amount - Money.Total(views.Select(v => v.Amount)));
    }
}
