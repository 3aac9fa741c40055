using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace ContactSpace.Bridge.Storage;

/// <summary>
/// Builds table and queue clients from the <c>AzureWebJobsStorage</c> setting the Functions host uses: a connection
/// string (local, Azurite), or identity-based (<c>__accountName</c>, or <c>__tableServiceUri</c>/<c>__queueServiceUri</c>,
/// with <c>__clientId</c> for a user-assigned managed identity). Retries are kept short so an unreachable account is
/// noticed in about two seconds, not after the SDK's default 25 s of back-off.
/// </summary>
public static class StorageClientFactory
{
    public static TableServiceClient CreateTableServiceClient(IConfiguration configuration, StorageClientTimeouts? timeouts = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new TableClientOptions();
        Configure(options, timeouts ?? new StorageClientTimeouts());
        var connection = ReadConnection(configuration);
        return connection.ConnectionString is not null
            ? new TableServiceClient(connection.ConnectionString, options)
            : new TableServiceClient(connection.ServiceUri("table", "tableServiceUri"), connection.Credential(), options);
    }

    public static QueueServiceClient CreateQueueServiceClient(IConfiguration configuration, StorageClientTimeouts? timeouts = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // The Functions queue trigger reads Base64; plain text would be poisoned on arrival.
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        Configure(options, timeouts ?? new StorageClientTimeouts());
        var connection = ReadConnection(configuration);
        return connection.ConnectionString is not null
            ? new QueueServiceClient(connection.ConnectionString, options)
            : new QueueServiceClient(connection.ServiceUri("queue", "queueServiceUri"), connection.Credential(), options);
    }

    private static void Configure(ClientOptions options, StorageClientTimeouts timeouts)
    {
        options.Retry.Mode = RetryMode.Fixed;
        options.Retry.MaxRetries = timeouts.MaxRetries;
        options.Retry.Delay = timeouts.RetryDelay;
        options.Retry.MaxDelay = timeouts.RetryDelay;
        options.Retry.NetworkTimeout = timeouts.NetworkTimeout;
    }

    private static StorageConnection ReadConnection(IConfiguration configuration)
    {
        var value = configuration[StorageNames.ConnectionSetting];
        if (!string.IsNullOrWhiteSpace(value))
        {
            return new StorageConnection(value, null);
        }

        var section = configuration.GetSection(StorageNames.ConnectionSetting);
        if (!section.GetChildren().Any())
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{StorageNames.ConnectionSetting}' to a connection string, or '{StorageNames.ConnectionSetting}__accountName' for an identity-based connection.");
        }

        return new StorageConnection(null, section);
    }

    private sealed record StorageConnection(string? ConnectionString, IConfigurationSection? Section)
    {
        public Uri ServiceUri(string service, string uriKey)
        {
            var explicitUri = Section![uriKey];
            if (!string.IsNullOrWhiteSpace(explicitUri))
            {
                return new Uri(explicitUri, UriKind.Absolute);
            }

            var accountName = Section["accountName"];
            if (string.IsNullOrWhiteSpace(accountName))
            {
                throw new InvalidOperationException(
                    $"Identity-based storage needs '{StorageNames.ConnectionSetting}__accountName' or '{StorageNames.ConnectionSetting}__{uriKey}'.");
            }

            return new Uri($"https://{accountName}.{service}.core.windows.net", UriKind.Absolute);
        }

        public TokenCredential Credential()
        {
            var clientId = Section!["clientId"];
            return !string.IsNullOrWhiteSpace(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new DefaultAzureCredential();
        }
    }
}

/// <summary>How patient the storage clients are. The defaults notice a stopped account in about two seconds.</summary>
public sealed record StorageClientTimeouts
{
    public int MaxRetries { get; init; } = 2;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
