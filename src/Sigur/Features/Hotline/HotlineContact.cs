using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;

namespace Sigur.Features.Hotline;

/// <summary>
/// One contact with the hotline (a "signal"): a call, SMS, chat, e-mail, walk-in or web form, logged by an operator in
/// under a minute — channel, caller type and urgency are all that is required. It belongs to the hotline's
/// organisation, can stay anonymous, and can later become (part of) a case, which keeps the link (<see cref="CaseId"/>).
/// </summary>
public sealed class HotlineContact : IOrganisationOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    /// <summary>A non-identifying reference for the phone and the notifications: H-YYYY-NNNNNN.</summary>
    public required string Reference { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public DateTime ReceivedAt { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public ContactChannel Channel { get; set; }
    /// <summary>ISO 639 code of the language of the contact.</summary>
    [FieldGroup(FieldGroups.CaseAdministration)] public string Language { get; set; } = "";
    [FieldGroup(FieldGroups.CaseAdministration)] public CallerType CallerType { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public bool Anonymous { get; set; }
    /// <summary>Who called and how to reach them back, when they agree to say. Encrypted; empty for an anonymous contact.</summary>
    [Sensitive(FieldGroups.Contact)] public string CallerContact { get; set; } = "";
    /// <summary>The region the contact is about (where the situation is), not the caller's address.</summary>
    [FieldGroup(FieldGroups.Location)] public string Region { get; set; } = "";
    [Sensitive(FieldGroups.Narrative)] public string WhatHappened { get; set; } = "";
    [FieldGroup(FieldGroups.CaseAdministration)] public ContactUrgency Urgency { get; set; }
    [Sensitive(FieldGroups.Narrative)] public string AdviceGiven { get; set; } = "";
    [FieldGroup(FieldGroups.CaseAdministration)] public ContactOutcome Outcome { get; set; }
    [Sensitive(FieldGroups.Narrative)] public string FollowUp { get; set; } = "";
    [FieldGroup(FieldGroups.CaseAdministration)] public DateTime? FollowUpOn { get; set; }
    public Guid? OperatorId { get; set; }
    /// <summary>The case this contact became part of.</summary>
    [FieldGroup(FieldGroups.CaseAdministration)] public Guid? CaseId { get; set; }
    public long Version { get; set; }
}

public enum ContactChannel { Call, Sms, Chat, Email, WalkIn, WebForm }

public enum CallerType { PossibleVictim, Family, Witness, Professional, Anonymous, Other }

/// <summary>Urgent and Emergency contacts alert whoever is on duty.</summary>
public enum ContactUrgency { Routine, Urgent, Emergency }

public enum ContactOutcome { InformationGiven, AdviceGiven, ReferredToPolice, ReferredToServices, CaseOpened, NoFurtherAction, Unrelated }

/// <summary>Who coordinates the hotline's urgent contacts, and when.</summary>
public sealed class HotlineDutyShift : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid UserId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
}

/// <summary>Hands out hotline references year by year, like case references.</summary>
public sealed class HotlineReferenceCounter
{
    public int Year { get; set; }
    public int Next { get; set; }
}

public static class HotlineModel
{
    public static DbSet<HotlineContact> HotlineContacts(this SigurDb db) => db.Set<HotlineContact>();
    public static DbSet<HotlineDutyShift> HotlineDutyShifts(this SigurDb db) => db.Set<HotlineDutyShift>();

    public static void Configure(SigurDb db, ModelBuilder b)
    {
        b.Entity<HotlineContact>(e =>
        {
            e.HasIndex(c => c.Reference).IsUnique();
            e.HasIndex(c => new { c.OrganisationId, c.ReceivedAt });
            e.HasIndex(c => c.CaseId);
            e.Property(c => c.Reference).HasMaxLength(20);
            e.Property(c => c.Language).HasMaxLength(3);
            e.Property(c => c.Region).HasMaxLength(100);
            e.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
        });
        db.ScopeToOrganisation<HotlineContact>(b);
        b.Entity<HotlineDutyShift>(e => e.HasIndex(s => new { s.OrganisationId, s.EndsAt }));
        db.ScopeToOrganisation<HotlineDutyShift>(b);
        b.Entity<HotlineReferenceCounter>(e => e.HasKey(c => c.Year));
    }
}
