using ContactSpace.Bridge.Intake;

namespace ContactSpace.Bridge.Tests.Intake;

public sealed class TransformTests
{
    private static readonly TimeZoneInfo _sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");
    private static readonly TransformContext _context = new("AU", _sydney);

    private static TransformResult Apply(string chain, string value)
    {
        Assert.True(TransformChain.TryParse(chain, out var compiled, out var error), error);
        return compiled.Apply(value, _context);
    }

    [Theory]
    [InlineData("0414 616 126", "61414616126")]
    [InlineData("+61 414 616 126", "61414616126")]
    [InlineData("(02) 9876 5432", "61298765432")]
    [InlineData("+1 650-253-0000", "16502530000")]
    [InlineData("0011 61 414 616 126", "61414616126")]
    public void Phone_numbers_become_contactspace_digits(string input, string expected)
        => Assert.Equal(expected, Apply("phone", input).Value);

    [Fact]
    public void Phone_uses_the_routes_default_region()
    {
        var result = ValueTransforms.Phone("020 7946 0018", "GB");

        Assert.Equal("442079460018", result.Value);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("not a number")]
    [InlineData("0414 616")]
    public void Invalid_phone_numbers_are_problems(string input)
    {
        var result = Apply("phone", input);

        Assert.True(result.Failed);
        Assert.Equal(ProblemCodes.InvalidPhone, result.ProblemCode);
        Assert.Contains(input, result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Jane Citizen", "Jane", "Citizen")]
    [InlineData("  Jane   Mary  Citizen ", "Jane", "Mary Citizen")]
    [InlineData("Citizen, Jane", "Jane", "Citizen")]
    [InlineData("Cher", "Cher", "")]
    public void Full_names_are_split(string input, string first, string last)
    {
        Assert.Equal(first, Apply("first-name", input).Value);
        Assert.Equal(last, Apply("last-name", input).Value);
    }

    [Theory]
    [InlineData("2026-12-03T04:30:00Z", "2026-12-03 15:30:00")]
    [InlineData("2026-12-03T14:30:00+10:00", "2026-12-03 15:30:00")]
    [InlineData("2026-07-03T14:30:00+10:00", "2026-07-03 14:30:00")]
    [InlineData("2026-12-03T04:30:00.123+0000", "2026-12-03 15:30:00")]
    [InlineData("03/12/2026 15:30", "2026-12-03 15:30:00")]
    [InlineData("3/12/2026 3:30 PM", "2026-12-03 15:30:00")]
    [InlineData("2026-12-03 15:30", "2026-12-03 15:30:00")]
    [InlineData("1796272200", "2026-12-03 15:30:00")]
    [InlineData("1796272200000", "2026-12-03 15:30:00")]
    public void Date_times_are_converted_to_the_account_zone(string input, string expected)
        => Assert.Equal(expected, Apply("datetime", input).Value);

    [Fact]
    public void Dates_keep_only_the_day_in_the_account_zone()
        => Assert.Equal("2026-12-04", Apply("date", "2026-12-03T20:00:00Z").Value);

    [Theory]
    [InlineData("next tuesday")]
    [InlineData("31/02/2026 10:00")]
    public void Unreadable_dates_are_problems(string input)
        => Assert.Equal(ProblemCodes.InvalidDate, Apply("datetime", input).ProblemCode);

    [Fact]
    public void Chains_run_in_order_after_trimming()
    {
        Assert.Equal("abc", Apply("lower|max:3", "  ABCDEF ").Value);
        Assert.Equal("NSW", Apply("upper", " nsw ").Value);
        Assert.Equal("x", Apply("trim", " x ").Value);
        Assert.Equal("x", Apply(string.Empty, " x ").Value);
    }

    [Theory]
    [InlineData("phone|shout")]
    [InlineData("max:0")]
    [InlineData("max:x")]
    public void Unknown_transforms_are_configuration_errors(string chain)
    {
        Assert.False(TransformChain.TryParse(chain, out _, out var error));
        Assert.Contains("unknown transform", error, StringComparison.Ordinal);
    }
}
