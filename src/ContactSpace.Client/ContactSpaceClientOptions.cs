using System.ComponentModel.DataAnnotations;

namespace ContactSpace.Client;

/// <summary>Settings of the contactSPACE client, bound from the <c>ContactSpace</c> configuration section.</summary>
public sealed class ContactSpaceClientOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "ContactSpace";

    /// <summary>Base URL of the production functions (guide section 2).</summary>
    [Required(ErrorMessage = "ContactSpace:BaseUrl is required: the base URL of the production API.")]
    public Uri? BaseUrl { get; set; }

    /// <summary>Base URL of the beta functions (guide section 3).</summary>
    [Required(ErrorMessage = "ContactSpace:BetaBaseUrl is required: the base URL of the beta API (guide section 3).")]
    public Uri? BetaBaseUrl { get; set; }

    /// <summary>The account's API key. Never logged and never shown by <see cref="ToString"/>.</summary>
    [Required(ErrorMessage = "ContactSpace:ApiKey is required.")]
    public string? ApiKey { get; set; }

    /// <summary>How long one call may take before it fails as a transient timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "ContactSpace:Timeout must be between 1 second and 5 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Calls per second allowed to all callers of the API in this process together.</summary>
    [Range(1, 1000, ErrorMessage = "ContactSpace:MaxRequestsPerSecond must be between 1 and 1000.")]
    public int MaxRequestsPerSecond { get; set; } = 10;

    /// <summary>How many times a read function is retried after a transient failure. Writes are never retried.</summary>
    [Range(0, 5, ErrorMessage = "ContactSpace:MaxReadRetries must be between 0 and 5.")]
    public int MaxReadRetries { get; set; } = 2;

    /// <summary>Describes the options without the API key.</summary>
    public override string ToString()
        => $"BaseUrl={BaseUrl}, BetaBaseUrl={BetaBaseUrl}, ApiKey={(string.IsNullOrEmpty(ApiKey) ? "(not set)" : "***")}, Timeout={Timeout}, MaxRequestsPerSecond={MaxRequestsPerSecond}, MaxReadRetries={MaxReadRetries}";
}
