using Sigur.Platform;

namespace Sigur.Features.Fund;

/// <summary>
/// Start here for the Direct Assistance Fund. Donors give grants (an amount in one currency, for a period), split
/// into budget lines by category. Workers ask the fund to pay a cost for a case (a disbursement); a fund officer
/// other than the requester approves it (four eyes). Two rules hold whatever the concurrency, both in the
/// approval's transaction: a budget line is never overspent (a conditional update of its approved total), and the
/// same cost (case, supplier, receipt reference) is never paid twice (a unique index). Money is long minor units
/// with an ISO 4217 currency code.
/// </summary>
public sealed class Donor : IOrganisationOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The organisation that runs the fund.</summary>
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }
    public long Version { get; set; }
}

public sealed class Grant : IOrganisationOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid DonorId { get; set; }
    public required string Name { get; set; }
    public long Amount { get; set; }
    public string Currency { get; set; } = "EUR";
    public DateTime PeriodStart { get; set; }
    public DateTime PeriodEnd { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// A grant's money for one category. <see cref="Approved"/> grows only by UPDATE … SET approved = approved + @amount
/// WHERE approved + @amount &lt;= amount, inside the approval's transaction (and a check constraint says the same).
/// </summary>
public sealed class BudgetLine : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid GrantId { get; set; }
    public AssistanceCategory Category { get; set; }
    public long Amount { get; set; }
    public long Approved { get; set; }
    public string Currency { get; set; } = "EUR";
}

/// <summary>A request to pay one cost for a case from one budget line.</summary>
public sealed class Disbursement : IOrganisationOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The requesting organisation (which holds or was referred the case).</summary>
    public Guid OrganisationId { get; set; }
    /// <summary>The fund's organisation: its officers decide.</summary>
    public Guid FundOrganisationId { get; set; }
    public Guid CaseId { get; set; }
    public string CaseReference { get; set; } = "";
    public Guid BudgetLineId { get; set; }
    public AssistanceCategory Category { get; set; }
    public long Amount { get; set; }
    public string Currency { get; set; } = "EUR";
    public string Purpose { get; set; } = "";
    public string Supplier { get; set; } = "";
    /// <summary>The supplier folded (case, spaces) so that "Apteka Zdravje" and "APTEKA  ZDRAVJE" are one supplier.</summary>
    public string SupplierKey { get; set; } = "";
    public string ReceiptReference { get; set; } = "";
    public DisbursementStatus Status { get; set; } = DisbursementStatus.Requested;
    public DateTime RequestedAt { get; set; }
    public Guid RequestedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public Guid? DecidedBy { get; set; }
    public string RejectReason { get; set; } = "";
    public long Version { get; set; }

    public static string KeyOf(string supplier) =>
        string.Join(' ', supplier.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}

public enum AssistanceCategory { Psychological, Medical, Food, Accommodation, Documents, Legal, EducationVocational, Reintegration, Other }

public enum DisbursementStatus { Requested, Approved, Rejected }

public sealed record BudgetLineView(Guid Id, AssistanceCategory Category, long Amount, long Approved, long Pending, long Available, string Currency);

public sealed record GrantView(Guid Id, Guid OrganisationId, Guid DonorId, string DonorName, string Name, long Amount, string Currency,
    DateOnly PeriodStart, DateOnly PeriodEnd, long Approved, IReadOnlyList<BudgetLineView> Lines);

public sealed record DisbursementView(
    Guid Id, Guid OrganisationId, Guid FundOrganisationId, Guid CaseId, string CaseReference, Guid BudgetLineId, AssistanceCategory Category, long Amount,
    string Currency, string Purpose, string Supplier, string ReceiptReference, DisbursementStatus Status, DateTime RequestedAt, Guid RequestedBy,
    DateTime? DecidedAt, Guid? DecidedBy, string RejectReason, long Version)
{
    public static DisbursementView From(Disbursement d) => new(
        d.Id, d.OrganisationId, d.FundOrganisationId, d.CaseId, d.CaseReference, d.BudgetLineId, d.Category, d.Amount, d.Currency, d.Purpose,
        d.Supplier, d.ReceiptReference, d.Status, d.RequestedAt, d.RequestedBy, d.DecidedAt, d.DecidedBy, d.RejectReason, d.Version);
}

internal static class Money
{
    public static bool IsCurrency(string? code) => code is { Length: 3 } && code.All(char.IsAsciiLetterUpper);
}
