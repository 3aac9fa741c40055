using ContactSpace.Bridge.Storage;
using Microsoft.Extensions.Configuration;

namespace ContactSpace.Bridge.Delivery.Tests;

public sealed class StorageClientFactoryTests
{
    [Fact]
    public void An_account_name_gives_identity_based_clients_on_the_accounts_endpoints()
    {
        var configuration = Configuration(new() { ["AzureWebJobsStorage:accountName"] = "stbridge", ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001" });

        Assert.Equal(new Uri("https://stbridge.table.core.windows.net/"), StorageClientFactory.CreateTableServiceClient(configuration).Uri);
        Assert.Equal(new Uri("https://stbridge.queue.core.windows.net/"), StorageClientFactory.CreateQueueServiceClient(configuration).Uri);
    }

    [Fact]
    public void Explicit_service_uris_win_over_the_account_name()
    {
        var configuration = Configuration(new()
        {
            ["AzureWebJobsStorage:accountName"] = "ignored",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://tables.example.test/",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://queues.example.test/",
        });

        Assert.Equal("tables.example.test", StorageClientFactory.CreateTableServiceClient(configuration).Uri.Host);
        Assert.Equal("queues.example.test", StorageClientFactory.CreateQueueServiceClient(configuration).Uri.Host);
    }

    [Fact]
    public void A_connection_string_is_used_as_is_and_missing_settings_are_explained()
    {
        var configuration = Configuration(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.Equal(10002, StorageClientFactory.CreateTableServiceClient(configuration).Uri.Port);
        var missing = Assert.Throws<InvalidOperationException>(() => StorageClientFactory.CreateQueueServiceClient(Configuration([])));
        Assert.Contains("AzureWebJobsStorage", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_made_from_free_text_are_valid_table_keys()
    {
        Assert.Equal("web-form", TableKeys.Escape("web-form"));
        Assert.DoesNotContain('/', TableKeys.Escape("a/b#c?d\\e"));
        Assert.NotEqual(TableKeys.Escape("a/b"), TableKeys.Escape("a%002Fb"));
        Assert.Equal(64, TableKeys.Hash(new string('k', 5000)).Length);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
