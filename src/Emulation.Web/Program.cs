using System.Net;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using System.Text.Unicode;
using Emulation.Web;
using Emulation.Web.Data;
using Emulation.Web.Data.Seeding;
using Emulation.Web.Infrastructure;
using Emulation.Web.Infrastructure.Backups;
using Emulation.Web.Infrastructure.Evidence;
using Emulation.Web.Infrastructure.Notifications;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;

// `copy-database --from <sqlite file> --to <PostgreSQL connection string>` moves a database to
// PostgreSQL and exits without starting the server.
if (CopyDatabaseCommand.Parse(args) is { } copy)
{
    Environment.ExitCode = await CopyDatabaseCommand.Run(copy.From, copy.To, Console.Out);
    return;
}

// `--restore <archive> [--replace]` puts a backup back and exits without starting the server.
var restore = RestoreCommand.Parse(args);
var builder = WebApplication.CreateBuilder(restore?.Remaining ?? args);
if (restore is { } asked)
{
    Environment.ExitCode = await RestoreCommand.Run(builder.Configuration, asked.Archive, asked.Replace, Console.Out);
    return;
}

var services = builder.Services;

// A refused start is logged once, with its reasons, by StartupTasks; the host's own report of it
// would add a stack trace that hides them.
builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

// The server does not name itself to strangers.
builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

// Behind a reverse proxy, the client's address and scheme are taken from the forwarded headers of
// the proxies named in Emulation:KnownProxies only; nobody else's are believed.
services.Configure<ForwardedHeadersOptions>(o =>
{
    o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    o.KnownIPNetworks.Clear();
    o.KnownProxies.Clear();
    foreach (var proxy in builder.Configuration.GetSection($"{EmulationOptions.Section}:KnownProxies").Get<string[]>() ?? [])
    {
        o.KnownProxies.Add(IPAddress.Parse(proxy));
    }
});

// Options: read when first needed, so test hosts and environment variables apply.
services.AddOptions<EmulationOptions>()
    .Bind(builder.Configuration.GetSection(EmulationOptions.Section))
    .PostConfigure<IHostEnvironment, IConfiguration>((o, env, configuration) =>
    {
        // Demo mode is on by default in Development only.
        if (configuration[$"{EmulationOptions.Section}:{nameof(EmulationOptions.Demo)}"] is null)
        {
            o.Demo = env.IsDevelopment();
        }

        if (o.Demo && o.Today is null)
        {
            o.Today = EmulationOptions.DemoToday;
        }
    })
    .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), "Emulation:DataDirectory must name a folder.")
    .Validate(o => !string.IsNullOrWhiteSpace(o.CriteriaDirectory), "Emulation:CriteriaDirectory must name a folder.")
    .Validate(o => !string.IsNullOrWhiteSpace(o.UnitsFile), "Emulation:UnitsFile must name a file.")
    .ValidateOnStart();

// The business clock reads the registered TimeProvider (tests replace it to move time);
// authentication keeps the real clock, whatever is registered.
services.TryAddSingleton(TimeProvider.System);
services.AddSingleton(sp =>
{
    var options = sp.GetRequiredService<IOptions<EmulationOptions>>().Value;
    return new BusinessClock(sp.GetRequiredService<TimeProvider>(), options.Demo ? options.Today : null);
});

// Keys for the sign-in cookie and antiforgery tokens live in the database, so sessions survive
// restarts and every server behind the proxy reads the others' cookies and tokens (one application name).
services.AddDataProtection().SetApplicationName("Emulation").PersistKeysToDbContext<EmulationDb>();

// Mail: without Emulation:Smtp:Host every message is recorded in the outbox and none is sent.
services.AddOptions<SmtpOptions>()
    .Bind(builder.Configuration.GetSection(SmtpOptions.Section))
    .Validate(o => o.IsValid, "Emulation:Smtp needs a Port (1–65535) and a From address with its Host; Emulation:Smtp:SiteUrl must be an http(s) address.")
    .ValidateOnStart();
services.AddSingleton<NoticeMail>();
services.AddSingleton<NoticeInterceptor>();

// Emulation:Database: Sqlite (default) or PostgreSQL; everything about the engine is in Data/DatabaseSetup.
services.AddEmulationDatabase(builder.Configuration);
services.AddSingleton<Leases>();

services.AddIdentity<IdentityUser, IdentityRole>(o =>
    {
        o.User.RequireUniqueEmail = false;
        o.SignIn.RequireConfirmedAccount = false;
        // Length and variety, not composition rules; PasswordPolicy refuses the common ones.
        o.Password.RequiredLength = PasswordPolicy.MinimumLength;
        o.Password.RequiredUniqueChars = PasswordPolicy.MinimumUniqueCharacters;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        // No lockout after failures: anyone could lock anyone out. Failures are throttled (SignInThrottle).
        o.Lockout.AllowedForNewUsers = false;
    })
    .AddEntityFrameworkStores<EmulationDb>()
    .AddErrorDescriber<LocalizedIdentityErrors>()
    .AddPasswordValidator<PasswordPolicy>()
    .AddClaimsPrincipalFactory<EmulationClaimsFactory>();
services.AddOptions<SignInLimitOptions>()
    .Bind(builder.Configuration.GetSection(SignInLimitOptions.Section))
    .Validate(o => o.IsValid, "Emulation:SignIn limits must be positive.")
    .ValidateOnStart();
