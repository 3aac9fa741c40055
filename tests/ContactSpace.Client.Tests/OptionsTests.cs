using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ContactSpace.Client.Tests;

/// <summary>Options bind from the <c>ContactSpace</c> section and fail at start-up with messages that say what to fix.</summary>
public sealed class OptionsTests
{
    [Fact]
    public void Options_bind_from_the_ContactSpace_section_with_defaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ContactSpace:BaseUrl"] = "https://api.example.test/",
            ["ContactSpace:BetaBaseUrl"] = "https://beta.example.test/",
            ["ContactSpace:ApiKey"] = "abc",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddContactSpaceClient(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ContactSpaceClientOptions>>().Value;

        Assert.Equal(new Uri("https://api.example.test/"), options.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Timeout);
        Assert.Equal(10, options.MaxRequestsPerSecond);
        Assert.Equal("ContactSpace", ContactSpaceClientOptions.SectionName);
        Assert.NotNull(provider.GetRequiredService<ContactSpaceClient>());
    }

    [Fact]
    public void The_section_itself_can_be_passed()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ContactSpace:BaseUrl"] = "https://api.example.test/",
            ["ContactSpace:BetaBaseUrl"] = "https://beta.example.test/",
            ["ContactSpace:ApiKey"] = "abc",
            ["ContactSpace:MaxRequestsPerSecond"] = "25",
        }).Build();
        using var provider = new ServiceCollection().AddLogging()
            .AddContactSpaceClient(configuration.GetSection(ContactSpaceClientOptions.SectionName)).BuildServiceProvider();

        Assert.Equal(25, provider.GetRequiredService<IOptions<ContactSpaceClientOptions>>().Value.MaxRequestsPerSecond);
    }

    [Fact]
    public void Missing_settings_fail_with_clear_messages_that_never_show_the_key()
    {
        using var provider = new ServiceCollection().AddLogging()
            .AddContactSpaceClient(o => o.MaxRequestsPerSecond = 0)
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ContactSpaceClientOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("ContactSpace:BaseUrl is required", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("ContactSpace:BetaBaseUrl is required", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("ContactSpace:ApiKey is required", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("MaxRequestsPerSecond must be between 1 and 1000", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ftp://api.example.test/", "absolute http or https URL")]
    [InlineData("https://api.example.test/?apikey=x", "must not carry a query string")]
    public void A_bad_base_url_fails_validation(string url, string expected)
    {
        using var provider = new ServiceCollection().AddLogging()
            .AddContactSpaceClient(o =>
            {
                o.BaseUrl = new Uri(url);
                o.BetaBaseUrl = new Uri("https://beta.example.test/");
                o.ApiKey = "s3cret-value";
            })
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ContactSpaceClientOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_runs_at_start_up()
    {
        var services = new ServiceCollection().AddLogging().AddContactSpaceClient();

        Assert.Contains(services, d => d.ServiceType == typeof(IStartupValidator));
    }
}
