using ContactSpace.Bridge.Leads;

namespace ContactSpace.Bridge.Intake;

/// <summary>
/// The bridge's intake configuration (<c>Bridge:*</c>): one entry under <see cref="Routes"/> per
/// <c>POST /api/leads/{route}</c>, so a route is added purely by configuration.
/// </summary>
public sealed class BridgeOptions
{
    public const string SectionName = "Bridge";

    /// <summary>Route name (the <c>{route}</c> URL segment, case-insensitive) → its configuration.</summary>
    public Dictionary<string, RouteOptions> Routes { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The contactSPACE account's IANA time zone: callback times are sent in it.</summary>
    public string AccountTimeZone { get; set; } = DefaultAccountTimeZone;

    /// <summary>contactSPACE accounts are most often Australian.</summary>
    public const string DefaultAccountTimeZone = "Australia/Sydney";

    public IntakeLimitOptions Intake { get; init; } = new();
}

/// <summary>Limits that keep a hostile or broken sender from costing more than a lead is worth.</summary>
public sealed class IntakeLimitOptions
{
    /// <summary>Largest body accepted (bytes); reading stops past it and the post gets a 413.</summary>
    public int MaxBodyBytes { get; set; } = 262_144;

    /// <summary>Most values a body may carry (form fields, JSON leaves, XML elements).</summary>
    public int MaxFields { get; set; } = 200;
}

/// <summary>
/// One intake route. Every property left unset falls back to the <see cref="Preset"/>'s value, then to the
/// built-in default, so a route can override just what differs from its preset.
/// </summary>
public sealed class RouteOptions
{
    /// <summary>A named preset (<see cref="RoutePresets"/>) supplying defaults for mapping, auth and replies.</summary>
    public string? Preset { get; set; }

    /// <summary>The contactSPACE dataset the record lands in (required).</summary>
    public long? DatasetId { get; set; }

    /// <summary>The initiative the dataset belongs to (SearchRecord dedupe, GetLastCall).</summary>
    public long? InitiativeId { get; set; }

    public InsertMode? Mode { get; set; }

    /// <summary>The contactSPACE user for InsertNextRecord, and for callbacks when the post names none.</summary>
    public long? UserId { get; set; }

    /// <summary>contactSPACE field name → where its value comes from. Entries replace the preset's entry of the same name.</summary>
    public Dictionary<string, FieldMappingOptions> Fields { get; init; } = new(StringComparer.Ordinal);

    /// <summary>ISO 3166 region used to read phone numbers written without a country code (default AU).</summary>
    public string? DefaultRegion { get; set; }

    /// <summary>Source field or path of the callback time (makes the lead an InsertRecordWithCallback).</summary>
    public string? CallbackTime { get; set; }

    /// <summary>Source field or path of the contactSPACE user id for the callback (else <see cref="UserId"/>).</summary>
    public string? CallbackUser { get; set; }

    public RouteAuthOptions Auth { get; init; } = new();

    /// <summary>Browser origins (<c>https://www.example.com</c>) allowed to post and to pass CORS preflight.</summary>
    public List<string> AllowedOrigins { get; init; } = [];

    /// <summary>A form field hidden from people: when a bot fills it the post is answered as success and dropped.</summary>
    public string? HoneypotField { get; set; }

    /// <summary>HTML form posts are redirected (303) here after a lead is accepted.</summary>
    public string? SuccessUrl { get; set; }

    /// <summary>HTML form posts are redirected (303) here, with <c>?reason=&lt;code&gt;</c>, when a lead is refused.</summary>
    public string? ErrorUrl { get; set; }

    /// <summary>The contactSPACE field that holds the bridge's lead id, so a record can be found again (SearchRecord).</summary>
    public string? DedupeField { get; set; }

    /// <summary>Source field or path of the provider's event id; used as the idempotency key when no header is sent.</summary>
    public string? EventIdPath { get; set; }

