namespace Sigur.Platform;

/// <summary>The roles of PRODUCT.md §8. A user holds exactly one role within one organisation.</summary>
public enum Role
{
    HotlineOperator,
    CaseWorker,
    ShelterStaff,
    PoliceInvestigator,
    Prosecutor,
    FundOfficer,
    Analyst,
    NationalCoordinator,
    Administrator,
    /// <summary>
    /// The data-protection officer of the national coordinator's office: reviews the persons that the duplicate scan
    /// finds held by two organisations, seeing only what deciding needs, and decides whether they are one person.
    /// </summary>
    DataProtectionOfficer,
    /// <summary>
    /// A case workers' supervisor within a holding organisation: works cases like a case worker, and also sees the
    /// team's caseload, reassigns cases and tasks, and approves assistance plans (the second pair of eyes).
    /// </summary>
    Supervisor,
    /// <summary>
    /// The secretariat of the National Commission (usually staff of the national coordinator's office): convenes bodies,
    /// schedules their meetings, keeps minutes and decisions, keeps the action plan and the donor-project registry.
    /// Sees aggregates and coordination records only, never a case.
    /// </summary>
    Secretariat,
    /// <summary>
    /// An institution's representative in a coordination body (a ministry, the police, an NGO, an international
    /// organisation): sees the bodies the institution sits in and reports the progress of its own action-plan activities.
    /// </summary>
    BodyMember,
}

/// <summary>
/// Named authorisation policies. Every endpoint and page names one of these explicitly;
/// a test enumerates the endpoints and fails on any without.
/// </summary>
public static class Policies
{
    /// <summary>Read case records of one's own organisation (need-to-know, filtered per record in SigurDb).</summary>
    public const string CaseRead = nameof(CaseRead);
    /// <summary>Register and edit cases.</summary>
    public const string CaseWrite = nameof(CaseWrite);
    /// <summary>De-identified aggregates only, never records.</summary>
    public const string Aggregates = nameof(Aggregates);
    /// <summary>Organisations, users, the audit log and break-glass review.</summary>
    public const string Administration = nameof(Administration);
    /// <summary>Emergency access to another organisation's case, with a stated reason (audited, alerted).</summary>
    public const string BreakGlass = nameof(BreakGlass);
    /// <summary>Log hotline contacts of one's own organisation's hotline, turn them into cases, keep the duty roster.</summary>
    public const string Hotline = nameof(Hotline);
    /// <summary>Suspects, offenders and the full record of criminal proceedings: police, prosecution, the coordinator's office.</summary>
    public const string Justice = nameof(Justice);
    /// <summary>Any signed-in user (own profile, code lists).</summary>
    public const string SignedIn = nameof(SignedIn);
    /// <summary>Send referrals, and answer those sent to one's organisation (its inbox).</summary>
    public const string Refer = nameof(Refer);
    /// <summary>Disclose without consent where a life is in danger (or a child must be protected), and approve such a disclosure afterwards.</summary>
    public const string DisclosureOverride = nameof(DisclosureOverride);
    /// <summary>The shelter directory: names, regions, places and occupancy (never addresses, except to the coordinator's office).</summary>
    public const string ShelterDirectory = nameof(ShelterDirectory);
    /// <summary>Run a shelter: places, admissions, discharges, the waiting list.</summary>
    public const string ShelterManage = nameof(ShelterManage);
    /// <summary>Change a shelter's places and see its occupancy over time: the shelter's own staff, and the coordinator's office for every shelter.</summary>
    public const string ShelterPlaces = nameof(ShelterPlaces);
    /// <summary>The Direct Assistance Fund's budget lines and balances, and one's own disbursement requests.</summary>
    public const string FundRead = nameof(FundRead);
    /// <summary>Ask the fund to pay a cost for a case.</summary>
    public const string FundRequest = nameof(FundRequest);
    /// <summary>Donors, grants and budget lines; approving (the second pair of eyes) or rejecting disbursements.</summary>
    public const string FundManage = nameof(FundManage);
    /// <summary>Add and edit services in the directory: one's own organisation's entries (administrators: any organisation's).</summary>
    public const string ServiceDirectoryEdit = nameof(ServiceDirectoryEdit);
    /// <summary>Mobile identification teams the organisation coordinates or belongs to: members, field visits, reports.</summary>
    public const string MobileTeams = nameof(MobileTeams);
    /// <summary>The cross-organisation duplicate review queue and its scan: the coordinator's data-protection officer only.</summary>
    public const string DataProtection = nameof(DataProtection);
    /// <summary>The team's caseload, reassigning cases and tasks, approving assistance plans: supervisors of the holding organisation.</summary>
    public const string Supervise = nameof(Supervise);

    /// <summary>Peer countries, their keys, the packages in and out, and answering referrals from abroad: the national coordinator's office.</summary>
    public const string CrossBorder = nameof(CrossBorder);

