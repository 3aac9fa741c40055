using System.Text;
using System.Xml;
using ContactSpace.Bridge.Leads;

namespace ContactSpace.Bridge.Intake;

/// <summary>One contactSPACE field's compiled mapping.</summary>
internal sealed record FieldRule(string Name, IReadOnlyList<FieldPath> Sources, string Separator, string? Constant, TransformChain Transforms, bool Required);

/// <summary>A route's authentication settings, merged with its preset. Never printed with its secrets.</summary>
internal sealed class RouteAuth
{
    public required AuthScheme Scheme { get; init; }

    public byte[] Secret { get; init; } = [];

    public string Header { get; init; } = "X-Signature";

    public SignatureEncoding Encoding { get; init; } = SignatureEncoding.Hex;

    public string Prefix { get; init; } = string.Empty;

    public byte[] Username { get; init; } = [];

    public byte[] Password { get; init; } = [];

    public override string ToString() => $"RouteAuth {{ Scheme = {Scheme} }}";
}

/// <summary>A route with its preset applied and every path and transform compiled: what intake runs on.</summary>
internal sealed class RouteDefinition
{
    public required string Name { get; init; }

    public required long DatasetId { get; init; }

    public long? InitiativeId { get; init; }

    public InsertMode Mode { get; init; }

    public long? UserId { get; init; }

    public required IReadOnlyList<FieldRule> Fields { get; init; }

    public required TransformContext Transform { get; init; }

    public FieldPath? CallbackTime { get; init; }

    public FieldPath? CallbackUser { get; init; }

    public required RouteAuth Auth { get; init; }

    public required IReadOnlySet<string> AllowedOrigins { get; init; }

    public string? HoneypotField { get; init; }

    public Uri? SuccessUrl { get; init; }

    public Uri? ErrorUrl { get; init; }

    public string? DedupeField { get; init; }

    public FieldPath? EventIdPath { get; init; }

    public FieldPath? RecordsPath { get; init; }

    public TimeSpan? IdempotencyWindow { get; init; }

    public ReplyFormat Reply { get; init; }

    public override string ToString() => $"Route {Name} (dataset {DatasetId}, {Auth.Scheme})";
}

