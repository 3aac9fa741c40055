using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.DevHost.Http;

/// <summary>
/// The Functions host's key check: the key comes in the <c>x-functions-key</c> header or the <c>code</c> query
/// parameter; <c>Anonymous</c> needs none, <c>Function</c> takes the function key or the master key, <c>Admin</c>
/// (and the host's System and User levels) only the master key. Keys are compared in constant time.
/// </summary>
public sealed class FunctionKeyAuthorizer(IOptions<FunctionKeyOptions> options)
{
    public const string KeyHeader = "x-functions-key";
    public const string KeyQueryParameter = "code";

    public bool IsAuthorized(HttpRequest request, string? authLevel)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(authLevel) || string.Equals(authLevel, "Anonymous", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var presented = PresentedKey(request);
        if (presented is null)
        {
            return false;
        }

        var keys = options.Value;
        return string.Equals(authLevel, "Function", StringComparison.OrdinalIgnoreCase)
            ? Matches(presented, keys.FunctionKey) | Matches(presented, keys.MasterKey)
            : Matches(presented, keys.MasterKey);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers[KeyHeader].ToString();
        if (!string.IsNullOrEmpty(header))
        {
            return header;
        }

        var code = request.Query[KeyQueryParameter].ToString();
        return string.IsNullOrEmpty(code) ? null : code;
    }

    // Hashing first makes the comparison constant-time in the length too.
    private static bool Matches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
