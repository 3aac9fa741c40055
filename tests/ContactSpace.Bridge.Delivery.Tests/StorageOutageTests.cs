using ContactSpace.Bridge.Leads;
using ContactSpace.Testing;

namespace ContactSpace.Bridge.Delivery.Tests;

/// <summary>Azurite stopped and restarted on the same on-disk location, as a real storage outage would look.</summary>
[Collection(DeliveryCollection.Name)]
public sealed class StorageOutageTests
{
    private readonly DeliveryFixture _fixture;

    public StorageOutageTests(DeliveryFixture fixture)
    {
        _fixture = fixture;
        fixture.ResetSimulator();
    }

    [Fact]
    public async Task While_storage_is_down_posts_get_503_and_once_it_is_back_leads_are_delivered_again()
    {
        var location = Path.Combine(Path.GetTempPath(), "delivery-outage-" + Guid.NewGuid().ToString("N"));
        await using var azurite = await AzuriteServer.StartAsync(new AzuriteOptions { Location = location });
        await using var harness = await DeliveryHarness.WithSimulatorAsync(azurite.ConnectionString, _fixture.Simulator);
        var before = await harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(), CancellationToken.None);

        await azurite.StopAsync();
        var duringOutage = await harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(), CancellationToken.None);
        await azurite.RestartAsync();

        // Azurite saves its table and queue metadata every few seconds, so a kill may forget them: either way the
        // bridge must work again (it creates what is missing) rather than fail every lead from then on.
        var after = await RetryWhileUnavailableAsync(() => harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(), CancellationToken.None));

        Assert.Equal(AcceptanceStatus.Delivered, before.Status);
        Assert.Equal(AcceptanceStatus.Unavailable, duringOutage.Status);
        Assert.Equal(TimeSpan.FromSeconds(30), duringOutage.RetryAfter);
        Assert.Equal(AcceptanceStatus.Delivered, after.Status);
        Assert.Equal(2, _fixture.Simulator.State.Records().Count);
    }

    /// <summary>What a sender does with a 503: post again (here at once, a few times).</summary>
    private static async Task<AcceptanceResult> RetryWhileUnavailableAsync(Func<Task<AcceptanceResult>> post)
    {
        var result = await post();
        for (var i = 0; i < 3 && result.Status == AcceptanceStatus.Unavailable; i++)
        {
            result = await post();
        }

        return result;
    }
}