/// <summary>
/// Applies a route's preset and compiles it, collecting every configuration error with the setting's full key
/// (<c>Bridge:Routes:{name}:…</c>) so start-up validation can name them all at once.
/// </summary>
internal static class RouteCompiler
{
    public static RouteDefinition? Compile(string name, RouteOptions route, TimeZoneInfo? accountZone, List<string> errors)
    {
        var key = $"{BridgeOptions.SectionName}:Routes:{name}";
        var preset = new RouteOptions();
        if (!string.IsNullOrWhiteSpace(route.Preset))
        {
            if (RoutePresets.Find(route.Preset) is { } found)
            {
                preset = found;
            }
            else
            {
                errors.Add($"{key}:Preset '{route.Preset}' is unknown; known presets: {string.Join(", ", RoutePresets.Names)}.");
            }
        }

        var datasetId = route.DatasetId ?? preset.DatasetId;
        if (datasetId is not > 0)
        {
            errors.Add($"{key}:DatasetId is required and must be a positive contactSPACE dataset id.");
        }

        var region = (route.DefaultRegion ?? preset.DefaultRegion ?? "AU").ToUpperInvariant();
        if (!ValueTransforms.IsSupportedRegion(region))
        {
            errors.Add($"{key}:DefaultRegion '{region}' is not a region libphonenumber knows (use an ISO 3166 code such as AU).");
        }

        var fields = CompileFields(key, route, preset, errors);
        var mode = route.Mode ?? preset.Mode ?? InsertMode.Auto;
        var userId = route.UserId ?? preset.UserId;
        var callbackTime = CompilePath($"{key}:CallbackTime", route.CallbackTime ?? preset.CallbackTime, errors);
        var callbackUser = CompilePath($"{key}:CallbackUser", route.CallbackUser ?? preset.CallbackUser, errors);
        if (mode == InsertMode.InsertNextRecord && userId is null)
        {
            errors.Add($"{key}:UserId is required when Mode is InsertNextRecord.");
        }

        if (mode == InsertMode.InsertRecordWithCallback && callbackTime is null)
        {
            errors.Add($"{key}:CallbackTime is required when Mode is InsertRecordWithCallback.");
        }

        if (mode == InsertMode.InsertRecordWithCallback && userId is null && callbackUser is null)
        {
            errors.Add($"{key}:UserId or CallbackUser is required when Mode is InsertRecordWithCallback.");
        }

        var dedupeField = route.DedupeField ?? preset.DedupeField;
        if (dedupeField is not null && !IsXmlName(dedupeField))
        {
            errors.Add($"{key}:DedupeField '{dedupeField}' is not a valid contactSPACE field name (an XML name).");
        }

        var window = route.IdempotencyWindow ?? preset.IdempotencyWindow;
        if (window is { } w && w <= TimeSpan.Zero)
        {
            errors.Add($"{key}:IdempotencyWindow must be positive.");
        }

        var auth = CompileAuth(key, route.Auth, preset.Auth, errors);
        var origins = CompileOrigins(key, route.AllowedOrigins.Count > 0 ? route.AllowedOrigins : preset.AllowedOrigins, errors);
        var successUrl = CompileUrl($"{key}:SuccessUrl", route.SuccessUrl ?? preset.SuccessUrl, errors);
        var errorUrl = CompileUrl($"{key}:ErrorUrl", route.ErrorUrl ?? preset.ErrorUrl, errors);
        var eventIdPath = CompilePath($"{key}:EventIdPath", route.EventIdPath ?? preset.EventIdPath, errors);
        var recordsPath = CompilePath($"{key}:RecordsPath", route.RecordsPath ?? preset.RecordsPath, errors);

        if (datasetId is not > 0 || accountZone is null || auth is null || fields is null)
        {
            return null;
        }

        return new RouteDefinition
        {
            Name = name,
            DatasetId = datasetId.Value,
            InitiativeId = route.InitiativeId ?? preset.InitiativeId,
            Mode = mode,
            UserId = userId,
            Fields = fields,
            Transform = new TransformContext(region, accountZone),
            CallbackTime = callbackTime,
            CallbackUser = callbackUser,
            Auth = auth,
            AllowedOrigins = origins,
            HoneypotField = route.HoneypotField ?? preset.HoneypotField,
            SuccessUrl = successUrl,
            ErrorUrl = errorUrl,
            DedupeField = dedupeField,
            EventIdPath = eventIdPath,
            RecordsPath = recordsPath,
            IdempotencyWindow = window,
            Reply = route.Reply ?? preset.Reply ?? ReplyFormat.Json,
        };
    }

    private static List<FieldRule>? CompileFields(string key, RouteOptions route, RouteOptions preset, List<string> errors)
    {
        var merged = new Dictionary<string, FieldMappingOptions>(preset.Fields, StringComparer.Ordinal);
        foreach (var (name, mapping) in route.Fields)
        {
            merged[name] = mapping;
        }

        var rules = new List<FieldRule>();
        var failed = false;
        foreach (var (name, mapping) in merged)
        {
            if (mapping.Omit)
            {
                continue;
            }

            var fieldKey = $"{key}:Fields:{name}";
            if (!IsXmlName(name))
            {
                errors.Add($"{fieldKey}: '{name}' is not a valid contactSPACE field name (it must be an XML name).");
                failed = true;
                continue;
            }

            var sources = new List<FieldPath>();
            foreach (var source in mapping.Source is null ? mapping.Join : [mapping.Source, .. mapping.Join])
            {
                if (CompilePath($"{fieldKey}:Source", source, errors) is { } path)
                {
                    sources.Add(path);
                }
                else
                {
                    failed = true;
                }
            }

            if (sources.Count == 0 && mapping.Constant is null)
            {
                errors.Add($"{fieldKey} needs a Source, a Join or a Constant.");
                failed = true;
            }

            if (!TransformChain.TryParse(mapping.Transform, out var chain, out var transformError))
            {
                errors.Add($"{fieldKey}:Transform {transformError}.");
                failed = true;
            }

            rules.Add(new FieldRule(name, sources, mapping.Separator, mapping.Constant, chain, mapping.Required));
        }

        if (rules.Count == 0)
        {
            errors.Add($"{key}:Fields maps no contactSPACE field; set a Preset or at least one Fields entry.");
            failed = true;
        }

        return failed ? null : rules;
    }

