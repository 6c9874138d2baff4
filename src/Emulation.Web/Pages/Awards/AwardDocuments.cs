using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using MiniExcelLibs;
using Proposal = Emulation.Web.Domain.Proposal;

namespace Emulation.Web.Pages.Awards;

/// <summary>
/// The confirmed decision's documents: the approved list (.xlsx), the proposal letter (tờ trình đề
/// nghị khen thưởng) and the council's minutes (biên bản họp Hội đồng) as .docx in the Vietnamese
/// administrative layout (NĐ 30/2020/NĐ-CP: the issuer and the national heading side by side, the
/// number, place and date, the title, the addressees, the body, the recipients and the signature).
/// They are always in Vietnamese: they are the province's official papers.
/// </summary>
public static class AwardDocuments
{
    private const string Font = "Times New Roman";

    /// <summary>The approved units, award by award: one sheet, one row per approved candidate.</summary>
    public static byte[] ApprovedList(Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var awards = proposal.AwardList().ToDictionary(a => a.Code, a => a.TitleVi, StringComparer.Ordinal);
        var rows = Approved(proposal).Select((c, i) => new Dictionary<string, object?>
        {
            ["STT"] = i + 1,
            ["Hình thức khen thưởng"] = awards.GetValueOrDefault(c.Award, c.Award),
            ["Mã đơn vị"] = c.UnitCode,
            ["Đơn vị"] = c.NameVi,
            ["Khối thi đua"] = c.BlockTitleVi,
            ["Hạng trong khối"] = c.Rank,
            ["Điểm lũy kế"] = c.Score,
            ["Đồng ý"] = c.Agree,
            ["Có mặt"] = c.Present,
            ["Thành viên biểu quyết"] = c.EligibleVoters,
        }).ToList();
        using var memory = new MemoryStream();
        memory.SaveAs(rows, sheetName: $"Khen thưởng {proposal.Year}", excelType: ExcelType.XLSX);
        return memory.ToArray();
    }

