using Sigur.Data;
using Sigur.Features.Cases;

namespace Sigur.Features.Identification;

/// <summary>
/// The deadline for the first identification decision, started at registration: so many working days from the intake,
/// per country. The first decision (presumed or not a victim) stops it.
/// </summary>
public static class IdentificationDeadline
{
    public static LegalClock Start(SigurDb db, Case c, string country, IdentificationRules rules, Guid? responsibleUserId)
    {
        var intake = DateOnly.FromDateTime(c.IntakeDate);
        var due = LegalClock.Day(rules.FirstDecisionDue(country, intake));
        var clock = new LegalClock
        {
            CaseId = c.Id, OrganisationId = c.OrganisationId, Type = ClockType.IdentificationDecision, StartsOn = c.IntakeDate,
            DueOn = due, OriginalDueOn = due, ResponsibleUserId = responsibleUserId,
        };
        db.LegalClocks().Add(clock);
        return clock;
    }
}
