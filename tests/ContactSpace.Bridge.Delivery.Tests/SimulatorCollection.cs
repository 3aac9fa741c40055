using ContactSpace.Testing;

namespace ContactSpace.Bridge.Delivery.Tests;

/// <summary>One Azurite and one in-process simulator for the flow tests; each test resets the simulator.</summary>
public sealed class DeliveryFixture : IAsyncLifetime
{
    public AzuriteFixture Azurite { get; } = new();

    public SimulatorHost Simulator { get; } = new();

    public Task InitializeAsync()
    {
        // Starts the simulator's test server now, so each test only resets its state.
        _ = Simulator.Server;
        return Azurite.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Simulator.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    public void ResetSimulator()
    {
        Simulator.State.Reset();
        Simulator.Faults.Clear();
        Simulator.Calls.Clear();
    }
}

[CollectionDefinition(Name)]
public sealed class DeliveryCollection : ICollectionFixture<DeliveryFixture>
{
    public const string Name = "Delivery flows";
}