    private static RouteAuth? CompileAuth(string key, RouteAuthOptions route, RouteAuthOptions preset, List<string> errors)
    {
        var scheme = route.Scheme ?? preset.Scheme ?? AuthScheme.FunctionKey;
        var secret = route.Secret ?? preset.Secret;
        var authKey = $"{key}:Auth";
        var before = errors.Count;
        byte[] secretBytes = [];
        switch (scheme)
        {
            case AuthScheme.FunctionKey or AuthScheme.Hmac or AuthScheme.HubSpotV3 or AuthScheme.Typeform:
                if (string.IsNullOrEmpty(secret))
                {
                    errors.Add($"{authKey}:Secret is required for the {scheme} scheme.");
                }
                else
                {
                    secretBytes = Encoding.UTF8.GetBytes(secret);
                }

                break;
            case AuthScheme.StandardWebhooks:
                if (StandardWebhooksAuthenticator.TryDecodeSecret(secret, out var key64))
                {
                    secretBytes = key64;
                }
                else
                {
                    errors.Add($"{authKey}:Secret must be a Standard Webhooks secret: 'whsec_' followed by base64.");
                }

                break;
            case AuthScheme.Basic:
                if (string.IsNullOrEmpty(route.Username ?? preset.Username) || string.IsNullOrEmpty(route.Password ?? preset.Password))
                {
                    errors.Add($"{authKey}:Username and {authKey}:Password are required for the Basic scheme.");
                }

                break;
        }

        var header = route.Header ?? preset.Header ?? "X-Signature";
        if (scheme == AuthScheme.Hmac && string.IsNullOrWhiteSpace(header))
        {
            errors.Add($"{authKey}:Header must name the signature header for the Hmac scheme.");
        }

        return errors.Count > before ? null : new RouteAuth
        {
            Scheme = scheme,
            Secret = secretBytes,
            Header = header,
            Encoding = route.Encoding ?? preset.Encoding ?? SignatureEncoding.Hex,
            Prefix = route.Prefix ?? preset.Prefix ?? string.Empty,
            Username = Encoding.UTF8.GetBytes(route.Username ?? preset.Username ?? string.Empty),
            Password = Encoding.UTF8.GetBytes(route.Password ?? preset.Password ?? string.Empty),
        };
    }

    private static HashSet<string> CompileOrigins(string key, List<string> origins, List<string> errors)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var origin in origins)
        {
            if (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                set.Add(uri.GetLeftPart(UriPartial.Authority));
            }
            else
            {
                errors.Add($"{key}:AllowedOrigins '{origin}' is not an origin like https://www.example.com.");
            }
        }

        return set;
    }

    private static Uri? CompileUrl(string key, string? value, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        errors.Add($"{key} '{value}' is not an absolute http(s) URL.");
        return null;
    }

    private static FieldPath? CompilePath(string key, string? text, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (FieldPath.TryParse(text, out var path, out var error))
        {
            return path;
        }

        errors.Add($"{key} '{text}' {error}.");
        return null;
    }

    private static bool IsXmlName(string name)
    {
        try
        {
            XmlConvert.VerifyName(name);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }
}
