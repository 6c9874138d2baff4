using Emulation.Web.Data;
using Emulation.Web.Domain;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Emulation.Web.Infrastructure.Notifications;

/// <summary>
/// Sends the outbox's messages through the configured mail server (<see cref="SmtpOptions"/>),
/// oldest first, retrying a failed one after a growing wait (<see cref="OutboxMessage.Backoff"/>) up
/// to <see cref="OutboxMessage.MaxAttempts"/> times. Without a configured server it sends nothing:
/// the messages stay in the outbox for the administrators to read.
/// </summary>
public sealed partial class OutboxSender(IServiceScopeFactory scopes, TimeProvider time, IOptions<SmtpOptions> options, Leases leases, ILogger<OutboxSender> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>Messages sent per run (one connection to the server).</summary>
    public const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsConfigured)
        {
            LogNotConfigured(logger);
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // One server sends at a time (each message is also taken with its own version check).
                if (await leases.TryTake(Leases.Outbox, 3 * Interval, stoppingToken))
                {
                    await SendDue(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRunFailed(logger, e);
            }
        }
    }

    /// <summary>Sends the messages due now; returns how many were sent (0 without a mail server).</summary>
    public async Task<int> SendDue(CancellationToken ct)
    {
        var smtp = options.Value;
        if (!smtp.IsConfigured)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EmulationDb>();
        var clock = scope.ServiceProvider.GetRequiredService<BusinessClock>();
        var now = clock.UtcNow;
        var due = await db.OutboxMessages
            .Where(m => m.SentAtUtc == null && m.To != "" && m.Attempts < OutboxMessage.MaxAttempts && (m.NextAttemptAtUtc == null || m.NextAttemptAtUtc <= now))
            .OrderBy(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
        var taken = new List<OutboxMessage>();
        foreach (var message in due)
        {
            message.BeginAttempt(now);
            try
            {
                await db.SaveChangesAsync(ct);
                taken.Add(message);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another server took this attempt.
                db.Entry(message).State = EntityState.Detached;
            }
        }

        if (taken.Count == 0)
        {
            return 0;
        }

        var sent = 0;
        var pending = new List<OutboxMessage>(taken);
        try
        {
            using var client = new SmtpClient { Timeout = 30_000 };
            await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.Ssl => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            }, ct);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
            }

            foreach (var message in taken)
            {
                try
                {
                    await client.SendAsync(Mime(smtp, message), ct);
                    message.Delivered(clock.UtcNow);
                    sent++;
                }
                catch (Exception e) when (e is SmtpCommandException or ParseException)
                {
                    // This message's fault (an address refused or malformed): the others still go.
                    Fail(message, e);
                }

                pending.Remove(message);
            }

            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The server (connection, sign-in): every message not sent yet failed this attempt.
            foreach (var message in pending)
            {
                Fail(message, e);
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        return sent;

        void Fail(OutboxMessage message, Exception e)
        {
            message.Failed(e is SmtpCommandException refused ? $"SMTP {(int)refused.StatusCode}: {e.Message}" : $"{e.GetType().Name}: {e.Message}");
            LogFailed(logger, message.Id, message.Attempts, e.Message);
        }
    }

    private static MimeMessage Mime(SmtpOptions smtp, OutboxMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(smtp.From ?? ""));
        mime.To.AddRange(InternetAddressList.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new TextPart("plain") { Text = message.Body };
        return mime;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No mail server is configured (Emulation:Smtp:Host): the outbox records messages and sends none.")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} not sent (attempt {Attempt}): {Error}")]
    private static partial void LogFailed(ILogger logger, long id, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox could not be sent; trying again at the next run.")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
