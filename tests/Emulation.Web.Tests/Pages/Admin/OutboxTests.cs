using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static Emulation.Web.Tests.AssessmentSupport;

namespace Emulation.Web.Tests;

public sealed class OutboxTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    [Fact]
    public async Task Every_notice_has_its_message_in_the_outbox_and_the_administrators_page_lists_it()
    {
        await factory.SubmitAsChoGao(10);
        var notice = Assert.Single(await factory.NoticesOf("CHOGAO", 10));

        var message = await factory.WithDb(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.NotificationId == notice.Id));
        Assert.Equal(await factory.WithDb(db => db.Notifications.CountAsync()), await factory.WithDb(db => db.OutboxMessages.CountAsync()));
        // The demo accounts have no e-mail address: the message is recorded all the same.
        Assert.Equal(("", null, 0), (message.To, message.SentAtUtc, message.Attempts));
        Assert.Equal("Thi đua cải cách hành chính: UBND huyện Chợ Gạo đã nộp bản tự chấm điểm tháng 10/2017, chờ thẩm định.", message.Subject);
        Assert.StartsWith("UBND huyện Chợ Gạo đã nộp bản tự chấm điểm tháng 10/2017", message.Body, StringComparison.Ordinal);
        Assert.Contains("Chợ Gạo District People's Committee submitted its self-assessment for 10/2017", message.Body, StringComparison.Ordinal);
        Assert.Contains("/Verification/CHOGAO/10", message.Body, StringComparison.Ordinal);

        var page = await (await factory.LoggedIn("admin")).GetDocument("/Admin/Outbox");

        Assert.Contains("Chưa cấu hình máy chủ thư", page.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        var row = page.QuerySelector($"tr[data-id='{message.Id}']")!;
        Assert.Equal(message.Subject, row.QuerySelector("summary")!.TextContent);
        Assert.Equal("Không có địa chỉ", row.QuerySelector(".state .badge")!.TextContent);
        Assert.NotNull((await (await factory.LoggedIn("admin")).GetDocument("/Admin")).QuerySelector("a[href='/Admin/Outbox']"));
    }

    [Theory]
    [InlineData("noivu")]
    [InlineData("chogao")]
    [InlineData("hoidong1")]
    public async Task Only_administrators_read_the_outbox(string person)
    {
        var response = await (await factory.LoggedIn(person)).GetAsync(new Uri("/Admin/Outbox", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/AccessDenied", response.Headers.Location!.PathOnly());
    }

    [Fact]
    public async Task A_message_goes_to_the_addresses_of_the_people_who_read_the_notice()
    {
        await factory.SetEmails(("chogao", "chogao@example.vn"), ("chogao.staff", "staff.chogao@example.vn"), ("tanphuoc", "tanphuoc@example.vn"),
            ("noivu", "noivu@example.vn"), ("admin", "admin@example.vn"));
        await factory.SubmitAsChoGao(9);
        var month = factory.Month("district", 9);
        await factory.Act("CHOGAO", 9, (s, m, now) => s.Return([new Finding(month.DueLeaves[0].Code, "Bổ sung văn bản")], "noivu", now));

        var messages = await factory.WithDb(db => db.OutboxMessages.AsNoTracking().Include(m => m.Notification)
            .Where(m => m.Notification!.UnitCode == "CHOGAO" && m.Notification.Month == 9).OrderBy(m => m.Id).ToListAsync());

        Assert.Equal(
            [(NoticeKind.Submitted, "noivu@example.vn"), (NoticeKind.Returned, "chogao@example.vn, staff.chogao@example.vn")],
            messages.Select(m => (m.Notification!.Kind, m.To)));
    }

    [Fact]
    public async Task Nothing_is_sent_without_a_mail_server()
    {
        await factory.SetEmails(("noivu", "noivu@example.vn"));
        await factory.SubmitAsChoGao(8);

        var sent = await factory.Services.GetRequiredService<OutboxSender>().SendDue(CancellationToken.None);

        Assert.Equal(0, sent);
        Assert.True(await factory.WithDb(db => db.OutboxMessages.AnyAsync(m => m.To == "noivu@example.vn")));
        Assert.False(await factory.WithDb(db => db.OutboxMessages.AnyAsync(m => m.SentAtUtc != null || m.Attempts > 0)));
    }
}

public sealed class OutboxSendingTests(OutboxSendingTests.SmtpFactory factory) : IClassFixture<OutboxSendingTests.SmtpFactory>
{
    [Fact]
    public async Task A_configured_mail_server_receives_each_message_once_and_it_is_marked_sent()
    {
        await factory.SetEmails(("noivu", "noivu@example.vn"));
        await factory.SubmitAsChoGao(10);
        var sender = factory.Services.GetRequiredService<OutboxSender>();

        await sender.SendDue(CancellationToken.None);
        await sender.SendDue(CancellationToken.None);

        var mail = Assert.Single(factory.Smtp.Received, m => (m.Message.Subject ?? "").Contains("10/2017", StringComparison.Ordinal));
        Assert.Equal(["noivu@example.vn"], mail.Recipients);
        Assert.Equal("Thi đua cải cách hành chính: UBND huyện Chợ Gạo đã nộp bản tự chấm điểm tháng 10/2017, chờ thẩm định.", mail.Message.Subject);
        Assert.Equal("thidua@example.vn", mail.Message.From.Mailboxes.Single().Address);
        Assert.Contains("submitted its self-assessment for 10/2017", mail.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://thidua.example.vn/Verification/CHOGAO/10", mail.Message.TextBody, StringComparison.Ordinal);
        var stored = await factory.WithDb(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Subject == mail.Message.Subject));
        Assert.Equal((1, null), (stored.Attempts, stored.LastError));
        Assert.NotNull(stored.SentAtUtc);

        var page = await (await factory.LoggedIn("admin")).GetDocument("/Admin/Outbox");
        Assert.Contains("127.0.0.1", page.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Đã gửi", page.QuerySelector($"tr[data-id='{stored.Id}'] .state .badge")!.TextContent);
    }

    [Fact]
    public async Task A_refused_message_records_the_error_and_waits_before_it_is_tried_again()
    {
        await factory.SetEmails(("chogao", "chogao@example.vn"));
        await factory.SubmitAsChoGao(9);
        await factory.Act("CHOGAO", 9, (s, m, now) => s.Verify(m, [], "noivu", now));
        var sender = factory.Services.GetRequiredService<OutboxSender>();
        factory.Smtp.Refuse = "chogao@example.vn";

        await sender.SendDue(CancellationToken.None);
        await sender.SendDue(CancellationToken.None);

        var stored = await factory.WithDb(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == "chogao@example.vn"));
        Assert.Null(stored.SentAtUtc);
        Assert.Equal(1, stored.Attempts);
        Assert.Contains("550", stored.LastError, StringComparison.Ordinal);
        Assert.True(stored.NextAttemptAtUtc > stored.CreatedAtUtc);
        var page = await (await factory.LoggedIn("admin")).GetDocument("/Admin/Outbox");
        var state = page.QuerySelector($"tr[data-id='{stored.Id}'] .state")!.TextContent;
        Assert.Contains("Lỗi lần 1, sẽ thử lại", state, StringComparison.Ordinal);
        Assert.Contains("550", state, StringComparison.Ordinal);
    }

    [Fact]
    public void The_wait_grows_with_each_failed_attempt() =>
        Assert.Equal([1, 4, 16, 64, 256], Enumerable.Range(1, OutboxMessage.MaxAttempts).Select(a => OutboxMessage.Backoff(a).TotalMinutes));

    public sealed class SmtpFactory : EmulationFactory
    {
        public FakeSmtpServer Smtp { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Emulation:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Emulation:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Emulation:Smtp:Security", "None");
            builder.UseSetting("Emulation:Smtp:From", "Thi đua CCHC <thidua@example.vn>");
            builder.UseSetting("Emulation:Smtp:SiteUrl", "https://thidua.example.vn/");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            Smtp.Dispose();
        }
    }
}

/// <summary>
/// A mail server of a few lines for the tests: it speaks just enough SMTP for MailKit, keeps what it
/// receives, and refuses one recipient when told to.
/// </summary>
public sealed class FakeSmtpServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();

    public FakeSmtpServer()
    {
        listener.Start();
        _ = Task.Run(Serve);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public ConcurrentQueue<(IReadOnlyList<string> Recipients, MimeMessage Message)> Received { get; } = new();

    /// <summary>A recipient answered "550 no such user".</summary>
    public string? Refuse { get; set; }

    public void Dispose()
    {
        // The factory may be disposed twice (Dispose and DisposeAsync).
        if (stop.IsCancellationRequested)
        {
            return;
        }

        stop.Cancel();
        listener.Stop();
        listener.Dispose();
        stop.Dispose();
    }

    private async Task Serve()
    {
        var token = stop.Token;
        while (!token.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            using (client)
            {
                await Talk(client.GetStream());
            }
        }
    }

    private async Task Talk(NetworkStream stream)
    {
        using var reader = new StreamReader(stream, Encoding.Latin1);
        await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost test server");
        var recipients = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO":
                    await writer.WriteLineAsync("250 localhost");
                    break;
                case "MAIL":
                    recipients.Clear();
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT":
                    var address = line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.IndexOf('>', StringComparison.Ordinal)];
                    if (address == Refuse)
                    {
                        await writer.WriteLineAsync("550 No such user");
                    }
                    else
                    {
                        recipients.Add(address);
                        await writer.WriteLineAsync("250 OK");
                    }

                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End with <CRLF>.<CRLF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } part && part != ".")
                    {
                        data.Append(part.StartsWith("..", StringComparison.Ordinal) ? part[1..] : part).Append("\r\n");
                    }

                    Received.Enqueue(([.. recipients], await MimeMessage.LoadAsync(new MemoryStream(Encoding.Latin1.GetBytes(data.ToString())))));
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 OK");
                    break;
            }
        }
    }
}
