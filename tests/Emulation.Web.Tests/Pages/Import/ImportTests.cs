using System.Net;
using System.Text;
using Emulation.Web.Domain;
using Emulation.Web.Pages.Verification;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Tests;

/// <summary>
/// /Verification/Import on a demo database without history: all or nothing, every error with its
/// line, months holding data refused unless replaced, locked months refused, verified submissions
/// written in one transaction and audited.
/// </summary>
public sealed class ImportTests
{
    private const string Url = "/Verification/Import";

    [Fact]
    public async Task A_wrong_header_is_refused_with_its_line_and_nothing_is_written()
    {
        using var factory = new EmulationFactory();
        var client = await factory.LoggedIn("noivu");
        var form = Forms.Fields((AngleSharp.Html.Dom.IHtmlFormElement)(await client.GetDocument(Url)).QuerySelector("#import-form")!);
        var csv = "unit,name,unit_kind,block,month,criterion,value,denominator,submitted_on\nSTP,Sở Tư pháp,department,K-SO-1,1,1.1,yes,,\n";

        var response = await client.Post(Url, form, [("file", "entries.csv", ImportSupport.Bytes(csv))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocument();
        var problems = page.QuerySelectorAll(".import-problems li").Select(li => li.TextContent).ToList();
        var problem = Assert.Single(problems);
        Assert.Contains("Dòng 1", problem, StringComparison.Ordinal);
        Assert.Contains("dòng tiêu đề sai", problem, StringComparison.Ordinal);
        Assert.Contains("Không có gì được ghi", page.QuerySelector(".import-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await factory.SubmissionCount());
    }

    [Fact]
    public async Task A_bad_number_an_unknown_unit_and_an_unknown_criterion_are_all_listed_with_their_lines()
    {
        using var factory = new EmulationFactory();
        var members = await factory.Members();
        var rows = ImportSupport.Rows(factory.Campaign(), members, [1]).ToList();
        var ratio = rows.FindIndex(r => r.Denominator is not null);
        rows[ratio] = rows[ratio] with { Value = "9,5" };
        var unknownUnit = rows.FindIndex(r => r.Unit != rows[0].Unit);
        rows.Insert(unknownUnit, rows[unknownUnit] with { Unit = "KHONGCO", Criterion = rows[unknownUnit].Criterion });
        var criterion = rows.Count - 3;
        rows[criterion] = rows[criterion] with { Criterion = "99.9" };

        var outcome = await factory.Import(ImportSupport.Bytes(ImportSupport.Csv(rows)));

        Assert.False(outcome.Succeeded);
        var lines = outcome.Errors.Select(e => e.Line).ToList();
        Assert.Contains(ratio + 2, lines);
        Assert.Contains(unknownUnit + 2, lines);
        Assert.Contains(criterion + 2, lines);
        Assert.Contains(outcome.Errors, e => e.Line == ratio + 2 && e.ColumnName == "value" && e.Message.Contains("9,5", StringComparison.Ordinal));
        Assert.Contains(outcome.Errors, e => e.Line == unknownUnit + 2 && e.Message.Contains("KHONGCO", StringComparison.Ordinal));
        Assert.Contains(outcome.Errors, e => e.Line == criterion + 2 && e.ColumnName == "criterion");
        Assert.Equal(3, outcome.ErrorCount);
        Assert.Equal(0, await factory.SubmissionCount());
    }

    [Fact]
    public async Task One_bad_row_at_the_end_of_a_big_file_refuses_the_whole_file()
    {
        using var factory = new EmulationFactory();
        var rows = ImportSupport.Rows(factory.Campaign(), await factory.Members(), Enumerable.Range(1, 11)).ToList();
        var last = rows[^1];
        rows[^1] = last with { Value = "-3" };

        var outcome = await factory.Import(ImportSupport.Bytes(ImportSupport.Csv(rows)));

        Assert.True(rows.Count > 20_000, $"{rows.Count} rows");
        var error = Assert.Single(outcome.Errors);
        Assert.Equal(rows.Count + 1, error.Line);
        Assert.Equal(0, await factory.SubmissionCount());
        Assert.Equal(0, await factory.WithDb(db => db.AuditEntries.CountAsync(a => a.Action == EntriesImport.EntriesImported)));
    }

    [Fact]
    public async Task A_file_named_xlsx_that_is_not_a_workbook_is_refused_with_a_clear_message()
    {
        using var factory = new EmulationFactory();
        var client = await factory.LoggedIn("noivu");
        var form = Forms.Fields((AngleSharp.Html.Dom.IHtmlFormElement)(await client.GetDocument(Url)).QuerySelector("#import-form")!);

        var response = await client.Post(Url, form, [("file", "entries.xlsx", Encoding.UTF8.GetBytes("unit,unit_name\nnot a workbook\n"))]);
        var zipButBroken = await client.Post(Url, form, [("file", "entries.xlsx", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8])]);

        foreach (var refused in new[] { response, zipButBroken })
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await refused.ReadDocument();
            Assert.Contains("không phải bảng tính Excel .xlsx", page.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(0, await factory.SubmissionCount());
    }

    [Fact]
    public async Task A_good_file_becomes_verified_submissions_in_one_import_with_audit_lines()
    {
        using var factory = new EmulationFactory();
        var members = await factory.Members();
        var rows = ImportSupport.Rows(factory.Campaign(), members, [1, 2, 3]).ToList();
        var client = await factory.LoggedIn("noivu");
        var form = Forms.Fields((AngleSharp.Html.Dom.IHtmlFormElement)(await client.GetDocument(Url)).QuerySelector("#import-form")!);

        var response = await client.Post(Url, form, [("file", "quy-1.csv", ImportSupport.Bytes(ImportSupport.Csv(rows)))]);

        response.Redirected("/Verification?month=1");
        var queue = await client.GetDocument("/Verification?month=1");
        Assert.Contains($"Đã nhập {rows.Count} dòng", queue.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        var stored = await factory.WithDb(db => db.Submissions.AsNoTracking().Include(s => s.Entries).ToListAsync());
        Assert.Equal(members.Count * 3, stored.Count);
        Assert.All(stored, s => Assert.Equal((SubmissionStatus.Verified, "noivu"), (s.Status, s.VerifiedBy)));
        Assert.Equal(rows.Count, stored.Sum(s => s.Entries.Count));
        var first = rows[0];
        var entry = stored.Single(s => s.UnitCode == first.Unit && s.Month == first.Month).EntryFor(first.Criterion)!;
        Assert.Equal((first.Value, first.Denominator, false), (entry.Value, entry.Denominator, entry.Adjusted));
        Assert.Equal(first.SubmittedOn, stored.Single(s => s.UnitCode == first.Unit && s.Month == first.Month).FirstSubmittedOn);
        var audit = await factory.WithDb(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "submission.imported" || a.Action == EntriesImport.EntriesImported).ToListAsync());
        Assert.Equal(members.Count * 3, audit.Count(a => a.Action == "submission.imported"));
        Assert.Contains("quy-1.csv", Assert.Single(audit, a => a.Action == EntriesImport.EntriesImported).NewValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_month_holding_data_is_refused_unless_replace_is_chosen_and_replacing_is_audited()
    {
        using var factory = new EmulationFactory();
        var members = await factory.Members();
        var stp = members.Single(m => m.Code == "STP");
        Assert.True((await factory.Import(ImportSupport.Bytes(ImportSupport.Csv(ImportSupport.Rows(factory.Campaign(), [stp], [1]))))).Succeeded);
        var changed = ImportSupport.Rows(factory.Campaign(), [stp], [1]).Select(r => r with { Value = r.Denominator is null ? r.Value : "50" }).ToList();
        var file = ImportSupport.Bytes(ImportSupport.Csv(changed));

        var refused = await factory.Import(file);
        var replaced = await factory.Import(file, replace: true);

        var error = Assert.Single(refused.Errors);
        Assert.Equal((2, "month"), (error.Line, error.ColumnName));
        Assert.Contains("đã có số liệu", error.Message, StringComparison.Ordinal);
        Assert.True(replaced.Succeeded);
        Assert.Equal(1, replaced.Replaced);
        var stored = await factory.Stored("STP", 1);
        Assert.Equal(changed.Count, stored!.Entries.Count);
        Assert.All(stored.Entries.Where(e => e.Denominator is not null), e => Assert.Equal("50", e.Value));
        var line = await factory.WithDb(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "submission.import-replaced"));
        Assert.Equal(("noivu", "replace"), (line.Who, line.Reason));
        Assert.StartsWith("Verified", line.OldValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_locked_month_is_refused_even_with_replace()
    {
        using var factory = new EmulationFactory();
        var members = await factory.Members();
        var file = ImportSupport.Bytes(ImportSupport.Csv(ImportSupport.Rows(factory.Campaign(), members, [1])));
        Assert.True((await factory.Import(file)).Succeeded);
        await factory.Publish(1);

        var refused = await factory.Import(file, replace: true);

        Assert.Equal(members.Count, refused.ErrorCount);
        Assert.All(refused.Errors, e => Assert.Contains("đã khóa và công bố", e.Message, StringComparison.Ordinal));
        Assert.All(await factory.WithDb(db => db.Submissions.AsNoTracking().ToListAsync()), s => Assert.Equal(SubmissionStatus.Locked, s.Status));
    }

    [Theory]
    [InlineData("hoidong1")]
    [InlineData("chogao")]
    public async Task Only_verifiers_and_administrators_open_the_page(string userName)
    {
        using var factory = new EmulationFactory();
        var client = await factory.LoggedIn(userName);

        var response = await client.GetAsync(new Uri(Url, UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_administrator_reads_the_page_but_only_a_verifier_imports()
    {
        using var factory = new EmulationFactory();
        var admin = await factory.LoggedIn("admin");
        var csv = ImportSupport.Csv(ImportSupport.Rows(factory.Campaign(), (await factory.Members()).Take(1), [1]));

        var page = await admin.GetDocument(Url);
        using var stream = new MemoryStream(ImportSupport.Bytes(csv));
        var refused = await Record.ExceptionAsync(async () => await factory.SendAsync(new ImportModel.Command(await factory.UserAsync("admin"), stream, "entries.csv", false)));

        Assert.Null(page.QuerySelector("#import-form"));
        Assert.IsType<Emulation.Web.Infrastructure.NotFoundException>(refused);
        Assert.Equal(0, await factory.SubmissionCount());
    }
}
