using Xunit;

namespace ContactSpace.Testing;

/// <summary>
/// One in-memory Azurite per test collection. Use with <c>[Collection(AzuriteCollection.Name)]</c> in a test
/// project that declares <c>[CollectionDefinition(AzuriteCollection.Name)] class … : ICollectionFixture&lt;AzuriteFixture&gt;</c>.
/// Fails fast with a clear message when Azurite cannot start.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    public AzuriteServer Server => _server ?? throw new InvalidOperationException("Azurite has not started.");

    public string ConnectionString => Server.ConnectionString;

    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

public static class AzuriteCollection
{
    public const string Name = "Azurite";
}
