using System.Web;
using ContactSpace.Client.Transport;
using ContactSpace.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactSpace.Client.Tests;

/// <summary>A client built the way the application builds it, with a chosen primary handler and captured logs.</summary>
internal sealed class ClientHarness : IDisposable
{
    public const string ApiKey = "k3yS3cr3tV4lu3ZZ9";
    public static readonly Uri BaseUrl = new("https://cs.test/");
    public static readonly Uri BetaBaseUrl = new("https://cs-beta.test/beta/");

    private readonly ServiceProvider _provider;

    private ClientHarness(ServiceProvider provider, CapturingLoggerProvider logs)
    {
        _provider = provider;
        Logs = logs;
        Client = provider.GetRequiredService<ContactSpaceClient>();
    }

    public ContactSpaceClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _provider;

    public static ClientHarness Create(
        HttpMessageHandler handler,
        Action<ContactSpaceClientOptions>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        var logs = new CapturingLoggerProvider();
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        collection.AddContactSpaceClient(o =>
        {
            o.BaseUrl = BaseUrl;
            o.BetaBaseUrl = BetaBaseUrl;
            o.ApiKey = ApiKey;
            o.MaxReadRetries = 0;
            o.MaxRequestsPerSecond = 1000;
            configure?.Invoke(o);
        });
        collection.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => handler));
        services?.Invoke(collection); // last, so a test's own TimeProvider or budget wins
        return new ClientHarness(collection.BuildServiceProvider(validateScopes: true), logs);
    }

    public ContactSpaceRateLimit RateLimit => _provider.GetRequiredService<ContactSpaceRateLimit>();

    public static Dictionary<string, string> Query(Uri uri)
    {
        var parsed = HttpUtility.ParseQueryString(uri.Query);
        return parsed.AllKeys.ToDictionary(k => k!, k => parsed[k]!, StringComparer.Ordinal);
    }

    public void Dispose() => _provider.Dispose();
}
