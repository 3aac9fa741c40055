using System.ComponentModel.DataAnnotations;

namespace ContactSpace.Bridge.DevHost.Http;

/// <summary>
/// The DevHost's stand-ins for the Functions host keys (<c>DevHost:FunctionKey</c>, <c>DevHost:MasterKey</c>).
/// The defaults are for local runs only and are printed at start-up; configured keys are never printed.
/// </summary>
public sealed class FunctionKeyOptions
{
    public const string SectionName = "DevHost";

    public const string LocalFunctionKey = "local-function-key";

    public const string LocalMasterKey = "local-master-key";

    /// <summary>Accepted by functions with the <c>Function</c> auth level.</summary>
    [Required(AllowEmptyStrings = false)]
    public string FunctionKey { get; set; } = LocalFunctionKey;

    /// <summary>The host's master key: accepted by <c>Function</c> and <c>Admin</c> functions.</summary>
    [Required(AllowEmptyStrings = false)]
    public string MasterKey { get; set; } = LocalMasterKey;

    public bool UsesLocalDefaults => FunctionKey == LocalFunctionKey || MasterKey == LocalMasterKey;
}
