using System.Globalization;
using System.Security.Claims;
using Emulation.Core.Campaigns;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Admin.Blocks;

/// <summary>
/// A campaign's blocks (Administrators only): each block with its members by name and code; create
/// a block, rename one, move a unit into another block (or place a unit no block holds yet, such as
/// the successor of a merge). Changes are allowed until the campaign's first month is published;
/// after that the blocks are frozen, since the published standings rank units within them.
/// </summary>
public sealed partial class IndexModel(IMediator mediator) : PageModel, IReloadAfterRefusal
{
    public View Data { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "campaign")]
    public string? Campaign { get; set; }

    [BindProperty]
    public string? Block { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? TitleVi { get; set; }

    [BindProperty]
    public string? TitleEn { get; set; }

    [BindProperty]
    public string? Unit { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Data = await mediator.Send(new Query(User, Campaign), ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var code = await mediator.Send(new Create(User, Campaign, Code, TitleVi, TitleEn, Reason), ct);
        return Done("Blocks.Created", code);
    }

    public async Task<IActionResult> OnPostRenameAsync(CancellationToken ct)
    {
        await mediator.Send(new Rename(User, Campaign, Block, TitleVi, TitleEn, Reason), ct);
        return Done("Blocks.Renamed", Block);
    }

    public async Task<IActionResult> OnPostMoveAsync(CancellationToken ct)
    {
        await mediator.Send(new Move(User, Campaign, Unit, Block, Reason), ct);
        return Done("Blocks.Moved", Unit);
    }

    private RedirectToPageResult Done(string key, string? code) => RedirectToPage(new { campaign = Campaign, done = key, code });

    public sealed record Member(string Code, string Name, string Kind, DateOnly? ValidFrom, DateOnly? ValidTo);

    public sealed record BlockView(string Code, string Title, string TitleVi, string TitleEn, IReadOnlyList<string> Kinds, IReadOnlyList<Member> Members);

    /// <param name="PublishedMonth">The campaign's first published month: the blocks are frozen (null: they may change).</param>
    public sealed record View(IReadOnlyList<(string Id, string Title)> Campaigns, string CampaignId, string CampaignTitle, int Year, int? PublishedMonth,
        IReadOnlyList<BlockView> Blocks, IReadOnlyList<Member> Unplaced)
    {
        public bool Frozen => PublishedMonth is not null;
    }

    public sealed record Query(ClaimsPrincipal User, string? Campaign) : IRequest<View>;

    public sealed record Create(ClaimsPrincipal User, string? Campaign, string? Code, string? TitleVi, string? TitleEn, string? Reason) : IRequest<string>;

    public sealed record Rename(ClaimsPrincipal User, string? Campaign, string? Block, string? TitleVi, string? TitleEn, string? Reason) : IRequest<Mediator.Unit>;

    /// <summary>Puts <paramref name="Unit"/> in <paramref name="Block"/>: out of its block in this campaign, or placed for the first time.</summary>
    public sealed record Move(ClaimsPrincipal User, string? Campaign, string? Unit, string? Block, string? Reason) : IRequest<Mediator.Unit>;

    public sealed partial class Handler(EmulationDb db, AuditLog audit, CampaignCatalog catalog, BusinessClock clock, ILogger<Handler> logger)
        : IRequestHandler<Query, View>, IRequestHandler<Create, string>, IRequestHandler<Rename, Mediator.Unit>, IRequestHandler<Move, Mediator.Unit>
    {
        public async ValueTask<View> Handle(Query query, CancellationToken cancellationToken)
        {
            Administrator(query.User);
            var campaign = string.IsNullOrEmpty(query.Campaign) ? catalog.Current(clock.Today) ?? throw new NotFoundException() : Find(query.Campaign, query.User);
            var english = CultureText.IsEnglish;
            var kinds = await db.UnitKinds.AsNoTracking().ToDictionaryAsync(k => k.Code, k => english ? k.NameEn : k.NameVi, cancellationToken);
            var blocks = await db.Blocks.AsNoTracking().Where(b => b.CampaignId == campaign.Id).OrderBy(b => b.Id)
                .Select(b => new
                {
                    b.Code,
                    b.TitleVi,
                    b.TitleEn,
                    Members = b.Memberships.OrderBy(m => m.Id).Select(m => new { m.Unit!.Code, m.Unit.NameVi, m.Unit.NameEn, m.Unit.KindCode, m.Unit.ValidFrom, m.Unit.ValidTo }).ToList(),
                })
                .ToListAsync(cancellationToken);
            var placed = blocks.SelectMany(b => b.Members.Select(m => m.Code)).ToHashSet(StringComparer.Ordinal);
            var (first, last) = Span(campaign);
            var candidates = await db.Units.AsNoTracking()
                .Where(u => (u.ValidFrom == null || u.ValidFrom <= last) && (u.ValidTo == null || u.ValidTo >= first))
                .Select(u => new { u.Code, u.NameVi, u.NameEn, u.KindCode, u.ValidFrom, u.ValidTo })
                .ToListAsync(cancellationToken);
            var unplaced = candidates.Where(u => !placed.Contains(u.Code) && campaign.FrameworkFor(u.KindCode) is not null)
                .Select(u => new Member(u.Code, english ? u.NameEn : u.NameVi, kinds.GetValueOrDefault(u.KindCode, u.KindCode), u.ValidFrom, u.ValidTo))
                .OrderBy(u => u.Name, StringComparer.CurrentCulture).ToList();
            return new View(
                [.. catalog.Campaigns.Select(c => (c.Id, c.Title.For(CultureInfo.CurrentUICulture)))],
                campaign.Id,
                campaign.Title.For(CultureInfo.CurrentUICulture),
                campaign.Year,
                await FirstPublishedMonth(campaign.Id, cancellationToken),
                [.. blocks.Select(b => new BlockView(b.Code, english ? b.TitleEn : b.TitleVi, b.TitleVi, b.TitleEn,
                    [.. b.Members.Select(m => m.KindCode).Distinct().Select(k => kinds.GetValueOrDefault(k, k))],
                    [.. b.Members.Select(m => new Member(m.Code, english ? m.NameEn : m.NameVi, kinds.GetValueOrDefault(m.KindCode, m.KindCode), m.ValidFrom, m.ValidTo))]))],
                unplaced);
        }

        public async ValueTask<string> Handle(Create command, CancellationToken cancellationToken)
        {
            var who = Administrator(command.User);
            var campaign = Find(command.Campaign, command.User);
            var reason = UnitSuccession.CheckReason(command.Reason);
            await RequireOpen(campaign, cancellationToken);
            var code = (command.Code ?? "").Trim().ToUpperInvariant();
            if (code.Length is 0 or > Domain.Block.MaxCodeLength || code.AsSpan().IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") >= 0)
            {
                throw new DomainException("Blocks.BadCode", Domain.Block.MaxCodeLength);
            }

            if (await db.Blocks.AnyAsync(b => b.CampaignId == campaign.Id && b.Code == code, cancellationToken))
            {
                throw new DomainException("Blocks.CodeExists", code);
            }

            var block = Domain.Block.Create(campaign.Id, code, Domain.Block.CheckTitle(command.TitleVi), Domain.Block.CheckTitle(command.TitleEn));
            db.Blocks.Add(block);
            audit.Write(who, AuditActions.BlockCreated, $"campaign:{campaign.Id}/block:{code}", null, $"{block.TitleVi} / {block.TitleEn}", reason);
            await db.SaveChangesAsync(cancellationToken);
            return code;
        }

        public async ValueTask<Mediator.Unit> Handle(Rename command, CancellationToken cancellationToken)
        {
            var who = Administrator(command.User);
            var campaign = Find(command.Campaign, command.User);
            var reason = UnitSuccession.CheckReason(command.Reason);
            await RequireOpen(campaign, cancellationToken);
            var block = await FindBlock(campaign, command.Block, command.User, cancellationToken);
            var old = $"{block.TitleVi} / {block.TitleEn}";
            block.Rename(command.TitleVi, command.TitleEn);
            audit.Write(who, AuditActions.BlockRenamed, $"campaign:{campaign.Id}/block:{block.Code}", old, $"{block.TitleVi} / {block.TitleEn}", reason);
            await db.SaveChangesAsync(cancellationToken);
            return Mediator.Unit.Value;
        }

        public async ValueTask<Mediator.Unit> Handle(Move command, CancellationToken cancellationToken)
        {
            var who = Administrator(command.User);
            var campaign = Find(command.Campaign, command.User);
            var reason = UnitSuccession.CheckReason(command.Reason);
            await RequireOpen(campaign, cancellationToken);
            var target = await FindBlock(campaign, command.Block, command.User, cancellationToken);
            var unit = command.Unit is { Length: <= Domain.Unit.MaxCodeLength } code ? await db.Units.SingleOrDefaultAsync(u => u.Code == code, cancellationToken) : null;
            if (unit is null)
            {
                LogUnknown(logger, command.User.Identity?.Name ?? "-", "unit", command.Unit ?? "");
                throw new NotFoundException();
            }

            if (campaign.FrameworkFor(unit.KindCode) is null)
            {
                throw new DomainException("Blocks.KindNotAssessed", unit.Code, campaign.Id);
            }

            var (first, last) = Span(campaign);
            if ((unit.ValidFrom is { } from && from > last) || (unit.ValidTo is { } to && to < first))
            {
                throw new DomainException("Blocks.UnitNotValid", unit.Code, campaign.Year);
            }

            var kinds = await db.BlockMemberships.Where(m => m.BlockId == target.Id && m.UnitId != unit.Id).Select(m => m.Unit!.KindCode).Distinct().ToListAsync(cancellationToken);
            if (kinds.Count > 0 && !kinds.Contains(unit.KindCode))
            {
                throw new DomainException("Blocks.KindMismatch", unit.Code, target.Code);
            }

            var membership = await db.BlockMemberships.Include(m => m.Block).Include(m => m.Unit).SingleOrDefaultAsync(m => m.CampaignId == campaign.Id && m.UnitId == unit.Id, cancellationToken);
            var from2 = membership?.Block!.Code;
            if (membership is null)
            {
                target.Add(unit);
            }
            else
            {
                target.Take(membership);
            }

            audit.Write(who, AuditActions.BlockMemberMoved, $"campaign:{campaign.Id}/unit:{unit.Code}", from2, target.Code, reason, unit.Id);
            await db.SaveChangesAsync(cancellationToken);
            return Mediator.Unit.Value;
        }

        /// <summary>The first and last day of the campaign's months.</summary>
        private static (DateOnly First, DateOnly Last) Span(Campaign campaign) =>
            (new DateOnly(campaign.Year, campaign.FirstMonth, 1), new DateOnly(campaign.Year, campaign.LastMonth, 1).AddMonths(1).AddDays(-1));

        private async Task<int?> FirstPublishedMonth(string campaignId, CancellationToken ct) =>
            await db.Publications.Where(p => p.CampaignId == campaignId).OrderBy(p => p.Month).Select(p => (int?)p.Month).FirstOrDefaultAsync(ct);

        /// <summary>Refuses a change once a month of the campaign has been published: the standings rank units within these blocks.</summary>
        private async Task RequireOpen(Campaign campaign, CancellationToken ct)
        {
            if (await FirstPublishedMonth(campaign.Id, ct) is { } month)
            {
                throw new DomainException("Blocks.Frozen", campaign.Id, month, campaign.Year);
            }
        }

        private Campaign Find(string? id, ClaimsPrincipal user)
        {
            if (id is { Length: > 0 and <= 64 } && catalog.Find(id) is { } campaign)
            {
                return campaign;
            }

            LogUnknown(logger, user.Identity?.Name ?? "-", "campaign", id ?? "");
            throw new NotFoundException();
        }

        private async Task<Domain.Block> FindBlock(Campaign campaign, string? code, ClaimsPrincipal user, CancellationToken ct)
        {
            if (code is { Length: > 0 and <= Domain.Block.MaxCodeLength } && await db.Blocks.SingleOrDefaultAsync(b => b.CampaignId == campaign.Id && b.Code == code, ct) is { } block)
            {
                return block;
            }

            LogUnknown(logger, user.Identity?.Name ?? "-", "block", code ?? "");
            throw new NotFoundException();
        }

        private static string Administrator(ClaimsPrincipal user) =>
            user.IsInRole(Roles.Administrator) && user.Identity?.Name is { } name ? name : throw new ForbiddenException();

        [LoggerMessage(Level = LogLevel.Warning, Message = "{User} asked for {What} '{Code}', which does not exist (answered 404).")]
        private static partial void LogUnknown(ILogger logger, string user, string what, string code);
    }
}
