using System.Globalization;
using System.Security.Claims;
using Emulation.Core.Campaigns;
using Emulation.Core.Units;
using Emulation.Web.Data;
using Emulation.Web.Data.Seeding;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Emulation.Web.Pages.Admin.Campaigns;

/// <summary>
/// <c>/Admin/Campaigns</c> (Administrators only): the campaigns known and the units file in use;
/// upload a campaign or units file, see its errors as <c>emulation validate</c> prints them or a
/// preview, then activate it in a separate, confirmed step. An activated campaign is stored the
/// way the start stores it (<see cref="CampaignStore.Stage"/>) and kept as
/// <c>campaigns/&lt;id&gt;.json</c> in the data folder, so every later start loads it; from then on
/// its year's pages use it (<see cref="CampaignCatalog"/>). An activated units file becomes the
/// data folder's <c>units.json</c>; its new units come in through /Admin/Units' import and the
/// blocks of campaigns without blocks through the start's block seeding.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed partial class IndexModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel, IReloadAfterRefusal
{
    /// <summary>The largest file taken; the shipped campaign is some 150 KB.</summary>
    public const long MaxFileBytes = 2L * 1024 * 1024;

    /// <summary>
    /// Beyond this the server refuses to read the request (the error page); up to it a file over
    /// <see cref="MaxFileBytes"/> is answered on the page with the limit.
    /// </summary>
    public const long MaxRequestBytes = 16L * 1024 * 1024;

    public const int MaxFileNameLength = 100;

    public const int MaxReasonLength = 1000;

    /// <summary>The parked upload being previewed.</summary>
    [BindProperty(SupportsGet = true, Name = "upload")]
    public string? Token { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public bool Confirmed { get; set; }

    public View Data { get; private set; } = null!;

    /// <summary>The errors of a refused upload, as <c>emulation validate</c> prints them.</summary>
    public IReadOnlyList<string> ErrorLines { get; private set; } = [];

    public string? RefusedFileName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Data = await mediator.Send(new Query(User, Token), ct);

    public Task<IActionResult> OnPostCampaignAsync(IFormFile? file, CancellationToken ct) => Upload(UploadKind.Campaign, file, ct);

    public Task<IActionResult> OnPostUnitsAsync(IFormFile? file, CancellationToken ct) => Upload(UploadKind.Units, file, ct);

    public async Task<IActionResult> OnPostActivateAsync(CancellationToken ct)
    {
        var done = await mediator.Send(new Activate(User, Token, Reason, Confirmed), ct);
        TempData["Flash"] = done;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken ct)
    {
        await mediator.Send(new Discard(User, Token), ct);
        return RedirectToPage();
    }

    private async Task<IActionResult> Upload(UploadKind kind, IFormFile? file, CancellationToken ct)
    {
        Token = null;
        if (file is null || file.Length == 0)
        {
            return await Refuse(file is null ? "Campaigns.NoFile" : "Campaigns.EmptyFile", ct);
        }

        if (file.Length > MaxFileBytes)
        {
            return await Refuse("Campaigns.TooLarge", ct, MaxFileBytes / 1024);
        }

        var name = Path.GetFileName(file.FileName ?? "").Trim();
        name = name.Length == 0 ? "upload.json" : name.Length > MaxFileNameLength ? name[..MaxFileNameLength] : name;
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, ct);
        }

        var checkedFile = await mediator.Send(new Check(User, kind, name, content), ct);
        if (checkedFile.Token is { } token)
        {
            return RedirectToPage(new { upload = token });
        }

        ErrorLines = checkedFile.ErrorLines;
        RefusedFileName = name;
        return await Refuse(checkedFile.Problem ?? "Campaigns.FileHasErrors", ct, name);
    }

    private async Task<IActionResult> Refuse(string key, CancellationToken ct, params object[] args)
    {
        ModelState.AddModelError("", localizer[key, args]);
        await ReloadAsync(ct);
        return Page();
    }

    public enum Status
    {
        /// <summary>The pages of its year use it.</summary>
        Active,
        /// <summary>Loaded, but its year's pages use a campaign activated later.</summary>
        Superseded,
        /// <summary>Stored in the database, but no file of it was loaded at start.</summary>
        NotLoaded,
    }

    public sealed record CampaignRow(string Id, string Title, int? Year, int? FirstMonth, int? LastMonth, IReadOnlyList<string> Frameworks,
        int Submissions, Status Status, string? ActiveInstead, string Fingerprint, DateTime? StoredAtUtc, bool Uploaded);

    public sealed record FrameworkPreview(string Kind, int Leaves, decimal Max);

    public sealed record AreaRow(string Code, string Title, IReadOnlyList<decimal?> Maxima);

    public sealed record AwardPreview(string Title, bool Overall, int? Count, decimal? Share, decimal? MinScore, decimal? MinMonthScore, int? MaxLateMonths, IReadOnlyList<string> ExcludedBy);

    public enum Verdict
    {
        /// <summary>A campaign id not seen before.</summary>
        New,
        /// <summary>A changed file of a campaign without submissions.</summary>
        Replaces,
        /// <summary>The same file as a campaign the year's pages do not use now.</summary>
        Reactivates,
        /// <summary>The same file as the campaign in use.</summary>
        AlreadyActive,
        /// <summary>A changed file of a campaign with submissions.</summary>
        HasSubmissions,
    }

    public sealed record CampaignPreview(string Id, string Title, int Year, int FirstMonth, int LastMonth, int DeadlineDay, bool Normalise, string Fingerprint,
        IReadOnlyList<FrameworkPreview> Frameworks, IReadOnlyList<AreaRow> Areas, IReadOnlyList<AwardPreview> Awards, Verdict Verdict, string? ActiveNow, bool HasBlocks);

    public sealed record KindCount(string Kind, int Units, int New);

    public sealed record BlockPreview(string CampaignId, string Code, string Title, int Members, bool Added);

    public sealed record NewUnit(string Code, string Name, string Kind, string? Parent);

    public sealed record UnitsPreview(IReadOnlyList<KindCount> Kinds, IReadOnlyList<BlockPreview> Blocks, IReadOnlyList<NewUnit> NewUnits, bool Identical);

    public sealed record Preview(string Token, UploadKind Kind, string FileName, string ValidLine, DateTime ExpiresAtUtc, CampaignPreview? Campaign, UnitsPreview? Units);

    public sealed record View(IReadOnlyList<CampaignRow> Campaigns, string UnitsFile, bool UnitsFileUploaded, Preview? Preview, bool PreviewExpired);

    public sealed record Query(ClaimsPrincipal User, string? Token) : IRequest<View>;

    /// <summary>Checks an upload; a valid one is parked and its token returned, else the reason or the errors.</summary>
    public sealed record Check(ClaimsPrincipal User, UploadKind Kind, string FileName, byte[] Content) : IRequest<Checked>;

    public sealed record Checked(string? Token, string? Problem, IReadOnlyList<string> ErrorLines);

    /// <summary>Activates a parked upload; the answer is the message to show.</summary>
    public sealed record Activate(ClaimsPrincipal User, string? Token, string? Reason, bool Confirmed) : IRequest<string>;

    public sealed record Discard(ClaimsPrincipal User, string? Token) : IRequest<Mediator.Unit>;

    public sealed partial class Handler(
        EmulationDb db,
        CampaignCatalog catalog,
        CampaignStore store,
        OrganisationSeeder seeder,
        AuditLog audit,
        BusinessClock clock,
        IMediator mediator,
        IOptions<EmulationOptions> options,
        IStringLocalizer<SharedResource> localizer,
        ILogger<Handler> logger)
        : IRequestHandler<Query, View>, IRequestHandler<Check, Checked>, IRequestHandler<Activate, string>, IRequestHandler<Discard, Mediator.Unit>
    {
        private ParkedUploads Uploads => new(options.Value, clock);

        public async ValueTask<View> Handle(Query query, CancellationToken cancellationToken)
        {
            Administrator(query.User);
            var culture = CultureInfo.CurrentUICulture;
            var stored = await db.Campaigns.AsNoTracking().Select(c => new { c.Id, c.TitleVi, c.TitleEn, c.Fingerprint, c.LoadedAtUtc }).ToListAsync(cancellationToken);
            var submissions = await db.Submissions.AsNoTracking().GroupBy(s => s.CampaignId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            var rows = new List<CampaignRow>();
            foreach (var c in catalog.Campaigns)
            {
                var record = stored.FirstOrDefault(s => s.Id == c.Id);
                var active = catalog.ActiveFor(c.Year);
                rows.Add(new CampaignRow(c.Id, c.Title.For(culture), c.Year, c.FirstMonth, c.LastMonth,
                    [.. c.Frameworks.Values.Select(f => $"{KindTitle(c, f.UnitKind, culture)} ({f.Leaves.Count})")],
                    submissions.GetValueOrDefault(c.Id), active?.Id == c.Id ? Status.Active : Status.Superseded, active?.Id == c.Id ? null : active?.Id,
                    c.Fingerprint, record?.LoadedAtUtc, System.IO.File.Exists(CampaignFiles.CampaignPath(options.Value, c.Id))));
            }

            foreach (var s in stored.Where(s => catalog.Find(s.Id) is null))
            {
                rows.Add(new CampaignRow(s.Id, CultureText.IsEnglish ? s.TitleEn : s.TitleVi, null, null, null, [], submissions.GetValueOrDefault(s.Id),
                    Status.NotLoaded, null, s.Fingerprint, s.LoadedAtUtc, false));
            }

            var settings = options.Value;
            var (preview, expired) = query.Token is { Length: > 0 } token ? await PreviewOf(token, culture, cancellationToken) : (null, false);
            return new View([.. rows.OrderByDescending(r => r.Year ?? 0).ThenBy(r => r.Id, StringComparer.Ordinal)],
                Path.GetFileName(settings.UnitsPath), settings.UnitsPath == settings.ActivatedUnitsPath, preview, expired);
        }

        public async ValueTask<Checked> Handle(Check command, CancellationToken cancellationToken)
        {
            var who = Administrator(command.User);
            var (problem, errors) = command.Kind == UploadKind.Campaign
                ? Problems(UploadCheck.Campaign(command.Content, command.FileName))
                : Problems(UploadCheck.Units(command.Content, command.FileName, catalog.Campaigns));
            if (problem is not null || errors.Count > 0)
            {
                LogRefusedUpload(logger, who, command.Kind, command.FileName, problem ?? $"{errors.Count - 1} errors");
                audit.Write(who, AuditActions.CampaignUploadRefused, command.Kind == UploadKind.Campaign ? "campaigns" : "units", null, command.FileName,
                    problem ?? errors[^1]);
                await db.SaveChangesAsync(cancellationToken);
                return new Checked(null, problem, errors);
            }

            return new Checked(Uploads.Park(command.Kind, command.FileName, command.Content, who), null, []);
        }

        public async ValueTask<string> Handle(Activate command, CancellationToken cancellationToken)
        {
            var who = Administrator(command.User);
            var parked = Uploads.Find(command.Token) ?? throw new DomainException("Campaigns.UploadExpired");
            var reason = command.Reason?.Trim();
            if (string.IsNullOrEmpty(reason))
            {
                throw new DomainException("Campaigns.ReasonRequired");
            }

            if (reason.Length > MaxReasonLength)
            {
                throw new DomainException("Campaigns.ReasonTooLong", MaxReasonLength);
            }

            if (!command.Confirmed)
            {
                throw new DomainException("Campaigns.ConfirmRequired");
            }

            var message = parked.Kind == UploadKind.Campaign
                ? await ActivateCampaign(parked, who, reason, cancellationToken)
                : await ActivateUnits(parked, command.User, who, reason, cancellationToken);
            Uploads.Discard(parked.Token);
            return message;
        }

        public ValueTask<Mediator.Unit> Handle(Discard command, CancellationToken cancellationToken)
        {
            Administrator(command.User);
            if (command.Token is { } token)
            {
                Uploads.Discard(token);
            }

            return ValueTask.FromResult(Mediator.Unit.Value);
        }

        private async Task<string> ActivateCampaign(ParkedUpload parked, string who, string reason, CancellationToken ct)
        {
            var check = UploadCheck.Campaign(parked.Read(), parked.FileName);
            var campaign = check.Value ?? throw new DomainException("Campaigns.UploadExpired");
            var verdict = await VerdictOf(campaign, ct);
            switch (verdict)
            {
                case Verdict.HasSubmissions:
                    throw new DomainException("Campaigns.HasSubmissions", campaign.Id);
                case Verdict.AlreadyActive:
                    throw new DomainException("Campaigns.AlreadyActive", campaign.Id, campaign.Year);
            }

            var before = catalog.ActiveFor(campaign.Year);
            var settings = options.Value;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!await store.Stage(new LoadedCampaign(campaign, check.Text), who, reason, ct))
            {
                (await db.Campaigns.SingleAsync(c => c.Id == campaign.Id, ct)).Activate(clock.UtcNow);
            }

            audit.Write(who, AuditActions.CampaignActivated, $"campaign:{campaign.Id}", before?.Id, $"{campaign.Id} ({campaign.Year})", reason);
            await seeder.EnsureKinds([campaign], ct);
            var campaigns = catalog.Campaigns.Where(c => c.Id != campaign.Id).Append(campaign).ToList();
            if (OrganisationLoader.LoadFile(settings.UnitsPath, campaigns).Value is { } organisation)
            {
                await seeder.SeedBlocks([campaign], organisation, settings.UnitsPath, who, ct);
            }

            await db.SaveChangesAsync(ct);
            var undo = CampaignFiles.Install(parked.ContentPath, CampaignFiles.CampaignPath(settings, campaign.Id));
            try
            {
                await transaction.CommitAsync(ct);
            }
            catch
            {
                undo();
                throw;
            }

            catalog.Activate(campaign, clock.UtcNow);
            LogActivated(logger, who, campaign.Id, campaign.Year);
            return localizer["Campaigns.Activated", campaign.Id, campaign.Year].Value;
        }

        private async Task<string> ActivateUnits(ParkedUpload parked, ClaimsPrincipal user, string who, string reason, CancellationToken ct)
        {
            var content = parked.Read();
            var organisation = UploadCheck.Units(content, parked.FileName, catalog.Campaigns).Value ?? throw new DomainException("Campaigns.UnitsNoLongerValid");
            var settings = options.Value;
            if (SameAsInUse(content))
            {
                throw new DomainException("Campaigns.UnitsAlreadyActive");
            }

            var previous = Path.GetFileName(settings.UnitsPath);
            var existing = await db.Units.Select(u => u.Code).ToListAsync(ct);
            var added = organisation.Units.Select(u => u.Code).Except(existing, StringComparer.Ordinal).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var undo = CampaignFiles.Install(parked.ContentPath, settings.ActivatedUnitsPath);
            try
            {
                await seeder.EnsureKinds(catalog.Campaigns, ct);
                await db.SaveChangesAsync(ct);
                if (added.Count > 0)
                {
                    // The import of /Admin/Units reads the units file in use, which is now this one.
                    await mediator.Send(new Units.IndexModel.ImportFromFile(user, added), ct);
                }

                var blocks = await seeder.SeedBlocks(catalog.Campaigns, organisation, settings.ActivatedUnitsPath, who, ct);
                audit.Write(who, AuditActions.UnitsFileActivated, "units", previous, $"{parked.FileName}: {added.Count} units, {blocks} blocks added", reason);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                LogUnitsActivated(logger, who, added.Count, blocks);
                return localizer["Campaigns.UnitsActivated", added.Count, blocks].Value;
            }
            catch
            {
                undo();
                throw;
            }
        }

        private bool SameAsInUse(byte[] content)
        {
            var path = options.Value.UnitsPath;
            return System.IO.File.Exists(path) && System.IO.File.ReadAllBytes(path).AsSpan().SequenceEqual(content);
        }

        private async Task<Verdict> VerdictOf(Campaign campaign, CancellationToken ct)
        {
            var stored = await db.Campaigns.AsNoTracking().Where(c => c.Id == campaign.Id).Select(c => c.Fingerprint).SingleOrDefaultAsync(ct);
            if (stored is null)
            {
                return Verdict.New;
            }

            if (stored == campaign.Fingerprint)
            {
                return catalog.Find(campaign.Id) is { } loaded && loaded.Fingerprint == campaign.Fingerprint && catalog.IsActive(loaded) ? Verdict.AlreadyActive : Verdict.Reactivates;
            }

            return await store.HasSubmissions(campaign.Id, ct) ? Verdict.HasSubmissions : Verdict.Replaces;
        }

        private async Task<(Preview?, bool Expired)> PreviewOf(string token, CultureInfo culture, CancellationToken ct)
        {
            if (Uploads.Find(token) is not { } parked)
            {
                return (null, true);
            }

            var content = parked.Read();
            var expires = parked.ParkedAtUtc + ParkedUploads.Lifetime;
            if (parked.Kind == UploadKind.Campaign)
            {
                if (UploadCheck.Campaign(content, parked.FileName).Value is not { } campaign)
                {
                    return (null, true);
                }

                var frameworks = campaign.Frameworks.Values.ToList();
                var areas = frameworks.SelectMany(f => f.Areas).DistinctBy(a => a.Code)
                    .Select(a => new AreaRow(a.Code, a.Title.For(culture), [.. frameworks.Select(f => f.Areas.FirstOrDefault(x => x.Code == a.Code)?.Max)])).ToList();
                var awards = campaign.Awards.Select(a => new AwardPreview(a.Title.For(culture), a.Scope == AwardScope.Overall, a.Count, a.Share, a.MinScore, a.MinMonthScore, a.MaxLateMonths,
                    [.. a.ExcludedBy.Select(code => campaign.FindAward(code)?.Title.For(culture) ?? code)])).ToList();
                var active = catalog.ActiveFor(campaign.Year);
                var hasBlocks = await db.Blocks.AnyAsync(b => b.CampaignId == campaign.Id, ct)
                    || OrganisationLoader.LoadFile(options.Value.UnitsPath, [.. catalog.Campaigns.Where(c => c.Id != campaign.Id), campaign]).Value?.BlocksOf(campaign.Id).Count > 0;
                var preview = new CampaignPreview(campaign.Id, campaign.Title.For(culture), campaign.Year, campaign.FirstMonth, campaign.LastMonth, campaign.DeadlineDay, campaign.Normalise,
                    campaign.Fingerprint, [.. frameworks.Select(f => new FrameworkPreview(KindTitle(campaign, f.UnitKind, culture), f.Leaves.Count, f.Max))], areas, awards,
                    await VerdictOf(campaign, ct), active?.Id, hasBlocks);
                return (new Preview(parked.Token, parked.Kind, parked.FileName, Core.Output.ValidationReport.Valid(parked.FileName, campaign), expires, preview, null), false);
            }

            if (UploadCheck.Units(content, parked.FileName, catalog.Campaigns).Value is not { } organisation)
            {
                return (null, true);
            }

            var english = CultureText.IsEnglish;
            var kinds = await db.UnitKinds.AsNoTracking().ToDictionaryAsync(k => k.Code, k => english ? k.NameEn : k.NameVi, ct);
            var existing = (await db.Units.AsNoTracking().Select(u => u.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var withBlocks = (await db.Blocks.AsNoTracking().Select(b => b.CampaignId).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            string Kind(string code) => kinds.GetValueOrDefault(code) ?? catalog.Campaigns.SelectMany(c => c.UnitKinds).FirstOrDefault(k => k.Code == code)?.Title.For(culture) ?? code;
            var units = new UnitsPreview(
                [.. organisation.Units.GroupBy(u => u.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new KindCount(Kind(g.Key), g.Count(), g.Count(u => !existing.Contains(u.Code))))],
                [.. organisation.Blocks.OrderBy(b => b.Key, StringComparer.Ordinal).SelectMany(b => b.Value.Select(block =>
                    new BlockPreview(b.Key, block.Code, block.Title.For(culture), block.Units.Count, !withBlocks.Contains(b.Key))))],
                [.. organisation.Units.Where(u => !existing.Contains(u.Code)).Select(u => new NewUnit(u.Code, u.Name.For(culture), Kind(u.Kind), u.Parent))],
                SameAsInUse(content));
            return (new Preview(parked.Token, parked.Kind, parked.FileName, Core.Output.ValidationReport.Valid(parked.FileName, organisation), expires, null, units), false);
        }

        private static (string? Problem, IReadOnlyList<string> Errors) Problems<T>(UploadCheck.Outcome<T> outcome)
            where T : class => (outcome.Problem, outcome.ErrorLines);

        private static string KindTitle(Campaign campaign, string kind, CultureInfo culture) =>
            campaign.UnitKinds.FirstOrDefault(k => k.Code == kind)?.Title.For(culture) ?? kind;

        private static string Administrator(ClaimsPrincipal user) =>
            user.IsInRole(Roles.Administrator) && user.Identity?.Name is { } name ? name : throw new ForbiddenException();

        [LoggerMessage(Level = LogLevel.Information, Message = "{User} uploaded a {Kind} file {FileName} that was refused: {Reason}")]
        private static partial void LogRefusedUpload(ILogger logger, string user, UploadKind kind, string fileName, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "{User} activated campaign {CampaignId} for {Year}.")]
        private static partial void LogActivated(ILogger logger, string user, string campaignId, int year);

        [LoggerMessage(Level = LogLevel.Information, Message = "{User} activated a units file: {Units} units and {Blocks} blocks added.")]
        private static partial void LogUnitsActivated(ILogger logger, string user, int units, int blocks);
    }
}
