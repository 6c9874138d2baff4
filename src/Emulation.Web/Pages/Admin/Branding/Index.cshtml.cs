using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Admin.Branding;

/// <summary>The province's name, the issuing body and the help desk's contacts (Administrators only).</summary>
public sealed class IndexModel(IMediator mediator) : PageModel, IReloadAfterRefusal
{
    [BindProperty]
    public Form Input { get; set; } = new();

    public BrandingView Current { get; private set; } = null!;

    public bool Saved { get; private set; }

    public async Task OnGetAsync([FromQuery] bool saved, CancellationToken ct)
    {
        Current = await mediator.Send(new Query(), ct);
        Saved = saved;
        Input = new Form { Province = Current.Province, IssuingBody = Current.IssuingBody, HelpDeskPhone = Current.HelpDeskPhone, HelpDeskEmail = Current.HelpDeskEmail, Version = Current.Version };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await ReloadAsync(ct);
            return Page();
        }

        await mediator.Send(new Command(User, Input.Province, Input.IssuingBody, Input.HelpDeskPhone, Input.HelpDeskEmail, Input.Version), ct);
        return RedirectToPage(new { saved = true });
    }

    public async Task ReloadAsync(CancellationToken ct) => Current = await mediator.Send(new Query(), ct);

    public sealed class Form
    {
        [Required(ErrorMessage = "Branding.ProvinceRequired")]
        [StringLength(Domain.Branding.MaxProvinceLength, ErrorMessage = "Branding.ProvinceTooLong")]
        public string? Province { get; set; }

        [Required(ErrorMessage = "Branding.IssuingBodyRequired")]
        [StringLength(Domain.Branding.MaxIssuingBodyLength, ErrorMessage = "Branding.IssuingBodyTooLong")]
        public string? IssuingBody { get; set; }

        [StringLength(Domain.Branding.MaxPhoneLength, ErrorMessage = "Branding.BadPhone")]
        public string? HelpDeskPhone { get; set; }

        [StringLength(Domain.Branding.MaxEmailLength, ErrorMessage = "Branding.BadEmail")]
        public string? HelpDeskEmail { get; set; }

        public int Version { get; set; }
    }

    public sealed record Query : IRequest<BrandingView>;

    public sealed record Command(ClaimsPrincipal User, string? Province, string? IssuingBody, string? HelpDeskPhone, string? HelpDeskEmail, int Version) : IRequest<BrandingView>;

    public sealed class Handler(EmulationDb db, BrandingSource source, AuditLog audit, BusinessClock clock)
        : IRequestHandler<Query, BrandingView>, IRequestHandler<Command, BrandingView>
    {
        public async ValueTask<BrandingView> Handle(Query query, CancellationToken cancellationToken) => await source.Get(cancellationToken);

        public async ValueTask<BrandingView> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!command.User.IsInRole(Roles.Administrator) || command.User.Identity?.Name is not { } who)
            {
                throw new ForbiddenException();
            }

            var stored = await db.Brandings.SingleOrDefaultAsync(b => b.Id == Domain.Branding.TheId, cancellationToken);
            if ((stored?.Version ?? 0) != command.Version)
            {
                throw new DomainException("Concurrency.Conflict");
            }

            var before = stored is null ? source.Defaults() : null;
            if (stored is null)
            {
                stored = Domain.Branding.Create();
                // What was shown came from the configuration: the first save records the change from it.
                stored.Change(before!.Province, before.IssuingBody, before.HelpDeskPhone, before.HelpDeskEmail, who, clock.UtcNow);
                db.Brandings.Add(stored);
            }

            var version = stored.Version;
            var changes = stored.Change(command.Province, command.IssuingBody, command.HelpDeskPhone, command.HelpDeskEmail, who, clock.UtcNow);
            if (before is null && changes.Count == 0)
            {
                return await source.Get(cancellationToken);
            }

            if (before is not null)
            {
                // A new row starts at version 1 whatever it took to fill it.
                db.Entry(stored).Property(b => b.Version).CurrentValue = 1;
            }
            else
            {
                db.Entry(stored).Property(b => b.Version).OriginalValue = version;
            }

            audit.Write(who, AuditActions.BrandingChanged, "branding", null, changes.Count == 0 ? "(configuration values stored)" : string.Join("; ", changes), null);
            await db.SaveChangesAsync(cancellationToken);
            source.Forget();
            return await source.Get(cancellationToken);
        }
    }
}