    /// <summary>The coordination workspace: the bodies one's institution convenes or sits in, their meetings and decisions, the action plan, projects, trainings (never case data).</summary>
    public const string Coordination = nameof(Coordination);
    /// <summary>Convene bodies, schedule meetings, keep minutes and decisions, keep the action plan and the registries: the secretariat and the coordinator.</summary>
    public const string CoordinationManage = nameof(CoordinationManage);

    public static readonly string[] All =
        [CaseRead, CaseWrite, Aggregates, Administration, BreakGlass, Hotline, Justice, SignedIn, Refer, DisclosureOverride, ShelterDirectory, ShelterManage, FundRead, FundRequest, FundManage, ServiceDirectoryEdit, MobileTeams, ShelterPlaces, DataProtection, Supervise, CrossBorder, Coordination, CoordinationManage];

    public static readonly Role[] CaseReaders =
        [Role.HotlineOperator, Role.CaseWorker, Role.ShelterStaff, Role.PoliceInvestigator, Role.Prosecutor, Role.FundOfficer, Role.Supervisor];
    public static readonly Role[] CaseWriters = [Role.HotlineOperator, Role.CaseWorker, Role.PoliceInvestigator, Role.Supervisor];
    public static readonly Role[] AggregateReaders = [Role.Analyst, Role.NationalCoordinator];
    public static readonly Role[] Administrators = [Role.Administrator];
    public static readonly Role[] BreakGlassUsers = [Role.CaseWorker, Role.PoliceInvestigator];
    // Hotline staff turn contacts into cases, so every hotline role is also a case writer.
    public static readonly Role[] HotlineStaff = [Role.HotlineOperator, Role.CaseWorker];
    public static readonly Role[] JusticeUsers = [Role.PoliceInvestigator, Role.Prosecutor, Role.NationalCoordinator];
    public static readonly Role[] Referrers = [Role.HotlineOperator, Role.CaseWorker, Role.ShelterStaff, Role.PoliceInvestigator, Role.Supervisor];
    public static readonly Role[] ShelterDirectoryReaders = [.. Referrers, Role.NationalCoordinator];
    public static readonly Role[] ShelterManagers = [Role.ShelterStaff];
    public static readonly Role[] ShelterPlaceKeepers = [Role.ShelterStaff, Role.NationalCoordinator];
    public static readonly Role[] FundReaders = [Role.CaseWorker, Role.ShelterStaff, Role.FundOfficer, Role.NationalCoordinator];
    // A fund officer asks only where their organisation sees the case (the page offers the form only there).
    public static readonly Role[] FundRequesters = [Role.CaseWorker, Role.ShelterStaff, Role.FundOfficer];
    public static readonly Role[] FundManagers = [Role.FundOfficer];
    public static readonly Role[] ServiceDirectoryEditors = [Role.CaseWorker, Role.ShelterStaff, Role.Administrator];
    // Field work of social workers and police, coordinated by the national coordinator's office.
    public static readonly Role[] MobileTeamUsers = [Role.CaseWorker, Role.PoliceInvestigator, Role.NationalCoordinator];
    public static readonly Role[] DataProtectionOfficers = [Role.DataProtectionOfficer];
    public static readonly Role[] Supervisors = [Role.Supervisor];
    public static readonly Role[] CrossBorderCoordinators = [Role.NationalCoordinator];
    public static readonly Role[] CoordinationUsers = [Role.Secretariat, Role.BodyMember, Role.NationalCoordinator];
    public static readonly Role[] CoordinationManagers = [Role.Secretariat, Role.NationalCoordinator];

    public static Role[] RolesOf(string policy) => policy switch
    {
        CaseRead => CaseReaders,
        CaseWrite => CaseWriters,
        Aggregates => AggregateReaders,
        Administration => Administrators,
        BreakGlass => BreakGlassUsers,
        Hotline => HotlineStaff,
        Justice => JusticeUsers,
        SignedIn => Enum.GetValues<Role>(),
        Refer => Referrers,
        DisclosureOverride => BreakGlassUsers,
        ShelterDirectory => ShelterDirectoryReaders,
        ShelterManage => ShelterManagers,
        ShelterPlaces => ShelterPlaceKeepers,
        FundRead => FundReaders,
        FundRequest => FundRequesters,
        FundManage => FundManagers,
        ServiceDirectoryEdit => ServiceDirectoryEditors,
        MobileTeams => MobileTeamUsers,
        DataProtection => DataProtectionOfficers,
        Supervise => Supervisors,
        CrossBorder => CrossBorderCoordinators,
        Coordination => CoordinationUsers,
        CoordinationManage => CoordinationManagers,
        _ => throw new ArgumentOutOfRangeException(nameof(policy)),
    };
}
