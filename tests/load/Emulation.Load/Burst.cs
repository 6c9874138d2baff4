using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Emulation.Load;

/// <summary>
/// The deadline hour: each unit's head signs in, opens the month's form, saves it twice and submits
/// it, the units beginning one after another over the first part of the duration, while readers
/// load /Rankings. A step whose answer never came (a killed server) is retried after reloading the
/// form, as a person would; every answer is written in the <see cref="Ledger"/>.
/// </summary>
public sealed class Burst(LoadOptions options, Ledger ledger)
{
    private static readonly string[] ReaderAccounts = ["noivu", "chutich", "hoidong1", "hoidong2", "hoidong3", "hoidong4", "stp", "chogao", "chogao.staff", "tanphuoc"];
    private readonly Stopwatch clock = new();
    private volatile bool down;
    private int servedWhileDown;

    /// <summary>Requests answered with success while a server was down.</summary>
    public int ServedWhileDown => servedWhileDown;

    /// <summary>The browsers of the unit heads after the run (their cookies, to check they are still signed in).</summary>
    public List<(string User, Browser Browser)> People { get; } = [];

    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Set while a server is killed and not yet answering again.</summary>
    public bool Down
    {
        get => down;
        set => down = value;
    }

    public async Task Run(CancellationToken ct)
    {
        var urls = options.BaseUrls;
        var formPath = (int i) => $"/Assessments/{UnitsFile.Code(i)}/{LoadOptions.Month}";
        var hardEnd = options.Duration + TimeSpan.FromSeconds(options.Crash ? 90 : 30);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(hardEnd + TimeSpan.FromSeconds(30));

        // The readers sign in first (not counted), then load /Rankings until the units are done.
        var readers = new List<Browser>();
        for (var r = 0; r < options.Readers; r++)
        {
            var reader = new Browser(urls[r % urls.Count], TimeSpan.FromSeconds(30));
            await reader.SignIn(ReaderAccounts[r % ReaderAccounts.Length], Accounts.DemoPassword, stop.Token);
            readers.Add(reader);
        }

        for (var i = 1; i <= options.Units; i++)
        {
            People.Add((UnitsFile.UserName(i), new Browser(urls[i % urls.Count], TimeSpan.FromSeconds(30))));
        }

        clock.Start();
        using var readersDone = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        var readerTasks = readers.Select(reader => Read(reader, readersDone.Token)).ToList();
        var arrival = options.Duration * options.ArrivalShare / Math.Max(1, options.Units);
        var people = Enumerable.Range(1, options.Units).Select(i => Person(i, People[i - 1].Browser, formPath(i), arrival * (i - 1), hardEnd, stop.Token)).ToList();
        await Task.WhenAll(people);
        var rest = options.Duration - clock.Elapsed;
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, stop.Token);
        }

        await readersDone.CancelAsync();
        await Task.WhenAll(readerTasks);
        foreach (var reader in readers)
        {
            reader.Dispose();
        }
    }

    private async Task Read(Browser reader, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Step("ranking", async () =>
                {
                    var page = await reader.Get("/Rankings", ct);
                    ledger.Time("ranking", page.Took);
                    page.Require(HttpStatusCode.OK, "/Rankings");
                    return true;
                }, ct);
                await Task.Delay(options.ReaderPause, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task Person(int i, Browser browser, string formPath, TimeSpan startAfter, TimeSpan hardEnd, CancellationToken ct)
    {
        var code = UnitsFile.Code(i);
        var record = ledger.Unit(code);
        var user = UnitsFile.UserName(i);
        var saves = 0;
        var attempt = 0;
        var signedIn = false;
        string? pendingSubmit = null;
        await Task.Delay(startAfter, ct);
        while (clock.Elapsed < hardEnd && !record.Finished)
        {
            attempt++;
            string? marker = null;
            try
            {
                if (!signedIn)
                {
                    var login = await browser.SignIn(user, Accounts.Password, ct);
                    ledger.Time("login", login.Took);
                    signedIn = true;
                    Served();
                }

                var page = await browser.Get(formPath, ct);
                ledger.Time("form", page.Took);
                if (page.StatusCode == HttpStatusCode.Redirect && page.Location?.Contains("/Account/Login", StringComparison.Ordinal) == true)
                {
                    ledger.Error($"{user}: signed out ({formPath} sent to the login page)");
                    signedIn = false;
                    continue;
                }

                page.Require(HttpStatusCode.OK, formPath);
                Served();
                var form = MonthForm.Read(page.Body);
                if (form.Status == "Submitted")
                {
                    if (pendingSubmit is null)
                    {
                        ledger.Error($"{user}: {formPath} was submitted before this person submitted it");
                    }

                    record.SubmittedUnanswered = true;
                    Finish(record);
                    break;
                }

                if (!form.Editable || form.Criteria.Count == 0)
                {
                    ledger.Error($"{user}: {formPath} cannot be edited (state {form.Status})");
                    break;
                }

                record.Expected = form.Expected();
                await Task.Delay(options.Think, ct);
                var submit = saves >= 2;
                marker = string.Create(CultureInfo.InvariantCulture, $"burst {options.RunId} {code} {(submit ? "submit" : $"save {saves + 1}")}.{attempt}");
                if (submit)
                {
                    pendingSubmit = marker;
                }

                var answer = await browser.Post($"{formPath}?handler={(submit ? "Submit" : "Save")}", form.Fields(marker, withEvidence: true), ct);
                ledger.Time(submit ? "submit" : "save", answer.Took);
                if (answer.StatusCode != HttpStatusCode.Redirect || answer.Location?.StartsWith(formPath, StringComparison.Ordinal) != true)
                {
                    var said = Browser.Parse(answer.Body).QuerySelector(".flash-error")?.TextContent.Trim();
                    if (options.Crash && (int)answer.StatusCode is 502 or 503 or 504)
                    {
                        // The proxy lost the server with the request: whether it was saved is unknown.
                        record.Unanswered(marker);
                        ledger.RefusedWhileDown();
                        await Task.Delay(1000, ct);
                        continue;
                    }

                    ledger.Error($"{user}: {(submit ? "submit" : "save")} answered {(int)answer.StatusCode}{(said is null ? "" : ": " + said)}");
                    break;
                }

                Served();
                record.Acknowledge(marker);
                if (!submit)
                {
                    saves++;
                    continue;
                }

                // The person reads the month after submitting: it must show as submitted.
                var after = await browser.Get(formPath, ct);
                ledger.Time("form", after.Took);
                if (after.StatusCode == HttpStatusCode.OK && MonthForm.Read(after.Body).Status == "Submitted")
                {
                    record.Submitted = marker;
                    Finish(record);
                }
                else
                {
                    ledger.Error($"{user}: the submission was answered but the month shows {(after.StatusCode == HttpStatusCode.OK ? MonthForm.Read(after.Body).Status : ((int)after.StatusCode).ToString(CultureInfo.InvariantCulture))}");
                    break;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                if (marker is not null)
                {
                    record.Unanswered(marker);
                }

                if (options.Crash)
                {
                    ledger.RefusedWhileDown();
                }
                else
                {
                    ledger.Error($"{user}: {Describe(e)}");
                }

                await Task.Delay(1000, ct);
            }
            catch (LoadException e)
            {
                if (options.Crash && down)
                {
                    ledger.RefusedWhileDown();
                    await Task.Delay(1000, ct);
                    continue;
                }

                ledger.Error($"{user}: {e.Message}");
                if (!options.Crash)
                {
                    break;
                }

                await Task.Delay(1000, ct);
            }
        }

        if (!record.Finished)
        {
            ledger.Error($"{user}: did not finish (saves answered {saves}, run time {clock.Elapsed.TotalSeconds:0} s)");
        }
    }

    private void Finish(UnitRecord record)
    {
        record.Finished = true;
        record.FinishedAfter = clock.Elapsed;
    }

    private void Served()
    {
        if (down)
        {
            Interlocked.Increment(ref servedWhileDown);
        }
    }

    private async Task Step(string what, Func<Task<bool>> step, CancellationToken ct)
    {
        try
        {
            await step();
            Served();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            if (options.Crash)
            {
                ledger.RefusedWhileDown();
            }
            else
            {
                ledger.Error($"{what}: {Describe(e)}");
            }
        }
        catch (LoadException e)
        {
            if (options.Crash && down)
            {
                ledger.RefusedWhileDown();
            }
            else
            {
                ledger.Error($"{what}: {e.Message}");
            }
        }
    }

    private static string Describe(Exception e) => e switch
    {
        HttpRequestException { InnerException: SocketException s } => $"connection {s.SocketErrorCode}",
        HttpRequestException h => h.Message,
        TaskCanceledException => "no answer within the timeout",
        _ => e.Message,
    };
}