    /// <summary>Tờ trình: the council proposes the approved units to the Provincial People's Committee.</summary>
    public static byte[] Letter(Proposal proposal, string province)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var decided = BusinessClock.ToVietnam(proposal.DecidedAtUtc ?? proposal.GeneratedAtUtc);
        return Document(body =>
        {
            Heading(body, province, $"Số: {proposal.Number:00}/TTr-HĐTĐKT", province, decided);
            Centered(body, "TỜ TRÌNH", bold: true, size: 28);
            Centered(body, $"Về việc đề nghị khen thưởng thành tích trong {proposal.CampaignTitleVi} năm {proposal.Year}", bold: true);
            Centered(body, $"Kính gửi: Ủy ban nhân dân tỉnh {province}.", spaceBefore: 240);
            Text(body, $"Căn cứ kết quả chấm điểm, thẩm định và công bố hằng tháng của {proposal.CampaignTitleVi} năm {proposal.Year} "
                + $"(lũy kế đến tháng {proposal.ThroughMonth}/{proposal.Year}) và kết quả biểu quyết của Hội đồng Thi đua – Khen thưởng "
                + $"ngày {Date(BusinessClock.ToVietnam(proposal.ClosedAtUtc ?? proposal.GeneratedAtUtc))},", indent: true);
            Text(body, $"Hội đồng Thi đua – Khen thưởng kính trình Ủy ban nhân dân tỉnh xem xét, khen thưởng các đơn vị sau:", indent: true);
            foreach (var award in proposal.AwardList())
            {
                var approved = Approved(proposal).Where(c => c.Award == award.Code).ToList();
                Text(body, $"{award.TitleVi}: {approved.Count} đơn vị", bold: true);
                Table(body, ["STT", "Đơn vị", "Khối thi đua", "Điểm lũy kế", "Hạng"],
                    approved.Select((c, i) => new[] { (i + 1).ToString(Vi), c.NameVi, c.BlockTitleVi, c.Score.ToString("N2", Vi), c.Rank.ToString(Vi) }));
            }

            Text(body, "Kính trình Ủy ban nhân dân tỉnh xem xét, quyết định./.", indent: true);
            Signature(body, ["Nơi nhận:", "- Như trên;", "- Sở Nội vụ;", "- Lưu: VT, HĐTĐKT."], ["TM. HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG", "CHỦ TỊCH"], proposal.DecidedBy ?? "");
        });
    }

    /// <summary>Biên bản: who sat, who was recused from which unit, the tally and outcome per candidate.</summary>
    public static byte[] Minutes(Proposal proposal, string province)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var closed = BusinessClock.ToVietnam(proposal.ClosedAtUtc ?? proposal.GeneratedAtUtc);
        var seats = proposal.Seats();
        var voters = proposal.Votes.Select(v => v.Member).ToHashSet(StringComparer.Ordinal);
        var awards = proposal.AwardList().ToDictionary(a => a.Code, a => a.TitleVi, StringComparer.Ordinal);
        return Document(body =>
        {
            Heading(body, province, $"Số: {proposal.Number:00}/BB-HĐTĐKT", province, closed);
            Centered(body, "BIÊN BẢN", bold: true, size: 28);
            Centered(body, $"Họp Hội đồng Thi đua – Khen thưởng xét đề nghị khen thưởng {proposal.CampaignTitleVi} năm {proposal.Year}", bold: true);
            Text(body, $"Thời gian: {closed.ToString("HH 'giờ' mm", Vi)}, ngày {Date(closed)}.", spaceBefore: 240);
            Text(body, $"Nội dung: biểu quyết đề nghị số {proposal.Number} (điểm lũy kế đến tháng {proposal.ThroughMonth}/{proposal.Year}); "
                + $"điều kiện: có mặt từ {Percent(proposal.Quorum)} số thành viên không phải tránh, thông qua khi số đồng ý từ {Percent(proposal.Threshold)} "
                + (proposal.ThresholdOf == Core.Campaigns.ThresholdBase.Present ? "số thành viên có mặt." : "số thành viên."));
            Text(body, "I. THÀNH PHẦN", bold: true);
            foreach (var seat in seats)
            {
                Text(body, $"- {seat.Name}{(seat.Chair ? ", Chủ tịch Hội đồng (chủ trì)" : ", thành viên")}{(seat.Unit is { } u ? $", thuộc đơn vị {u}" : "")}: "
                    + (voters.Contains(seat.Name) ? "có mặt." : "vắng mặt."));
            }

            Text(body, "II. THÀNH VIÊN KHÔNG THAM GIA BIỂU QUYẾT (TRÁNH XUNG ĐỘT LỢI ÍCH)", bold: true);
            var recusals = proposal.Candidates.Where(c => c.RecusedMembers.Count > 0).ToList();
            if (recusals.Count == 0)
            {
                Text(body, "Không có.");
            }

            foreach (var c in recusals)
            {
                Text(body, $"- {string.Join(", ", c.RecusedMembers)}: không biểu quyết đối với {c.NameVi} ({awards.GetValueOrDefault(c.Award, c.Award)}).");
            }

            Text(body, "III. KẾT QUẢ BIỂU QUYẾT", bold: true);
            Table(body, ["STT", "Hình thức", "Đơn vị", "Thành viên biểu quyết", "Có mặt", "Đồng ý", "Không đồng ý", "Không biểu quyết", "Kết quả"],
                proposal.Candidates.Where(c => c.Outcome is not null).OrderBy(c => c.Position).Select((c, i) => new[]
                {
                    (i + 1).ToString(Vi), awards.GetValueOrDefault(c.Award, c.Award), c.NameVi, Int(c.EligibleVoters), Int(c.Present), Int(c.Agree),
                    Int(c.Disagree), Int(c.Abstain), Outcome(c.Outcome),
                }));
            Text(body, $"Cuộc họp kết thúc lúc {closed.ToString("HH 'giờ' mm", Vi)} cùng ngày. Biên bản được Chủ tịch Hội đồng xác nhận"
                + (proposal.DecidedAtUtc is { } d ? $" ngày {Date(BusinessClock.ToVietnam(d))}." : "."), spaceBefore: 240);
            Signature(body, ["THƯ KÝ"], ["CHỦ TỌA", "CHỦ TỊCH HỘI ĐỒNG"], proposal.DecidedBy ?? proposal.ClosedBy ?? "");
        });
    }

    /// <summary>The approved candidates in the proposal's order.</summary>
    public static IReadOnlyList<ProposalCandidate> Approved(Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return [.. proposal.Candidates.Where(c => c.Outcome == CandidateOutcome.Approved).OrderBy(c => c.Position)];
    }

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private static string Date(DateTime local) => $"{local.Day:00} tháng {local.Month:00} năm {local.Year}";

    private static string Percent(decimal share) => (share * 100).ToString("0.##", Vi) + "%";

    private static string Int(int? value) => value?.ToString(Vi) ?? "";

    private static string Outcome(CandidateOutcome? outcome) => outcome switch
    {
        CandidateOutcome.Approved => "Thông qua",
        CandidateOutcome.Rejected => "Không thông qua",
        _ => "Không đủ số thành viên tham gia",
    };

    private static byte[] Document(Action<Body> write)
    {
        using var memory = new MemoryStream();
        using (var document = WordprocessingDocument.Create(memory, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(new DocDefaults(
                new RunPropertiesDefault(new RunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                    new FontSize { Val = "26" }, new Languages { Val = "vi-VN" })),
                new ParagraphPropertiesDefault(new ParagraphProperties(new SpacingBetweenLines { After = "60", Line = "276", LineRule = LineSpacingRuleValues.Auto }))));
            write(body);
            // A4, margins 2 cm top and bottom, 3 cm left, 2 cm right (NĐ 30/2020).
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701U, Right = 1134U }));
            main.Document.Save();
        }

        return memory.ToArray();
    }

    private static void Heading(Body body, string province, string number, string place, DateTime date)
    {
        var left = new[] { ($"UBND TỈNH {province.ToUpper(Vi)}", false), ("HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG", true), ("", false), (number, false) };
        var right = new[] { ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true), ("Độc lập - Tự do - Hạnh phúc", true), ("", false), ($"{place}, ngày {Date(date)}", false) };
        var table = new Table(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(new TopBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None },
                new RightBorder { Val = BorderValues.None }, new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None })));
        var row = new TableRow();
        row.Append(HeadingCell(left, "2000", italicLast: false), HeadingCell(right, "3000", italicLast: true));
        table.Append(row);
        body.Append(table);
    }

    private static TableCell HeadingCell(IEnumerable<(string Text, bool Bold)> lines, string width, bool italicLast)
    {
        var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = width, Type = TableWidthUnitValues.Pct }));
        var all = lines.ToList();
        for (var i = 0; i < all.Count; i++)
        {
            var italic = italicLast && i == all.Count - 1;
            cell.Append(Paragraph(all[i].Text, JustificationValues.Center, all[i].Bold, italic, size: 26));
        }

        return cell;
    }

    private static Paragraph Paragraph(string text, JustificationValues align, bool bold = false, bool italic = false, int size = 28, bool indent = false, int spaceBefore = 0)
    {
        var runProperties = new RunProperties(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) });
        if (bold)
        {
            runProperties.Append(new Bold());
        }

        if (italic)
        {
            runProperties.Append(new Italic());
        }

        var properties = new ParagraphProperties(new Justification { Val = align });
        if (spaceBefore > 0)
        {
            properties.Append(new SpacingBetweenLines { Before = spaceBefore.ToString(CultureInfo.InvariantCulture) });
        }

        if (indent)
        {
            properties.Append(new Indentation { FirstLine = "567" });
        }

        return new Paragraph(properties, new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static void Centered(Body body, string text, bool bold = false, int size = 28, int spaceBefore = 0) =>
        body.Append(Paragraph(text, JustificationValues.Center, bold, size: size, spaceBefore: spaceBefore));

    private static void Text(Body body, string text, bool bold = false, bool indent = false, int spaceBefore = 0) =>
        body.Append(Paragraph(text, JustificationValues.Both, bold, indent: indent, spaceBefore: spaceBefore));

    private static void Table(Body body, IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        var border = new TableBorders(new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }, border));
        table.Append(new TableRow([.. header.Select(h => new TableCell(Paragraph(h, JustificationValues.Center, bold: true, size: 24)))]));
        foreach (var row in rows)
        {
            table.Append(new TableRow([.. row.Select(v => new TableCell(Paragraph(v, JustificationValues.Left, size: 24)))]));
        }

        body.Append(table);
        body.Append(Paragraph("", JustificationValues.Left));
    }

    private static void Signature(Body body, IReadOnlyList<string> left, IReadOnlyList<string> right, string signer)
    {
        var table = new Table(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }));
        var leftCell = new TableCell(new TableCellProperties(new TableCellWidth { Width = "2500", Type = TableWidthUnitValues.Pct }));
        for (var i = 0; i < left.Count; i++)
        {
            leftCell.Append(Paragraph(left[i], i == 0 && left.Count > 1 ? JustificationValues.Left : left.Count > 1 ? JustificationValues.Left : JustificationValues.Center,
                bold: i == 0, italic: i == 0 && left.Count > 1, size: left.Count > 1 ? 22 : 26));
        }

        var rightCell = new TableCell(new TableCellProperties(new TableCellWidth { Width = "2500", Type = TableWidthUnitValues.Pct }));
        foreach (var line in right)
        {
            rightCell.Append(Paragraph(line, JustificationValues.Center, bold: true, size: 26));
        }

        rightCell.Append(Paragraph("", JustificationValues.Center, size: 26, spaceBefore: 1200));
        rightCell.Append(Paragraph(signer, JustificationValues.Center, bold: true, size: 26, spaceBefore: 240));
        table.Append(new TableRow(leftCell, rightCell));
        body.Append(table);
    }
}