services.AddSingleton<SignInThrottle>();
services.AddSingleton<SessionRegistry>();
services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    o.AddPolicy(SignInLimitOptions.Policy, http => RateLimitPartition.GetFixedWindowLimiter(
        http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = http.RequestServices.GetRequiredService<IOptions<SignInLimitOptions>>().Value.RequestsPerAddressPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
});
services.ConfigureApplicationCookie(o =>
{
    o.Cookie.Name = ".Emulation.Auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.LoginPath = "/Account/Login";
    o.LogoutPath = "/Account/Logout";
    o.AccessDeniedPath = "/Account/AccessDenied";
    o.ExpireTimeSpan = TimeSpan.FromHours(8);
    o.SlidingExpiration = true;
    // Secure whenever the request is HTTPS, behind a known proxy too (forwarded headers above).
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    // A form posted after the session expired is kept and offered back after signing in.
    o.Events.OnRedirectToLogin = PendingPosts.RedirectToLogin;
    o.Events.OnRedirectToAccessDenied = PendingPosts.RedirectToAccessDenied;
    // The server-side session must be open, then the security stamp is checked every minute.
    o.Events.OnValidatePrincipal = SessionRegistry.ValidatePrincipal;
});
services.ConfigureAll<CookieAuthenticationOptions>(o => o.TimeProvider = TimeProvider.System);
services.Configure<SecurityStampValidatorOptions>(o =>
{
    o.TimeProvider = TimeProvider.System;
    // A password change, a disabled account or a role change reaches every server within a minute.
    o.ValidationInterval = TimeSpan.FromMinutes(1);
    o.OnRefreshingPrincipal = SessionRegistry.KeepSession;
});
services.AddAuthorization(Policies.Configure);
services.AddScoped<IAuthorizationHandler, UnitAccessHandler>();
services.AddScoped<UnitAccess>();
services.AddScoped<Emulation.Web.Pages.Assessments.UnitMonths>();
services.AddScoped<Emulation.Web.Pages.Verification.MonthPublisher>();
services.AddScoped<Emulation.Web.Pages.Verification.EntriesImport>();
services.AddScoped<Emulation.Web.Pages.Rankings.PublishedResults>();
services.AddScoped<Emulation.Web.Pages.Admin.Users.UserAccounts>();
services.AddScoped<Emulation.Web.Pages.Awards.ProposalMaker>();
services.AddScoped<Emulation.Web.Pages.Awards.Committee>();
services.AddScoped<Emulation.Web.Pages.Awards.AwardDecisions>();
services.AddMemoryCache();

// Vietnamese text stays readable in the HTML instead of turning into numeric entities.
services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
services.AddLocalization(o => o.ResourcesPath = "Resources");
services.Configure<Microsoft.AspNetCore.Builder.RequestLocalizationOptions>(Localization.Configure);
services.AddEmulationPages()
    .AddViewLocalization()
    .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
    .AddMvcOptions(o =>
    {
        o.ModelBinderProviders.Insert(0, new InvariantDecimalModelBinderProvider());
        o.Filters.Add<AntiforgeryFailureFilter>();
        o.Filters.Add<DomainExceptionFilter>();
        o.Filters.Add<NoHandlerFilter>();
    });

services.AddMediator((Mediator.MediatorOptions o) => o.ServiceLifetime = ServiceLifetime.Scoped);

services.AddScoped<AuditLog>();
services.AddScoped<Emulation.Web.Pages.Admin.Units.Successions>();
services.AddScoped<CampaignStore>();
services.AddScoped<OrganisationSeeder>();
services.AddScoped<RoleSeeder>();
services.AddScoped<DemoAccountSeeder>();
services.AddScoped<DemoHistorySeeder>();
services.AddSingleton<CampaignCatalog>();
services.AddSingleton<EvidenceStore>();
services.AddSingleton<SetupState>();
services.AddHostedService<StartupTasks>();
services.AddScoped<NoticeReader>();
// Singletons the tests can reach, to run them once without waiting for their timers.
services.AddSingleton<ReminderService>();
services.AddHostedService(sp => sp.GetRequiredService<ReminderService>());
services.AddSingleton<OutboxSender>();
services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
services.AddSingleton<BackupService>();
services.AddSingleton<BrandingSource>();
services.AddHostedService<BackupScheduler>();
services.AddSingleton<CampaignCatalogSync>();
services.AddHostedService(sp => sp.GetRequiredService<CampaignCatalogSync>());
services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

var app = builder.Build();

app.UseForwardedHeaders();
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    ExceptionHandlingPath = "/Error",
    // A request the server refuses to read (too large, malformed) is the client's error, not a 500.
    StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePagesWithReExecute("/Error/{0}");
app.UseMiddleware<RequestGuardMiddleware>();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseRequestLocalization();
app.UseStaticFiles();
app.UseMiddleware<SetupGateMiddleware>();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseMiddleware<MustChangePasswordMiddleware>();
app.UseAuthorization();

app.MapHealthChecks("/health").AllowAnonymous();
app.MapRazorPages();

// A refused start (broken campaign file, …) ends the process with its reasons, not a stack trace.
AppDomain.CurrentDomain.UnhandledException += StartupException.ExitCleanly;
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