    /// <summary>How long a repeat of the same post is recognised (read by delivery's idempotency store).</summary>
    public TimeSpan? IdempotencyWindow { get; set; }

    /// <summary>Where a batch's records are (e.g. Salesforce's <c>Envelope.Body.notifications.Notification</c>): each item
    /// is one lead, and field sources and <see cref="EventIdPath"/> are read relative to it.</summary>
    public string? RecordsPath { get; set; }

    /// <summary>How the sender expects to be answered (Salesforce Outbound Messages need a SOAP acknowledgement).</summary>
    public ReplyFormat? Reply { get; set; }
}

/// <summary>Where one contactSPACE field's value comes from, and what is done to it.</summary>
public sealed class FieldMappingOptions
{
    /// <summary>A field name (form key, JSON property, also literal keys like <c>input_1.3</c>) or a path such as
    /// <c>contact.phones[0].number</c> or <c>answers[field.ref=email].email</c>.</summary>
    public string? Source { get; set; }

    /// <summary>Several sources whose non-empty values are joined with <see cref="Separator"/>.</summary>
    public List<string> Join { get; init; } = [];

    public string Separator { get; set; } = " ";

    /// <summary>A fixed value (used when the sources give nothing).</summary>
    public string? Constant { get; set; }

    /// <summary>Transforms applied in order, separated by <c>|</c>: <c>trim</c>, <c>phone</c>, <c>lower</c>, <c>upper</c>,
    /// <c>first-name</c>, <c>last-name</c>, <c>datetime</c>, <c>date</c>, <c>max:N</c>.</summary>
    public string? Transform { get; set; }

    /// <summary>A post without a value for this field is refused (422).</summary>
    public bool Required { get; set; }

    /// <summary>Drops a field the preset maps.</summary>
    public bool Omit { get; set; }
}

/// <summary>How a route authenticates its sender. The secret and password never appear in logs or <see cref="ToString"/>.</summary>
public sealed class RouteAuthOptions
{
    public AuthScheme? Scheme { get; set; }

    /// <summary>The shared secret: function key, HMAC key, <c>whsec_…</c> key, HubSpot client secret or Typeform secret.</summary>
    public string? Secret { get; set; }

    /// <summary>The signature header (HMAC; default <c>X-Signature</c>).</summary>
    public string? Header { get; set; }

    /// <summary>The signature's encoding (HMAC; default hex).</summary>
    public SignatureEncoding? Encoding { get; set; }

    /// <summary>Text before the signature in the header, e.g. <c>sha256=</c> (HMAC).</summary>
    public string? Prefix { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public override string ToString() => $"Auth {{ Scheme = {Scheme} }}";
}

public enum AuthScheme
{
    /// <summary>The route's secret in <c>x-functions-key</c> or <c>?code=</c> (server-to-server).</summary>
    FunctionKey,

    /// <summary>No secret: origin check against AllowedOrigins and a honeypot field (public browser forms).</summary>
    Anonymous,

    /// <summary>HMAC-SHA256 of the raw body in a configurable header.</summary>
    Hmac,

    /// <summary>Standard Webhooks (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>).</summary>
    StandardWebhooks,

    /// <summary>HubSpot's <c>X-HubSpot-Signature-v3</c> with its 5 minute timestamp window.</summary>
    HubSpotV3,

    /// <summary><c>Typeform-Signature: sha256=&lt;base64 HMAC of the body&gt;</c>.</summary>
    Typeform,

    /// <summary>HTTP Basic authentication.</summary>
    Basic,
}

public enum SignatureEncoding
{
    Hex,
    Base64,
}

public enum ReplyFormat
{
    /// <summary>JSON (201/202) and problem+json, or 303 redirects for HTML forms.</summary>
    Json,

    /// <summary>The SOAP <c>notificationsResponse</c> with <c>&lt;Ack&gt;true&lt;/Ack&gt;</c> Salesforce waits for.</summary>
    SalesforceAck,
}
