namespace Sigur.Features.Reintegration;

public sealed record ContactView(Guid Id, DateOnly ContactOn, Situation Housing, Situation Work, Situation Education, Situation Health, RiskLevel Risk, string Note)
{
    public static ContactView From(FollowUpContact c) => new(c.Id, DateOnly.FromDateTime(c.ContactOn), c.Housing, c.Work, c.Education, c.Health, c.Risk, c.Note);
}

public sealed record FollowUpView(Guid Id, DateOnly StartedOn, DateOnly? ClosedOn, ReintegrationOutcome? Outcome, string ClosureNote, IReadOnlyList<ContactView> Contacts, long Version);

public sealed record ReturnView(Guid Id, string DestinationCountry, ReturnStatus Status, RiskLevel RetraffickingRisk, string RiskAssessment, string FamilySituation,
    string ServicesAtDestination, string TravelArrangements, string ReceptionArrangements, DateOnly PlannedDeparture, DateOnly? DepartedOn,
    IReadOnlyList<ContactView> FollowUps, long Version)
{
    public static ReturnView From(VoluntaryReturn r, IEnumerable<FollowUpContact> contacts) => new(r.Id, r.DestinationCountry, r.Status, r.RetraffickingRisk,
        r.RiskAssessment, r.FamilySituation, r.ServicesAtDestination, r.TravelArrangements, r.ReceptionArrangements, DateOnly.FromDateTime(r.PlannedDeparture),
        r.DepartedOn is { } d ? DateOnly.FromDateTime(d) : null, [.. contacts.OrderBy(c => c.ContactOn).Select(ContactView.From)], r.Version);
}

public sealed record CaseReintegrationView(IReadOnlyList<FollowUpView> FollowUps, IReadOnlyList<ReturnView> Returns);
