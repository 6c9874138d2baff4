using Emulation.Web.Domain;

namespace Emulation.Web.Tests.Domain;

public sealed class CampaignAndUnitTests
{
    private static readonly DateTime Now = new(2017, 11, 28, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_changed_campaign_without_submissions_takes_the_new_file()
    {
        var campaign = StoredCampaign.Create("c-2017", "Cũ", "Old", "aaaa", "{}", Now);

        campaign.Replace("Mới", "New", "bbbb", "{\"x\":1}", hasSubmissions: false, Now.AddDays(1));

        Assert.Equal(("Mới", "bbbb", "{\"x\":1}", Now.AddDays(1)), (campaign.TitleVi, campaign.Fingerprint, campaign.Json, campaign.LoadedAtUtc));
    }

    [Fact]
    public void A_changed_campaign_with_submissions_is_refused_and_left_as_it_was()
    {
        var campaign = StoredCampaign.Create("c-2017", "Cũ", "Old", "aaaa", "{}", Now);

        var refused = Assert.Throws<DomainException>(() => campaign.Replace("Mới", "New", "bbbb", "{}", hasSubmissions: true, Now));

        Assert.Equal("Campaign.ChangedWithSubmissions", refused.Key);
        Assert.Equal("aaaa", campaign.Fingerprint);
    }

    [Fact]
    public void Replacing_a_campaign_with_the_same_file_is_refused_as_a_no_op()
    {
        var campaign = StoredCampaign.Create("c-2017", "Cũ", "Old", "aaaa", "{}", Now);

        Assert.Throws<DomainException>(() => campaign.Replace("Cũ", "Old", "aaaa", "{}", hasSubmissions: false, Now));
    }

    [Fact]
    public void A_unit_cannot_end_before_it_starts()
    {
        var kind = UnitKind.Create("district", "Huyện", "District");

        Assert.Throws<DomainException>(() => Unit.Create("X", "X", "X", kind, new DateOnly(2020, 1, 1), new DateOnly(2019, 12, 31)));
    }

    [Theory]
    [InlineData("2008-03-31", false)]
    [InlineData("2008-04-01", true)]
    [InlineData("2025-06-30", true)]
    [InlineData("2025-07-01", false)]
    public void A_unit_is_valid_between_its_dates_inclusive(string date, bool valid)
    {
        var unit = Unit.Create("CHOGAO", "Chợ Gạo", "Cho Gao", UnitKind.Create("district", "Huyện", "District"), new DateOnly(2008, 4, 1), new DateOnly(2025, 6, 30));

        Assert.Equal(valid, unit.IsValidOn(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_unit_joins_a_block_once()
    {
        var unit = Unit.Create("STP", "Sở Tư pháp", "Justice", UnitKind.Create("department", "Sở", "Department"), null, null);
        var block = Block.Create("c-2017", "K-TH", "Khối tổng hợp", "General");
        block.Add(unit);

        Assert.Throws<DomainException>(() => block.Add(unit));
        Assert.Single(block.Memberships);
    }

    [Fact]
    public void An_audit_entry_takes_only_UTC_time()
    {
        Assert.Throws<ArgumentException>(() => AuditEntry.Create(DateTime.SpecifyKind(Now, DateTimeKind.Local), "admin", "x", "y", null, null, null));
    }
}
