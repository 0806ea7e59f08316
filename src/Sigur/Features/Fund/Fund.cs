using Sigur.Platform;

namespace Sigur.Features.Fund;

/// <summary>
/// Start here for the Direct Assistance Fund. Donors give grants (an amount in one currency, for a period), split
/// into budget lines by category. Workers ask the fund to pay a cost for a case (a disbursement); a fund officer
/// other than the requester approves it (four eyes). Two rules hold whatever the concurrency, both in the
/// approval's transaction: a budget line is never overspent (a conditional update of its approved total), and the
/// same cost (case, supplier, receipt reference) is never paid twice (a unique index). Once the supplier is paid, the
/// officer records the payment against the receipt (<see cref="RecordPayment"/>). Money is long minor units with an
/// ISO 4217 currency code.
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
    /// <summary>Of <see cref="Approved"/>, what has been paid against receipts.</summary>
    public long Paid { get; set; }
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
    [Sensitive(FieldGroups.Narrative)] public string Purpose { get; set; } = "";
    /// <summary>Often a private landlord: encrypted like a name.</summary>
    [Sensitive(FieldGroups.Contact)] public string Supplier { get; set; } = "";
    /// <summary>
    /// The cost as a keyed token (<see cref="FieldProtection.SearchToken"/>) of the supplier folded (case, spaces: "Apteka
    /// Zdravje" and "APTEKA  ZDRAVJE" are one supplier) and the receipt reference, both of which are stored encrypted:
    /// the same cost of a case is found, and refused by a unique index, without either being readable.
    /// </summary>
    public string CostKey { get; set; } = "";
    [Sensitive(FieldGroups.Narrative)] public string ReceiptReference { get; set; } = "";
    public DisbursementStatus Status { get; set; } = DisbursementStatus.Requested;
    public DateTime RequestedAt { get; set; }
    public Guid RequestedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public Guid? DecidedBy { get; set; }
    [Sensitive(FieldGroups.Narrative)] public string RejectReason { get; set; } = "";

    /// <summary>The receipt's date and amount, as paid; at most the approved amount (the rest goes back to the line).</summary>
    public DateTime? ReceiptDate { get; set; }
    public long? PaidAmount { get; set; }
    /// <summary>The bank transfer or cash voucher reference of the payment.</summary>
    public string PaymentReference { get; set; } = "";
    public DateTime? PaidOn { get; set; }
    public DateTime? PaymentRecordedAt { get; set; }
    public Guid? PaymentRecordedBy { get; set; }
    public long Version { get; set; }

    public static string CostKeyOf(FieldProtection protection, string supplier, string receiptReference) => protection.SearchToken(string.Join('\u001f',
        "disbursement cost", string.Join(' ', supplier.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant(), receiptReference.Trim()));
}

public enum AssistanceCategory { Psychological, Medical, Food, Accommodation, Documents, Legal, EducationVocational, Reintegration, Other }

public enum DisbursementStatus { Requested, Approved, Rejected, Paid }

/// <summary>A line's balance: <see cref="Approved"/> includes what is <see cref="Paid"/>; <see cref="Available"/> is the amount less approved.</summary>
public sealed record BudgetLineView(Guid Id, AssistanceCategory Category, long Amount, long Approved, long Pending, long Available, string Currency, long Paid);

/// <summary>A grant with its balance (the sums of its lines) and the lines'. Lines need not use up the grant: <see cref="Unallocated"/>.</summary>
public sealed record GrantView(Guid Id, Guid OrganisationId, Guid DonorId, string DonorName, string Name, long Amount, string Currency,
    DateOnly PeriodStart, DateOnly PeriodEnd, long Approved, IReadOnlyList<BudgetLineView> Lines, long Paid, long Pending, long Available, long Unallocated);

public sealed record DisbursementView(
    Guid Id, Guid OrganisationId, Guid FundOrganisationId, Guid CaseId, string CaseReference, Guid BudgetLineId, AssistanceCategory Category, long Amount,
    string Currency, string Purpose, string Supplier, string ReceiptReference, DisbursementStatus Status, DateTime RequestedAt, Guid RequestedBy,
    DateTime? DecidedAt, Guid? DecidedBy, string RejectReason, long Version,
    DateOnly? ReceiptDate = null, long? PaidAmount = null, DateOnly? PaidOn = null, string PaymentReference = "")
{
    public static DisbursementView From(Disbursement d) => new(
        d.Id, d.OrganisationId, d.FundOrganisationId, d.CaseId, d.CaseReference, d.BudgetLineId, d.Category, d.Amount, d.Currency, d.Purpose,
        d.Supplier, d.ReceiptReference, d.Status, d.RequestedAt, d.RequestedBy, d.DecidedAt, d.DecidedBy, d.RejectReason, d.Version,
        d.ReceiptDate is { } r ? DateOnly.FromDateTime(r) : null, d.PaidAmount, d.PaidOn is { } p ? DateOnly.FromDateTime(p) : null, d.PaymentReference);
}

internal static class Money
{
    public static bool IsCurrency(string? code) => code is { Length: 3 } && code.All(char.IsAsciiLetterUpper);

    /// <summary>
    /// The largest amount anything in the fund may hold, in minor units: 10^12, ten billion in the main unit. A
    /// national fund's whole yearly budget is far below it even in denars or dinars (about 60 and 117 to the euro),
    /// and 9.2 million amounts at this bound still add up within a long, so no balance of a line, a grant or a report
    /// can overflow; the sums are computed wide regardless (see <see cref="Total"/>).
    /// </summary>
    public const long MaxAmount = 1_000_000_000_000;

    public const string RangeMessage = "A positive amount in minor units, at most 1,000,000,000,000.";

    public static bool InRange(long minor) => minor is > 0 and <= MaxAmount;

    /// <summary>A sum that cannot overflow: added in 128 bits, and beyond a long (millions of amounts at the bound) shown as the largest long.</summary>
    public static long Total(IEnumerable<long> amounts)
    {
        Int128 total = 0;
        foreach (var a in amounts) total += a;
        return total > long.MaxValue ? long.MaxValue : total < long.MinValue ? long.MinValue : (long)total;
    }

    /// <summary>A number typed on a page (always with a decimal point) in minor units; 0 when it is not one or is beyond <see cref="MaxAmount"/>, which validation then refuses.</summary>
    public static long MinorFrom(string? amount) =>
        decimal.TryParse(amount?.Replace(',', '.'), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var a)
            && a > 0 && a <= MaxAmount / 100m
            ? (long)decimal.Round(a * 100m) : 0;
}
