using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Features.Account;
using Sigur.Features.Admin;
using Sigur.Features.Cases;
using Sigur.Features.Duplicates;
using Sigur.Features.Hotline;
using Sigur.Features.Identification;
using Sigur.Features.Justice;
using Sigur.Features.Fund;
using Sigur.Features.Referrals;
using Sigur.Features.Shelters;
using Sigur.Features.Statistics;
using Sigur.Features.Services;
using Sigur.Features.Shared;
using Sigur.Features.Assistance;
using Sigur.Features.MobileTeams;
using Sigur.Features.Coordination;
using Sigur.Features.Reintegration;
using Sigur.Features.CaseFile;
using Sigur.Features.Work;
using Sigur.Features.CrossBorder;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;
using Sigur.Platform.Notifications;
using Sigur.Platform.Operations;
using Sigur.Platform.Web;

namespace Sigur.Host;

/// <summary>
/// The explicit wiring of the one deployable: services, then the request pipeline, then each feature's routes.
/// No reflection scanning: what runs is what is listed here.
/// </summary>
public static class SigurHost
{
    /// <summary>
    /// The interface languages. Bosnian and Croatian go by their own ICU cultures (bs is Latin script). Montenegrin
    /// (ISO 639-3 "cnr") has no locale data in ICU or CLDR, so it goes by the Montenegro variants of Serbian,
    /// sr-Latn-ME and sr-Cyrl-ME: Montenegro's date and number formats, its own string tables, and the Serbian table of
    /// the same script beneath them rather than English.
    /// </summary>
    public static readonly string[] Cultures = ["en", "mk", "sr-Cyrl", "sr-Latn", "sq", "bs", "hr", "sr-Latn-ME", "sr-Cyrl-ME"];

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // Run from elsewhere than the project or publish folder (a CLI verb from any directory), the settings are
        // still those shipped beside the executable.
        var contentRoot = !File.Exists("appsettings.json") && File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))
            ? AppContext.BaseDirectory
            : null;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = contentRoot });
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);
        AddServices(builder.Services, builder.Configuration);
        return builder;
    }

    public static void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddScoped<CurrentUser>();
        services.AddScoped<AccessScopeHolder>();
        services.AddSigurDatabase(config);

        // Keys: the Data Protection key ring lives in the database, each key sealed with the key-encryption key.
        var sigur = services.AddSettings<SigurSettings>(config, "Sigur");
        var kekFile = KeyEncryptionKey.FileFrom(config);
        services.AddSingleton(_ => KeyEncryptionKey.Load(kekFile));
        services.AddDataProtection().SetApplicationName("Sigur").PersistKeysToDbContext<SigurDb>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o =>
            {
                o.XmlEncryptor = new KekXmlEncryptor(sp.GetRequiredService<KeyEncryptionKey>());
                o.AutoGenerateKeys = false; // KeyRingWarden creates keys, outside any transaction
            }));
        services.AddSingleton<KeyRingWarden>();
        services.AddHostedService(sp => sp.GetRequiredService<KeyRingWarden>());
        services.AddSingleton<FieldProtection>();

        // The audit's checkpoints and their signing key go beside the key-encryption key, outside the database.
        var kekDirectory = Path.GetDirectoryName(Path.GetFullPath(kekFile))!;
        services.AddSingleton(sp => new AuditCheckpoints(sp.GetRequiredService<KeyEncryptionKey>(), kekDirectory, sp.GetRequiredService<TimeProvider>(),
            sp.GetServices<IAuditWitness>(), sp.GetRequiredService<ILogger<AuditCheckpoints>>()));
        services.AddHostedService<AuditCheckpointer>(); // before the writer: stopped after it
        services.AddSingleton<AuditWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditWriter>());
        services.AddScoped<Platform.Audit.Audit>();
        services.AddNotifications(config);
        services.AddIdentification(config);
        services.AddDuplicates(config);
        services.AddReferrals();
        services.AddWork();
        services.AddStatisticsJournal();
        services.AddOperations(config);
        services.AddCrossBorder(config);

        AddIdentity(services, config, sigur);
        services.AddSettings<Features.Justice.JusticeSettings>(config, "Justice");
        services.AddSingleton<Features.Justice.OffenceCatalogue>();
        services.AddSettings<Features.Statistics.StatisticsSettings>(config, "Statistics");
        services.AddSingleton<Features.Statistics.FactSnapshot>();
        services.AddSingleton<Features.Statistics.ImportDrafts>();
        services.AddAuthorization(o =>
        {
            foreach (var policy in Policies.All)
                o.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireClaim(CurrentUser.RoleClaim, Policies.RolesOf(policy).Select(r => r.ToString())));
        });

        // Cyrillic and Albanian text is written into pages as is, not as &#x…; entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddSigurProblems();
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddApiContract();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            // Every page is for signed-in users unless it says otherwise; each page also names its own policy.
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToFolder("/Account");
        }).AddMvcOptions(o => o.Filters.Add<Features.Shared.PagePolicyFilter>()).AddViewLocalization().AddDataAnnotationsLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Cultures.Select(FormattingCulture).ToList();
            o.DefaultRequestCulture = new RequestCulture(cultures[0]);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
    }

    /// <summary>
    /// The culture that formats dates and numbers for an interface language. English keeps its texts but writes dates day
    /// first, as British English does: the neutral "en" would format as American English, and 05/12/2026 read as
    /// 12 May by everyone else in the region is a wrong date, not a style.
    /// </summary>
    public static CultureInfo FormattingCulture(string language)
    {
        var culture = new CultureInfo(language);
        if (language == "en") culture.DateTimeFormat = CultureInfo.GetCultureInfo("en-GB").DateTimeFormat;
        else
        {
            // The region writes 15.03.2004 and 14:30, whatever the ICU data of the moment says (d.M.yyyy, a trailing dot, h:mm a).
            culture.DateTimeFormat.ShortDatePattern = "dd.MM.yyyy";
            culture.DateTimeFormat.ShortTimePattern = "HH:mm";
        }
        // CLDR's Montenegro variants of Serbian keep the Ekavian day names (ponedeljak, sreda); Montenegrin is Ijekavian.
        if (language == "sr-Latn-ME") culture.DateTimeFormat.DayNames = ["nedjelja", "ponedjeljak", "utorak", "srijeda", "četvrtak", "petak", "subota"];
        if (language == "sr-Cyrl-ME") culture.DateTimeFormat.DayNames = ["недјеља", "понедјељак", "уторак", "сриједа", "четвртак", "петак", "субота"];
        return culture;
    }

    public static void ConfigureJson(System.Text.Json.JsonSerializerOptions json)
    {
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        json.MaxDepth = RequestLimits.MaxJsonDepth;
        json.Converters.Add(new JsonStringEnumConverter());
        json.Converters.Add(new SafeStringConverter());
    }

    private static void AddIdentity(IServiceCollection services, IConfiguration config, SigurSettings sigur)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "smart";
                o.DefaultChallengeScheme = "smart";
            })
            // The API takes bearer tokens only, never the cookie: a browser sends cookies with requests that other
            // sites make it send, never an Authorization header, so no page elsewhere can write through the API in
            // the name of a signed-in user (cross-site request forgery). The pages, which take the cookie, check
            // the antiforgery token on every form.
            .AddPolicyScheme("smart", "Cookie or bearer", o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api")
                || context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            // Short-lived: a stolen bearer token is worth a quarter of an hour; the refresh token (rotated, once
            // each) keeps an API client signed in for a working day.
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromMinutes(15);
                o.RefreshTokenExpiration = TimeSpan.FromHours(12);
            })
            .AddIdentityCookies();
        var idle = TimeSpan.FromMinutes(sigur.IdleTimeoutMinutes);
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/Denied";
            o.ExpireTimeSpan = idle;
            o.SlidingExpiration = true;
            o.Cookie.Name = "sigur";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The API answers 401/403 as ProblemDetails instead of redirecting to the sign-in page.
            o.Events.OnRedirectToLogin = c => RedirectOrProblem(c.HttpContext, c.RedirectUri, 401);
            o.Events.OnRedirectToAccessDenied = c => RedirectOrProblem(c.HttpContext, c.RedirectUri, 403);
            // Each sign-in is a server-side session (see Sessions); renewing the cookie after a password change or
            // enrolment starts a new one and ends the one before, so a copy of the old cookie stops working.
            o.Events.OnSigningIn = async c =>
            {
                var services = c.HttpContext.RequestServices;
                var db = services.GetRequiredService<SigurDb>();
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                if (Sessions.Of(c.HttpContext.User) is { } previous)
                    await Sessions.EndAsync(db, services.GetRequiredService<IMemoryCache>(), previous, now);
                var userId = Guid.Parse(c.Principal!.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value);
                Sessions.Name(c.Principal, await Sessions.StartAsync(db, userId, now));
            };
        });
        // The cookie between the password and the code is never needed on a request another site starts.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => o.Cookie.SameSite = SameSiteMode.Strict);
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<SignInLimits>(config.GetSection("Sigur:SignInLimits"));
        services.AddSingleton<SignInThrottle>();
        services.AddIdentityCore<SigurUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Password.RequiredUniqueChars = 5;
                o.Lockout.AllowedForNewUsers = true;
                // Counts wrong second factors only; wrong passwords go to the throttle (see SignInThrottle).
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<SigurDb>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<AuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<SigurClaimsFactory>();
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // The validator rebuilds the principal from the user: keep the session it belongs to.
            o.OnRefreshingPrincipal = c =>
            {
                if (Sessions.Of(c.CurrentPrincipal!) is { } session && c.NewPrincipal is not null)
                    Sessions.Name(c.NewPrincipal, session, int.Parse(c.CurrentPrincipal!.FindFirst(Sessions.GenerationClaim)?.Value ?? "0", CultureInfo.InvariantCulture));
                return Task.CompletedTask;
            };
        });
    }

    private static Task RedirectOrProblem(HttpContext context, string redirectUri, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
            return Problems.WriteAsync(context, status, status == 401 ? "Sign-in required" : "Not allowed");
        context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    public static void Configure(WebApplication app)
    {
        app.UseForwardedHeaders(); // first: everything after sees the client's address and scheme (see Observability)
        // /api answers errors as ProblemDetails; a browser gets a page in the layout, in its language (Account/Error).
        app.UseWhen(IsApi, api => api.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A bad request is the client's mistake, and its exception message can echo what the client sent
            // (a JSON property name, say): answer it as ProblemDetails without logging it.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException or ClosedCaseException, // a closed case refusing a write is no fault
        }));
        app.UseWhen(c => !IsApi(c), pages => pages.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException or ClosedCaseException, // a closed case refusing a write is no fault
            StatusCodeSelector = Problems.StatusOf,
        }));
        app.UseSecurityHeaders();
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(c => !IsApi(c), pages => pages.UseStatusCodePagesWithReExecute("/Error/{0}"));
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        // After routing: an upload endpoint names a larger limit.
        app.UseRequestLimits(); // after routing: an upload endpoint names a larger limit
        app.UseAuthentication();
        app.UseSignedInUser();
        app.UseAuthorizationAudit(); // before UseAuthorization, which answers 401/403 itself
        app.UseAccountSetup();
        app.UseAuthorization();
        app.UseBodylessEndpoints();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/reference", o => o.WithNonce()).AllowAnonymous(); // the nonce: see SecurityHeaders

        var api = app.MapGroup("/api/v1").RequireUseCasePolicies();
        api.MapAccountApi();
        api.MapCaseApi();
        api.MapAdminApi();
        api.MapReferralApi();
        api.MapShelterApi();
        api.MapFundApi();
        api.MapStatisticsApi();
        api.MapNotificationApi();
        api.MapIdentificationApi();
        api.MapHotlineApi();
        api.MapJusticeApi();
        api.MapServiceApi();
        api.MapAssistanceApi();
        api.MapMobileTeamApi();
        api.MapReintegrationApi();
        api.MapDuplicatesApi();
        api.MapCoordinationApi();
        api.MapCaseFileApi();
        api.MapWorkApi();
        api.MapCrossBorderApi();
        app.MapRazorPages();
        app.MapOperations();
    }
}
