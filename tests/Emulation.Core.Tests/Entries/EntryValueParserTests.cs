using System.Globalization;
using Emulation.Core.Entries;
using Emulation.Core.Scoring;

namespace Emulation.Core.Tests.Entries;

public sealed class EntryValueParserTests
{
    private static Emulation.Core.Campaigns.Criterion Criterion(string code) => EntriesCampaign.Campaign.FrameworkFor("department")!.Find(code)!;

    [Theory]
    [InlineData("yes", true)]
    [InlineData("YES", true)]
    [InlineData("True", true)]
    [InlineData("1", true)]
    [InlineData("có", true)]
    [InlineData("CÓ", true)]
    [InlineData(" Có ", true)]
    [InlineData("co\u0301", true)]
    [InlineData("no", false)]
    [InlineData("No", false)]
    [InlineData("FALSE", false)]
    [InlineData("0", false)]
    [InlineData("không", false)]
    [InlineData("KHÔNG", false)]
    public void A_binary_criterion_takes_yes_and_no_in_four_spellings_and_any_letter_case(string text, bool yes)
    {
        var result = EntryValueParser.Parse(Criterion("1.1"), text);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(EntryValue.Binary(yes), result.Value);
    }

    [Theory]
    // criterion, value, denominator, expected kind
    [InlineData("1.1", "", null, EntryValueErrorKind.Missing)]
    [InlineData("1.1", "y", null, EntryValueErrorKind.Invalid)]
    [InlineData("1.2", "D", null, EntryValueErrorKind.Invalid)]
    [InlineData("1.3", "-0.5", null, EntryValueErrorKind.Negative)]
    [InlineData("1.3", "20.5", null, EntryValueErrorKind.AboveMax)]
    [InlineData("1.3", "0.25", null, EntryValueErrorKind.OffStep)]
    [InlineData("2.2", "3.5", null, EntryValueErrorKind.NotWhole)]
    [InlineData("2.1", "3", null, EntryValueErrorKind.MissingDenominator)]
    [InlineData("2.1", "3", "-1", EntryValueErrorKind.Negative)]
    [InlineData("1.1", "yes", "4", EntryValueErrorKind.UnexpectedDenominator)]
    public void Each_error_says_what_kind_of_mistake_it_is(string criterion, string text, string? denominator, EntryValueErrorKind kind)
    {
        var result = EntryValueParser.Parse(Criterion(criterion), text, denominator);

        Assert.False(result.Succeeded);
        Assert.Equal(kind, result.Error!.Kind);
    }

    [Theory]
    [InlineData("1.1", "2")]
    [InlineData("1.1", "y")]
    [InlineData("1.1", "co")]
    [InlineData("1.2", "a")]
    [InlineData("1.2", "D")]
    [InlineData("1.2", " A B")]
    [InlineData("1.3", "abc")]
    [InlineData("1.3", "1,5")]
    [InlineData("1.3", "1e1")]
    [InlineData("1.3", "-0.5")]
    [InlineData("1.3", "20.5")]
    [InlineData("1.3", "0.25")]
    [InlineData("2.2", "3.5")]
    [InlineData("2.2", "-1")]
    [InlineData("2.2", "1,000")]
    [InlineData("2.3", "0.5")]
    [InlineData("2.3", "-2")]
    [InlineData("2.1", "x")]
    [InlineData("2.1", "-1")]
    public void A_value_the_method_cannot_take_is_an_error_on_the_value_in_both_languages(string criterion, string text)
    {
        var result = EntryValueParser.Parse(Criterion(criterion), text, criterion == "2.1" ? "10" : null);

        Assert.False(result.Succeeded);
        Assert.Equal(EntryField.Value, result.Error!.Field);
        Assert.Matches(@"^\S.* \(.*[a-z].*\)$", result.Error.Message);
        Assert.Contains($"{criterion}", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_levels_error_lists_the_allowed_codes()
    {
        var error = EntryValueParser.Parse(Criterion("1.2"), "D").Error!;

        Assert.Equal("giá trị \"D\" không hợp lệ: tiêu chí 1.2 cần một trong các mã A, B, C (invalid value \"D\": criterion 1.2 expects one of the option codes A, B, C)", error.Message);
    }

    [Theory]
    [InlineData("1.2", "B", 0, null, "B")]
    [InlineData("1.3", "19.5", 19.5, null, null)]
    [InlineData("1.3", "0", 0, null, null)]
    [InlineData("1.3", "20", 20, null, null)]
    [InlineData("2.1", "3", 3, 24.0, null)]
    [InlineData("2.1", "0.5", 0.5, 0.0, null)]
    [InlineData("2.1", "30", 30, 24.0, null)]
    [InlineData("2.2", "12", 12, null, null)]
    [InlineData("2.2", "12.0", 12, null, null)]
    [InlineData("2.3", "0", 0, null, null)]
    [InlineData("2.3", "4", 4, null, null)]
    public void Each_method_takes_its_values_with_the_invariant_culture(string criterion, string text, double number, double? denominator, string? option)
    {
        var result = EntryValueParser.Parse(Criterion(criterion), text, denominator?.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(new EntryValue((decimal)number, (decimal?)denominator, option), result.Value);
    }

    [Fact]
    public void Numbers_are_read_with_a_dot_whatever_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("vi-VN");
        try
        {
            Assert.Equal(new EntryValue(0.5m), EntryValueParser.Parse(Criterion("1.3"), "0.5").Value);
            Assert.False(EntryValueParser.Parse(Criterion("1.3"), "0,5").Succeeded);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("2.1", "3", "", "missing denominator: criterion 2.1 is a ratio and needs a number ≥ 0")]
    [InlineData("2.1", "3", "ten", "denominator \"ten\" is not a number")]
    [InlineData("2.1", "3", "-4", "denominator \"-4\" is negative: expected a number ≥ 0")]
    [InlineData("1.1", "yes", "1", "criterion 1.1 is not a ratio and takes no denominator, got \"1\"")]
    [InlineData("2.2", "5", "0", "criterion 2.2 is not a ratio and takes no denominator, got \"0\"")]
    public void Only_a_ratio_takes_a_denominator_and_a_ratio_needs_one(string criterion, string value, string denominator, string english)
    {
        var error = EntryValueParser.Parse(Criterion(criterion), value, denominator).Error!;

        Assert.Equal(EntryField.Denominator, error.Field);
        Assert.Contains(english, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_value_is_missing_and_says_what_is_expected()
    {
        var error = EntryValueParser.Parse(Criterion("2.2"), "  ").Error!;

        Assert.Equal("thiếu giá trị: một số nguyên ≥ 0 (missing value: expected a whole number ≥ 0)", error.Message);
    }

    [Fact]
    public void A_criterion_with_children_takes_no_value()
    {
        var campaign = Emulation.Core.Campaigns.CampaignLoader.Load(Tests.Campaigns.SampleCampaign.Json, "sample.json").Value!;

        Assert.Throws<ArgumentException>(() => EntryValueParser.Parse(campaign.FrameworkFor("department")!.Find("1.2")!, "A"));
    }
}
