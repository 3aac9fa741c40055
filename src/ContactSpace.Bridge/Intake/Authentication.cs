using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ContactSpace.Bridge.Leads;
using Microsoft.AspNetCore.WebUtilities;

namespace ContactSpace.Bridge.Intake;

/// <summary>Whether a post proved who sent it; the reason never contains the secret or the signature.</summary>
internal readonly record struct AuthOutcome(bool Succeeded, string? Reason)
{
    public static readonly AuthOutcome Success = new(true, null);

    public static AuthOutcome Fail(string reason) => new(false, reason);
}

/// <summary>Checks one scheme on the raw body and headers, before anything is parsed.</summary>
internal interface IRequestAuthenticator
{
    AuthScheme Scheme { get; }

    AuthOutcome Authenticate(IntakeRequest request, RouteDefinition route);
}

/// <summary>Picks the route's scheme.</summary>
internal sealed class RequestAuthenticator(IEnumerable<IRequestAuthenticator> authenticators)
{
    private readonly Dictionary<AuthScheme, IRequestAuthenticator> _byScheme = authenticators.ToDictionary(a => a.Scheme);

    public AuthOutcome Authenticate(IntakeRequest request, RouteDefinition route) => _byScheme.TryGetValue(route.Auth.Scheme, out var authenticator)
        ? authenticator.Authenticate(request, route)
        : AuthOutcome.Fail($"scheme {route.Auth.Scheme} is not available");

    public static RequestAuthenticator CreateDefault(TimeProvider time) => new(
    [
        new FunctionKeyAuthenticator(),
        new AnonymousAuthenticator(),
        new HmacAuthenticator(),
        new StandardWebhooksAuthenticator(time),
        new HubSpotV3Authenticator(time),
        new TypeformAuthenticator(),
        new BasicAuthenticator(),
    ]);
}

/// <summary>Helpers shared by the schemes.</summary>
internal static class AuthPrimitives
{
    public static string? Header(IntakeRequest request, string name)
    {
        if (request.Headers.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var (key, headerValue) in request.Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return headerValue;
            }
        }

