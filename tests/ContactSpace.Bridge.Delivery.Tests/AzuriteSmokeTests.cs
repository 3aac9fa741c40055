using Azure.Data.Tables;
using Azure.Storage.Queues;
using ContactSpace.Testing;

namespace ContactSpace.Bridge.Delivery.Tests;

[CollectionDefinition(AzuriteCollection.Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteSmokeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Azurite_started_by_the_test_run_serves_tables_and_base64_queues()
    {
        var table = new TableClient(azurite.ConnectionString, "Smoke");
        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["Value"] = "v" });
        var entity = await table.GetEntityAsync<TableEntity>("p", "r");
        Assert.Equal("v", entity.Value.GetString("Value"));

        var queue = new QueueClient(azurite.ConnectionString, "smoke", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("hello");
        var received = await queue.ReceiveMessageAsync();
        Assert.Equal("hello", received.Value.Body.ToString());
    }
}
