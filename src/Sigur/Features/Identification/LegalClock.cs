using Sigur.Platform;

namespace Sigur.Features.Identification;

/// <summary>
/// A legal deadline running on a case: the first identification decision, the recovery and reflection period
/// (CETS 197 art. 13), a temporary residence permit (art. 14), or an assistance-plan review. All dates are days
/// (UTC midnight); "today" always comes from <see cref="TimeProvider"/>, so tests move the clock instead of waiting.
/// </summary>
public sealed class LegalClock : ICaseOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public ClockType Type { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public ClockState State { get; set; } = ClockState.Running;
    /// <summary>When it started: the intake, the start of the recovery period, the permit's issue date, the plan's approval.</summary>
    [FieldGroup(FieldGroups.CaseAdministration)] public DateTime StartsOn { get; set; }
    /// <summary>The deadline: decision due, recovery period's last day, permit valid until, review due.</summary>
    [FieldGroup(FieldGroups.CaseAdministration)] public DateTime DueOn { get; set; }
    /// <summary>The deadline first set, before extensions and renewals.</summary>
    public DateTime OriginalDueOn { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public DateTime? CompletedOn { get; set; }
    /// <summary>Who is reminded (the user who started it, or who registered the case); null: the whole organisation.</summary>
    [FieldGroup(FieldGroups.CaseAdministration)] public Guid? ResponsibleUserId { get; set; }
    /// <summary>What the clock is about beyond the case, for example the assistance plan it reviews.</summary>
    public Guid? SubjectId { get; set; }
    /// <summary>Extension reasons, renewal notes, completion notes. Encrypted.</summary>
    [Sensitive(FieldGroups.Narrative)] public string Notes { get; set; } = "";
    [FieldGroup(FieldGroups.CaseAdministration)] public int Extensions { get; set; }

    // Temporary residence permit only.
    [FieldGroup(FieldGroups.Documents)] public ResidencePermitType? PermitType { get; set; }
    [FieldGroup(FieldGroups.Documents)] public DateTime? RenewalRequestedOn { get; set; }
    [FieldGroup(FieldGroups.Documents)] public DateTime? RenewalDecidedOn { get; set; }
    [FieldGroup(FieldGroups.Documents)] public bool? RenewalGranted { get; set; }
    [FieldGroup(FieldGroups.Documents)] public int Renewals { get; set; }

    public long Version { get; set; }

    public static DateTime Day(DateOnly d) => d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    public static DateOnly DayOf(DateTime d) => DateOnly.FromDateTime(d);

    /// <summary>Moves the deadline later (a recovery period's extension, a rescheduled review).</summary>
    public Refusal? Extend(DateOnly newDueOn, string reason)
    {
        if (State != ClockState.Running) return new Refusal("Only a running clock can be extended.");
        if (Type is ClockType.IdentificationDecision or ClockType.ResidencePermit)
            return Type == ClockType.ResidencePermit
                ? new Refusal("A residence permit is extended by a renewal decision.")
                : new Refusal("The identification deadline is set by law and cannot be extended.");
        if (newDueOn <= DayOf(DueOn)) return new Refusal("An extension must end later than the current deadline.");
        DueOn = Day(newDueOn);
        Extensions++;
        AppendNote($"Extended to {newDueOn:yyyy-MM-dd}: {reason}");
        return null;
    }

    public Refusal? RequestRenewal(DateOnly requestedOn)
    {
        if (Type != ClockType.ResidencePermit) return new Refusal("Only a residence permit is renewed.");
        if (State != ClockState.Running) return new Refusal("The permit is no longer running.");
        if (RenewalRequestedOn is not null && RenewalDecidedOn is null) return new Refusal("A renewal is already pending.");
        RenewalRequestedOn = Day(requestedOn);
        RenewalDecidedOn = null;
        RenewalGranted = null;
        return null;
    }

    /// <summary>A renewal granted moves the permit's expiry to <paramref name="validUntil"/>; refused, the permit runs out.</summary>
    public Refusal? DecideRenewal(DateOnly decidedOn, bool granted, DateOnly? validUntil)
    {
        if (Type != ClockType.ResidencePermit) return new Refusal("Only a residence permit is renewed.");
        if (RenewalRequestedOn is null || RenewalDecidedOn is not null) return new Refusal("No renewal is pending.");
        if (decidedOn < DayOf(RenewalRequestedOn.Value)) return new Refusal("The renewal cannot be decided before it was requested.");
        RenewalDecidedOn = Day(decidedOn);
        RenewalGranted = granted;
        if (granted)
        {
            DueOn = Day(validUntil!.Value);
            Renewals++;
        }
        return null;
    }

    public Refusal? Complete(DateOnly on, string note)
    {
        if (State != ClockState.Running) return new Refusal("The clock has already stopped.");
        State = ClockState.Completed;
        CompletedOn = Day(on);
        if (note.Length > 0) AppendNote(note);
        return null;
    }

    private void AppendNote(string note) => Notes = Notes.Length == 0 ? note : $"{Notes}\n{note}";

    /// <summary>Where the clock stands on <paramref name="today"/>, for the dashboard and the reminders.</summary>
    public ReminderStage StageOn(DateOnly today)
    {
        if (State != ClockState.Running) return ReminderStage.None;
        var due = DayOf(DueOn);
        if (today > due) return ReminderStage.Overdue;
        if (today == due) return ReminderStage.Due;
        if (today >= due.AddDays(-ReminderLeadDays(Type))) return ReminderStage.Upcoming;
        return ReminderStage.None;
    }

    /// <summary>
    /// How many days ahead a reminder is sent: a permit a month ahead (its renewal takes time), a recovery period and a
    /// plan review a week ahead, the first identification decision two days ahead (it is only five working days long).
    /// </summary>
    public static int ReminderLeadDays(ClockType type) => type switch
    {
        ClockType.ResidencePermit => 30,
        ClockType.IdentificationDecision => 2,
        _ => 7,
    };
}

public enum ClockType { IdentificationDecision, RecoveryPeriod, ResidencePermit, AssistancePlanReview }

public enum ClockState { Running, Completed }

public enum ReminderStage { None, Upcoming, Due, Overdue }

/// <summary>CETS 197 art. 14(1): (a) the person's personal situation, (b) cooperation with the authorities.</summary>
public enum ResidencePermitType { PersonalSituation, CooperationWithAuthorities, Humanitarian, Other }
