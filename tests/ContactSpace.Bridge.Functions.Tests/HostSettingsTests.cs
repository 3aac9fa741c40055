using ContactSpace.Bridge.DevHost.Metadata;
using ContactSpace.Testing;

namespace ContactSpace.Bridge.Functions.Tests;

public class HostSettingsTests
{
    [Fact]
    public void The_repository_host_json_sets_the_queue_settings_for_speed_to_lead()
    {
        var settings = HostSettings.Load(RepositoryPaths.Combine("host.json"));

        Assert.Equal("api", settings.RoutePrefix);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.Queues.MaxPollingInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Queues.VisibilityTimeout);
        Assert.Equal(8, settings.Queues.BatchSize);
        Assert.Equal(4, settings.Queues.EffectiveNewBatchThreshold);
        Assert.Equal(5, settings.Queues.MaxDequeueCount);
        Assert.True(settings.Queues.IsBase64);
    }

    [Fact]
    public void The_host_json_in_the_output_is_the_repository_one()
        => Assert.Equal(
            File.ReadAllText(RepositoryPaths.Combine("host.json")),
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, HostSettings.FileName)));

    [Fact]
    public void Unset_values_take_the_functions_host_defaults()
    {
        var settings = HostSettings.Parse("""{ "version": "2.0", "extensions": { "queues": { "batchSize": 2 } } }""");

        Assert.Equal(TimeSpan.FromMinutes(1), settings.Queues.MaxPollingInterval);
        Assert.Equal(TimeSpan.Zero, settings.Queues.VisibilityTimeout);
        Assert.Equal(2, settings.Queues.BatchSize);
        Assert.Equal(1, settings.Queues.EffectiveNewBatchThreshold);
        Assert.Equal(5, settings.Queues.MaxDequeueCount);
        Assert.True(settings.Queues.IsBase64);
    }

    [Fact]
    public void Numbers_are_milliseconds_and_comments_are_allowed()
    {
        var settings = HostSettings.Parse("""
            {
              // as the host allows
              "extensions": { "http": { "routePrefix": "/v1/" }, "queues": { "maxPollingInterval": 2500, "messageEncoding": "none" } }
            }
            """);

        Assert.Equal("v1", settings.RoutePrefix);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), settings.Queues.MaxPollingInterval);
        Assert.False(settings.Queues.IsBase64);
    }
}
