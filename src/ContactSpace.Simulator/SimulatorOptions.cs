using System.ComponentModel.DataAnnotations;

namespace ContactSpace.Simulator;

/// <summary>Settings under <c>Simulator:*</c>.</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>The only key the simulator accepts; any other gets contactSPACE's failure-style answer.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ApiKey { get; set; } = "sim-local-key";

    /// <summary>Where the guide's section 3 (beta) functions are served besides <c>/</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^/.*", ErrorMessage = "Simulator:BetaBasePath must start with '/'.")]
    public string BetaBasePath { get; set; } = "/beta/";

    /// <summary>A JSON seed file (see README.md); empty means the built-in account.</summary>
    public string? SeedFile { get; set; }

    /// <summary>Port to listen on when no <c>--urls</c> is given.</summary>
    [Range(1, 65535)]
    public int? Port { get; set; }

    /// <summary>Seed of the random draw behind fraction-scoped faults, so runs repeat.</summary>
    public int FaultRandomSeed { get; set; } = 20150901;

    /// <summary>How many of the latest API calls <c>/_sim/calls</c> keeps.</summary>
    [Range(1, 10_000_000)]
    public int CallLogCapacity { get; set; } = 100_000;

    /// <summary>Base of the recording URLs GetRecording hands out.</summary>
    [Required]
    public Uri RecordingBaseUrl { get; set; } = new("http://recordings.invalid/");
}
