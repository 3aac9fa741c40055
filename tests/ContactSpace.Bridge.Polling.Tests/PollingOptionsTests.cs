using ContactSpace.Bridge.Polling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.Polling.Tests;

public sealed class PollingOptionsTests
{
    [Theory]
    [InlineData("Bridge:Polling:MaxConcurrency", "0", "MaxConcurrency")]
    [InlineData("Bridge:Polling:LoggedOutCheckInterval", "00:00:00", "LoggedOutCheckInterval")]
    [InlineData("Bridge:Polling:Outcomes:MaxInterval", "00:01:00", "MaxInterval")]
    [InlineData("Bridge:AccountTimeZone", "Mars/Olympus", "AccountTimeZone")]
    [InlineData("Bridge:Polling:FinalOutcomes:web:0", "Sale", "FinalOutcomes")]
    [InlineData("Bridge:Polling:PushSecret", "short-secret", "PushSecret")]
    public void Bad_settings_stop_start_up_and_name_the_setting(string key, string value, string named)
    {
        using var provider = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PollingOptions>>().Value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_valid_and_lists_replace_rather_than_extend_the_defaults()
    {
        using var provider = Build(new() { ["Bridge:Polling:HotLead:Statuses:0"] = "Ready" });

        var options = provider.GetRequiredService<IOptions<PollingOptions>>().Value;

        Assert.Equal(["Ready"], options.HotLead.Statuses);
        Assert.Equal(TimeSpan.FromHours(1), options.UserRefreshInterval);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddPolling(configuration).BuildServiceProvider();
    }
}
