using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Identification;

/// <summary>
/// A case's identification on one page: status and the decision form, the history with review and appeal, screenings,
/// the legal clocks, and a child's protection record. Every form calls the same use case as the API.
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class CaseModel(SigurDb db, Platform.Audit.Audit audit, TimeProvider clock, IdentificationRules rules, CurrentUser me, IStringLocalizer<SharedResource> L) : PageModel
{
    public GetIdentification.Response View { get; private set; } = null!;
    public IReadOnlyList<ManageChecklists.Summary> Checklists { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public string? Refusal { get; private set; }

    /// <summary>The deciding body the decision form offers first: the kind the user's organisation is.</summary>
    public DecidingBodyType DefaultBody { get; private set; }

    public sealed class DecisionForm
    {
        public IdentificationStatus To { get; set; }
        public DateOnly DecidedOn { get; set; }
        public DecidingBodyType DecidingBodyType { get; set; }
        public string? DecidingOrganisation { get; set; }
        public string? FormalAuthority { get; set; }
        public string? Reasons { get; set; }
        public bool StartRecoveryPeriod { get; set; }
        public IdentificationStatus ExpectedFrom { get; set; }
    }

    public sealed class ReviewForm
    {
        public DecisionKind Kind { get; set; } = DecisionKind.Review;
        public ReviewOutcome Outcome { get; set; }
        public DateOnly DecidedOn { get; set; }
        public DecidingBodyType DecidingBodyType { get; set; }
        public string? DecidingOrganisation { get; set; }
        public string? Reasons { get; set; }
    }

    public sealed class ClockForm
    {
        public DateOnly From { get; set; }
        public DateOnly Until { get; set; }
        public int? Days { get; set; }
        public ResidencePermitType PermitType { get; set; }
        public string? Note { get; set; }
        public long Version { get; set; }
    }

    public sealed class RenewalForm
    {
        public long Version { get; set; }
        public DateOnly DecidedOn { get; set; }
        public bool Granted { get; set; }
        public DateOnly? ValidUntil { get; set; }
    }

    public sealed class AgeForm
    {
        public DateOnly AssessedOn { get; set; }
        public AgeAssessmentOutcome Outcome { get; set; }
        public string? AssessedBy { get; set; }
        public int? EstimatedAge { get; set; }
        public string? Notes { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    [Policy(DecideIdentification.Policy)]
    public Task<IActionResult> OnPostDecideAsync(Guid id, DecisionForm decision, CancellationToken ct) => Write(id, ct, () => R(DecideIdentification.Handle(id, new DecideIdentification.Request(decision.To, decision.DecidedOn, decision.DecidingBodyType, decision.Reasons ?? "",
            decision.DecidingOrganisation, decision.FormalAuthority, decision.ExpectedFrom, decision.StartRecoveryPeriod), db, me, clock, rules, ct)));

    [Policy(ReviewDecision.Policy)]
    public Task<IActionResult> OnPostReviewAsync(Guid id, Guid decisionId, ReviewForm review, CancellationToken ct) => Write(id, ct, () => R(ReviewDecision.Handle(id, decisionId, new ReviewDecision.Request(review.Kind, review.Outcome, review.DecidedOn, review.DecidingBodyType, review.Reasons ?? "",
            review.DecidingOrganisation), db, me, clock, ct)));

    [Policy(StartRecoveryPeriod.Policy)]
    public Task<IActionResult> OnPostRecoveryAsync(Guid id, ClockForm clockForm, CancellationToken ct) => Write(id, ct, () => R(StartRecoveryPeriod.Handle(id, new StartRecoveryPeriod.Request(clockForm.From, clockForm.Days, clockForm.Note), db, me, clock, rules, ct)));

    [Policy(RecordResidencePermit.Policy)]
    public Task<IActionResult> OnPostPermitAsync(Guid id, ClockForm clockForm, CancellationToken ct) => Write(id, ct, () => R(RecordResidencePermit.Handle(id, new RecordResidencePermit.Request(clockForm.PermitType, clockForm.From, clockForm.Until, clockForm.Note), db, me, clock, ct)));

    [Policy(SchedulePlanReview.Policy)]
    public Task<IActionResult> OnPostPlanReviewAsync(Guid id, ClockForm clockForm, CancellationToken ct) => Write(id, ct, () => R(SchedulePlanReview.Handle(id, new SchedulePlanReview.Request(clockForm.Until, null, clockForm.Note), db, me, clock, ct)));

    [Policy(ChangeClock.Policy)]
    public Task<IActionResult> OnPostExtendAsync(Guid id, Guid clockId, ClockForm clockForm, CancellationToken ct) => Write(id, ct, () => R(ChangeClock.Extend(clockId, new ChangeClock.Extension(clockForm.Version, clockForm.Until, clockForm.Note ?? ""), db, clock, ct)));

    [Policy(ChangeClock.Policy)]
    public Task<IActionResult> OnPostCompleteAsync(Guid id, Guid clockId, ClockForm clockForm, CancellationToken ct) => Write(id, ct, () => R(ChangeClock.Complete(clockId, new ChangeClock.Completion(clockForm.Version, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), clockForm.Note), db, clock, ct)));

    [Policy(ChangeClock.Policy)]
    public Task<IActionResult> OnPostRenewalRequestAsync(Guid id, Guid clockId, ClockForm clockForm, CancellationToken ct) => Write(id, ct, () => R(ChangeClock.RequestRenewal(clockId, new ChangeClock.RenewalRequest(clockForm.Version, clockForm.From), db, clock, ct)));

    [Policy(ChangeClock.Policy)]
    public Task<IActionResult> OnPostRenewalDecisionAsync(Guid id, Guid clockId, RenewalForm renewal, CancellationToken ct) => Write(id, ct, () => R(ChangeClock.DecideRenewal(clockId, new ChangeClock.RenewalDecision(renewal.Version, renewal.DecidedOn, renewal.Granted, renewal.Granted ? renewal.ValidUntil : null), db, clock, ct)));

    [Policy(AssessAge.Policy)]
    public Task<IActionResult> OnPostAgeAsync(Guid id, AgeForm age, CancellationToken ct) => Write(id, ct, () => R(AssessAge.Handle(id, new AssessAge.Request(age.AssessedOn, age.Outcome, age.AssessedBy ?? "", age.EstimatedAge, age.Notes), db, clock, ct)));

    [Policy(RecordChildProtection.Policy)]
    public Task<IActionResult> OnPostChildAsync(Guid id, RecordChildProtection.Request child, CancellationToken ct) => Write(id, ct, () => R(RecordChildProtection.Handle(id, child, db, clock, ct)));

    private static async Task<IResult> R<T>(Task<T> useCase) where T : INestedHttpResult => (await useCase).Result;

    /// <summary>Runs a use case; success goes back to the page, a refusal or invalid input is shown on it.</summary>
    private async Task<IActionResult> Write(Guid id, CancellationToken ct, Func<Task<IResult>> useCase)
    {
        return await this.AnswerAsync(await useCase(), L, L["Saved."], () => RedirectToPage("Case", new { id }),
            async () => await LoadAsync(id, ct) ? Page() : NotFound(), new() { Fields = [], Refused = refusal => Refusal = refusal });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var result = await GetIdentification.Handle(id, db, audit, clock, rules, ct);
        if (result.Result is not Ok<GetIdentification.Response> { Value: { } view }) return false;
        View = view;
        var type = await db.Organisations.AsNoTracking().Where(o => o.Id == me.OrganisationId).Select(o => (OrganisationType?)o.Type).SingleOrDefaultAsync(ct);
        DefaultBody = type is { } t ? DecidingBodies.Of(t) : DecidingBodyType.Other;
        Checklists = await ManageChecklists.List(view.IsChild ? ChecklistAudience.Child : null, null, db, ct);
        return true;
    }
}
