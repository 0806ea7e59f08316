using System.ComponentModel.DataAnnotations;

namespace Sigur.Features.CrossBorder;

/// <summary>The section "CrossBorder": how the dispatcher delivers packages.</summary>
public sealed class CrossBorderSettings
{
    /// <summary>How often the dispatcher looks for due packages (it is also woken by each new one).</summary>
    [Range(0.01, 3600, ErrorMessage = "between 0.01 and 3600 seconds")]
    public double PollSeconds { get; set; } = 5;

    /// <summary>The first retry waits about this long; each next one twice as long (with jitter), up to <see cref="RetryMaxSeconds"/>.</summary>
    [Range(0.01, 3600, ErrorMessage = "between 0.01 and 3600 seconds")]
    public double RetryBaseSeconds { get; set; } = 5;

    [Range(0.01, 86400, ErrorMessage = "between 0.01 and 86400 seconds")]
    public double RetryMaxSeconds { get; set; } = 3600;

    /// <summary>A package not delivered within this many days expires (and a peer refuses it after that).</summary>
    [Range(1, 90, ErrorMessage = "between 1 and 90 days")]
    public int PackageLifetimeDays { get; set; } = 7;
}