        return null;
    }

    /// <summary>Compares secrets of any length in constant time by comparing their SHA-256 digests.</summary>
    public static bool SecretEquals(ReadOnlySpan<byte> presented, ReadOnlySpan<byte> expected)
        => CryptographicOperations.FixedTimeEquals(SHA256.HashData(presented), SHA256.HashData(expected));

    public static byte[] HmacSha256(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data) => HMACSHA256.HashData(key, data);

    public static bool TryDecode(string text, SignatureEncoding encoding, out byte[] bytes)
    {
        bytes = [];
        try
        {
            bytes = encoding == SignatureEncoding.Hex ? Convert.FromHexString(text) : Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Checks a Unix timestamp is within the tolerance of now, both ways (clock skew, replays).</summary>
    public static string? CheckTimestamp(DateTimeOffset sent, TimeProvider time, TimeSpan tolerance)
    {
        var age = time.GetUtcNow() - sent;
        return age > tolerance ? "timestamp is too old"
            : age < -tolerance ? "timestamp is too far in the future"
            : null;
    }
}

/// <summary>The route's key in <c>x-functions-key</c> or <c>?code=</c>, like the Functions host's function keys.</summary>
internal sealed class FunctionKeyAuthenticator : IRequestAuthenticator
{
    public AuthScheme Scheme => AuthScheme.FunctionKey;

    public AuthOutcome Authenticate(IntakeRequest request, RouteDefinition route)
    {
        var key = AuthPrimitives.Header(request, "x-functions-key");
        if (string.IsNullOrEmpty(key) && QueryHelpers.ParseQuery(request.Url.Query).TryGetValue("code", out var code))
        {
            key = code.ToString();
        }

        if (string.IsNullOrEmpty(key))
        {
            return AuthOutcome.Fail("no key in x-functions-key or ?code=");
        }

        return AuthPrimitives.SecretEquals(Encoding.UTF8.GetBytes(key), route.Auth.Secret)
            ? AuthOutcome.Success
            : AuthOutcome.Fail("the key does not match");
    }
}

/// <summary>Public browser forms: no secret, but the Origin (or Referer) must be one of the route's AllowedOrigins when any are set.
/// The honeypot is checked after parsing, by the preparer.</summary>
internal sealed class AnonymousAuthenticator : IRequestAuthenticator
{
    public AuthScheme Scheme => AuthScheme.Anonymous;

    public AuthOutcome Authenticate(IntakeRequest request, RouteDefinition route)
    {
        if (route.AllowedOrigins.Count == 0)
        {
            return AuthOutcome.Success;
        }

        var origin = OriginOf(request);
        if (origin is null)
        {
            return AuthOutcome.Fail("no Origin or Referer header, and the route only accepts its allowed origins");
        }

        return route.AllowedOrigins.Contains(origin) ? AuthOutcome.Success : AuthOutcome.Fail($"origin {origin} is not allowed");
    }

    public static string? OriginOf(IntakeRequest request)
    {
        var origin = AuthPrimitives.Header(request, "Origin");
        if (string.IsNullOrEmpty(origin) || origin == "null")
        {
            origin = AuthPrimitives.Header(request, "Referer");
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
    }
}

/// <summary>HMAC-SHA256 of the raw body, hex or base64, in a configurable header with an optional prefix such as <c>sha256=</c>.</summary>
internal sealed class HmacAuthenticator : IRequestAuthenticator
{
    public AuthScheme Scheme => AuthScheme.Hmac;

    public AuthOutcome Authenticate(IntakeRequest request, RouteDefinition route)
        => Verify(request, route.Auth.Header, route.Auth.Prefix, route.Auth.Encoding, route.Auth.Secret);

    public static AuthOutcome Verify(IntakeRequest request, string header, string prefix, SignatureEncoding encoding, byte[] secret)
    {
        var presented = AuthPrimitives.Header(request, header)?.Trim();
        if (string.IsNullOrEmpty(presented))
        {
            return AuthOutcome.Fail($"no {header} header");
        }

        if (prefix.Length > 0)
        {
            if (!presented.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return AuthOutcome.Fail($"the {header} header does not start with '{prefix}'");
            }

            presented = presented[prefix.Length..];
        }

        if (!AuthPrimitives.TryDecode(presented, encoding, out var signature))
        {
            return AuthOutcome.Fail($"the {header} header is not {encoding.ToString().ToLowerInvariant()}");
        }

        var expected = AuthPrimitives.HmacSha256(secret, request.Body.Span);
        return CryptographicOperations.FixedTimeEquals(signature, expected)
            ? AuthOutcome.Success
            : AuthOutcome.Fail("the signature does not match the body");
    }
}

/// <summary>Typeform: <c>Typeform-Signature: sha256=&lt;base64 HMAC-SHA256 of the body&gt;</c>.</summary>
internal sealed class TypeformAuthenticator : IRequestAuthenticator
{
    public AuthScheme Scheme => AuthScheme.Typeform;

    public AuthOutcome Authenticate(IntakeRequest request, RouteDefinition route)
        => HmacAuthenticator.Verify(request, "Typeform-Signature", "sha256=", SignatureEncoding.Base64, route.Auth.Secret);
}

/// <summary>
/// Standard Webhooks: <c>webhook-signature</c> holds space-separated <c>v1,&lt;base64&gt;</c> HMAC-SHA256 signatures of
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c> keyed with the base64 part of the <c>whsec_</c> secret; the timestamp must be within 5 minutes.
/// </summary>
internal sealed class StandardWebhooksAuthenticator(TimeProvider time) : IRequestAuthenticator
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public AuthScheme Scheme => AuthScheme.StandardWebhooks;

    public static bool TryDecodeSecret(string? secret, out byte[] key)
    {
        key = [];
        if (string.IsNullOrEmpty(secret))
        {
            return false;
        }

        var encoded = secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret;
        try
        {
            key = Convert.FromBase64String(encoded);
            return key.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public AuthOutcome Authenticate(IntakeRequest request, RouteDefinition route)
    {
        var id = AuthPrimitives.Header(request, "webhook-id");
        var timestamp = AuthPrimitives.Header(request, "webhook-timestamp");
        var signatures = AuthPrimitives.Header(request, "webhook-signature");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
        {
            return AuthOutcome.Fail("webhook-id, webhook-timestamp and webhook-signature headers are required");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253_402_300_799)
        {
            return AuthOutcome.Fail("webhook-timestamp is not Unix seconds");
        }

        if (AuthPrimitives.CheckTimestamp(DateTimeOffset.FromUnixTimeSeconds(seconds), time, Tolerance) is { } stale)
        {
            return AuthOutcome.Fail(stale);
        }

        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var signed = new byte[prefix.Length + request.Body.Length];
        prefix.CopyTo(signed, 0);
        request.Body.Span.CopyTo(signed.AsSpan(prefix.Length));
        var expected = AuthPrimitives.HmacSha256(route.Auth.Secret, signed);

        var matched = false;
        foreach (var candidate in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = candidate.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || candidate[..comma] != "v1" || !AuthPrimitives.TryDecode(candidate[(comma + 1)..], SignatureEncoding.Base64, out var signature))
            {
                continue;
            }

            // Every candidate is checked, so timing does not reveal which one matched.
            matched |= CryptographicOperations.FixedTimeEquals(signature, expected);
        }

        return matched ? AuthOutcome.Success : AuthOutcome.Fail("no v1 signature matches");
    }
}

/// <summary>
/// HubSpot v3: <c>X-HubSpot-Signature-v3</c> is the base64 HMAC-SHA256 (client secret) of method + URI + body +
/// <c>X-HubSpot-Request-Timestamp</c> (Unix milliseconds), which must be at most 5 minutes old. HubSpot signs the URI
/// with a few URL-encoded characters decoded, so the same decoding is applied here.
/// </summary>
internal sealed class HubSpotV3Authenticator(TimeProvider time) : IRequestAuthenticator
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private static readonly (string Encoded, string Decoded)[] _uriDecodings =
    [
        ("%3A", ":"), ("%2F", "/"), ("%3F", "?"), ("%40", "@"), ("%21", "!"), ("%24", "$"), ("%27", "'"),
        ("%28", "("), ("%29", ")"), ("%2A", "*"), ("%2C", ","), ("%3B", ";"),
    ];

    public AuthScheme Scheme => AuthScheme.HubSpotV3;

    public static string SignedUri(Uri url)
    {
        var text = url.AbsoluteUri;
        foreach (var (encoded, decoded) in _uriDecodings)
        {
            text = text.Replace(encoded, decoded, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }

    public AuthOutcome Authenticate(IntakeRequest request, RouteDefinition route)
    {
        var signature = AuthPrimitives.Header(request, "X-HubSpot-Signature-v3");
        var timestamp = AuthPrimitives.Header(request, "X-HubSpot-Request-Timestamp");
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp))
        {
            return AuthOutcome.Fail("X-HubSpot-Signature-v3 and X-HubSpot-Request-Timestamp headers are required");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) || milliseconds > 253_402_300_799_999)
        {
            return AuthOutcome.Fail("X-HubSpot-Request-Timestamp is not Unix milliseconds");
        }

        if (AuthPrimitives.CheckTimestamp(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), time, Tolerance) is { } stale)
        {
            return AuthOutcome.Fail(stale);
        }

        if (!AuthPrimitives.TryDecode(signature.Trim(), SignatureEncoding.Base64, out var presented))
        {
            return AuthOutcome.Fail("X-HubSpot-Signature-v3 is not base64");
        }

        var head = Encoding.UTF8.GetBytes(request.Method + SignedUri(request.Url));
        var tail = Encoding.UTF8.GetBytes(timestamp);
        var source = new byte[head.Length + request.Body.Length + tail.Length];
        head.CopyTo(source, 0);
        request.Body.Span.CopyTo(source.AsSpan(head.Length));
        tail.CopyTo(source, head.Length + request.Body.Length);
        return CryptographicOperations.FixedTimeEquals(presented, AuthPrimitives.HmacSha256(route.Auth.Secret, source))
            ? AuthOutcome.Success
            : AuthOutcome.Fail("the signature does not match the request");
    }
}

/// <summary>HTTP Basic: user name and password compared in constant time.</summary>
internal sealed class BasicAuthenticator : IRequestAuthenticator
{
    public AuthScheme Scheme => AuthScheme.Basic;

    public AuthOutcome Authenticate(IntakeRequest request, RouteDefinition route)
    {
        var header = AuthPrimitives.Header(request, "Authorization");
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthOutcome.Fail("no Basic Authorization header");
        }

        if (!AuthPrimitives.TryDecode(header["Basic ".Length..].Trim(), SignatureEncoding.Base64, out var decoded))
        {
            return AuthOutcome.Fail("the Basic credentials are not base64");
        }

        var colon = Array.IndexOf(decoded, (byte)':');
        if (colon < 0)
        {
            return AuthOutcome.Fail("the Basic credentials have no ':'");
        }

        // Both parts are always compared, so timing does not reveal which one was wrong.
        var userMatches = AuthPrimitives.SecretEquals(decoded.AsSpan(0, colon), route.Auth.Username);
        var passwordMatches = AuthPrimitives.SecretEquals(decoded.AsSpan(colon + 1), route.Auth.Password);
        return userMatches & passwordMatches ? AuthOutcome.Success : AuthOutcome.Fail("the user name or password is wrong");
    }
}
