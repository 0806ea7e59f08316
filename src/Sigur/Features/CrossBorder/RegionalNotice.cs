namespace Sigur.Features.CrossBorder;

/// <summary>
/// A notice to the region's coordinators without personal data (a new recruitment pattern, a warning), signed and
/// sent to every peer like any package, and shown to the coordinators of each. Kept here as sent or as received.
/// </summary>
public sealed class RegionalNotice
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The sender's message id (for a notice received); one per peer for a notice sent.</summary>
    public Guid? MessageId { get; set; }
    public bool Received { get; set; }
    /// <summary>The country it came from (received) or this one (sent).</summary>
    public required string Country { get; set; }
    public required string Title { get; set; }
    public required string Text { get; set; }
    public DateTime At { get; set; }
}

/// <summary>The content of a notice package.</summary>
public sealed record NoticeContent(string Title, string Text);
