using System.ComponentModel.DataAnnotations;

namespace Sigur.Features.Statistics;

/// <summary>The section "Statistics": how small a cell may be shown, and whose mechanism this is (README, Configuration).</summary>
public sealed class StatisticsSettings : IValidatableObject
{
    /// <summary>Cells below this are withheld on pages and in the API (internal use).</summary>
    [Range(0, 1000, ErrorMessage = "a count from 0 to 1000")]
    public int SuppressionThreshold { get; set; } = 5;

    /// <summary>The same for published reports (templates) and <c>--publication</c> tables.</summary>
    [Range(0, 1000, ErrorMessage = "a count from 0 to 1000")]
    public int PublicationThreshold { get; set; } = 11;

    /// <summary>The country whose mechanism this is (ISO 3166-1 alpha-2): national or foreign, internal or cross-border.</summary>
    [Required, RegularExpression("^[A-Z]{2}$", ErrorMessage = "an ISO 3166-1 alpha-2 code in capitals, such as MK")]
    public string ReportingCountry { get; set; } = "MK";

    public StatisticsContext Context => new(ReportingCountry);

    public int Threshold(bool publication) => publication ? PublicationThreshold : SuppressionThreshold;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // What is published is never less protected than what is shown inside.
        if (PublicationThreshold < SuppressionThreshold)
            yield return new ValidationResult("at least Statistics:SuppressionThreshold", [nameof(PublicationThreshold)]);
    }
}
