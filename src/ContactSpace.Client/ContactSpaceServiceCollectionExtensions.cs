using ContactSpace.Client.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ContactSpace.Client;

/// <summary>Registers <see cref="ContactSpaceClient"/> with its options, HTTP clients and shared rate limit.</summary>
public static class ContactSpaceServiceCollectionExtensions
{
    /// <summary>Registers the client; options come from <paramref name="configure"/> (and any other options configuration).</summary>
    public static IServiceCollection AddContactSpaceClient(this IServiceCollection services, Action<ContactSpaceClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ContactSpaceClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // Registering twice (e.g. the Functions app and a test host) must not add a second budget or handler chain.
        if (services.Any(d => d.ServiceType == typeof(ClientRegistered)))
        {
            return services;
        }

        services.AddSingleton<ClientRegistered>();

        options.ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ContactSpaceClientOptions>, ContactSpaceClientOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ContactSpaceRateLimit>();
        services.AddTransient<RateLimitingHandler>();

        // The transport logs its own redacted lines; the factory's default loggers would log the key in the URL.
        services.AddHttpClient(QueryStringXmlTransport.WriteClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<RateLimitingHandler>()
            .RemoveAllLoggers();
        var read = services.AddHttpClient(QueryStringXmlTransport.ReadClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        read.AddResilienceHandler("contactspace-read", ConfigureReadRetries);
        read.AddHttpMessageHandler<RateLimitingHandler>().RemoveAllLoggers();

        services.TryAddSingleton<IContactSpaceTransport, QueryStringXmlTransport>();
        services.TryAddSingleton(provider => new ContactSpaceClient(provider.GetRequiredService<IContactSpaceTransport>()));
        return services;
    }

    /// <summary>Registers the client with options bound from the <c>ContactSpace</c> section of <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddContactSpaceClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddContactSpaceClient();

        // Accept the root configuration or the ContactSpace section itself.
        var section = configuration is IConfigurationSection { Key: ContactSpaceClientOptions.SectionName } own
            ? own
            : configuration.GetSection(ContactSpaceClientOptions.SectionName);
        services.AddOptions<ContactSpaceClientOptions>().Bind(section);
        return services;
    }

    // Reads only: a retried write could insert the same lead twice. Each attempt has its own timeout and takes its own permit.
    private static void ConfigureReadRetries(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var settings = context.ServiceProvider.GetRequiredService<IOptions<ContactSpaceClientOptions>>().Value;
        if (settings.MaxReadRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxReadRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                ShouldHandle = args => ValueTask.FromResult(
                    HttpClientResiliencePredicates.IsTransient(args.Outcome) && !AsksForLongWait(args.Outcome.Result)),
            });
        }

        builder.AddTimeout(settings.Timeout);
    }

    // A long Retry-After goes back to the caller (with RetryAfter set) rather than holding the call open.
    private static bool AsksForLongWait(HttpResponseMessage? response)
        => response?.Headers.RetryAfter is { } retryAfter
            && (retryAfter.Delta ?? (retryAfter.Date - DateTimeOffset.UtcNow)) > QueryStringXmlTransport.MaxRetryAfterWait;
}

/// <summary>Marks the client as registered.</summary>
internal sealed class ClientRegistered;

/// <summary>Start-up checks data annotations cannot express.</summary>
internal sealed class ContactSpaceClientOptionsValidator : IValidateOptions<ContactSpaceClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ContactSpaceClientOptions options)
    {
        var failures = new List<string>();
        CheckBase(options.BaseUrl, nameof(options.BaseUrl), failures);
        CheckBase(options.BetaBaseUrl, nameof(options.BetaBaseUrl), failures);
        if (options.ApiKey is { Length: > 0 } key && (key.Trim() != key || key.Contains('&', StringComparison.Ordinal)))
        {
            failures.Add("ContactSpace:ApiKey has surrounding spaces or an '&': check the setting (its value is not shown).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckBase(Uri? url, string name, List<string> failures)
    {
        if (url is null)
        {
            return;
        }

        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"ContactSpace:{name} must be an absolute http or https URL (it is '{url}').");
        }
        else if (!string.IsNullOrEmpty(url.Query))
        {
            failures.Add($"ContactSpace:{name} must not carry a query string; the client adds the key and parameters.");
        }
    }
}
