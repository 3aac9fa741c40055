namespace ContactSpace.Bridge.Storage;

/// <summary>The storage names the parts agree on (docs/architecture.md).</summary>
public static class StorageNames
{
    public const string LeadsTable = "Leads";
    public const string IdempotencyTable = "Idempotency";
    public const string DeadLettersTable = "DeadLetters";
    public const string DeliveryQueue = "lead-delivery";
    public const string DeliveryPoisonQueue = "lead-delivery-poison";

    /// <summary>The app setting (or section, for identity-based connections) that names the storage account.</summary>
    public const string ConnectionSetting = "AzureWebJobsStorage";
}
