namespace ContactSpace.Simulator.Seed;

/// <summary>The built-in account: what <c>dotnet run</c> serves when no seed file is configured.</summary>
public static class DefaultSeed
{
    public static SimulatorSeed Create() => new()
    {
        Initiatives =
        [
            new SeedInitiative
            {
                Id = 1,
                Name = "Web Leads",
                Fields =
                [
                    "First_Name", "Surname", "Mobile_Phone", "Home_Phone", "Email_Address", "Postcode", "State",
                    "Suburb", "Address1", "Lead_Source", "Lead_ID", "Notes", "Enquiry", "Company",
                ],
                FieldMaxLengths = new()
                {
                    ["First_Name"] = 100, ["Surname"] = 100, ["Mobile_Phone"] = 20, ["Home_Phone"] = 20,
                    ["Email_Address"] = 255, ["Postcode"] = 10, ["State"] = 10, ["Suburb"] = 100,
                    ["Address1"] = 255, ["Lead_Source"] = 100, ["Lead_ID"] = 100, ["Company"] = 255,
                },
                Outcomes =
                [
                    new SeedOutcome { Id = 472, Name = "Completed", IsFinal = true, IsContact = true },
                    new SeedOutcome { Id = 473, Name = "Callback", IsContact = true, IsCallback = true },
                    new SeedOutcome { Id = 474, Name = "No Answer" },
                    new SeedOutcome { Id = 475, Name = "Answer Machine" },
                    new SeedOutcome { Id = 476, Name = "Not Interested", IsFinal = true, IsContact = true },
                    new SeedOutcome { Id = 477, Name = "Sale", IsFinal = true, IsContact = true },
                    new SeedOutcome { Id = 478, Name = "Do Not Call", IsFinal = true },
                ],
                Datasets = [new SeedDataset { Id = 1, Name = "Web Leads" }],
                CliId = 1,
            },
            new SeedInitiative
            {
                Id = 2,
                Name = "Renewals",
                Fields = ["First_Name", "Surname", "Mobile_Phone", "Policy_Number", "Renewal_Date", "Premium"],
                FieldTypes = new() { ["Renewal_Date"] = "date", ["Premium"] = "decimal" },
                Outcomes =
                [
                    new SeedOutcome { Id = 480, Name = "Renewed", IsFinal = true, IsContact = true },
                    new SeedOutcome { Id = 481, Name = "Callback", IsContact = true, IsCallback = true },
                    new SeedOutcome { Id = 482, Name = "No Answer" },
                    new SeedOutcome { Id = 483, Name = "Cancelled", IsFinal = true, IsContact = true },
                ],
                Datasets = [new SeedDataset { Id = 2, Name = "Renewals 2026" }],
                CliId = 2,
            },
        ],
        Statuses =
        [
            new SeedStatus { Id = 1, Name = "Logged Out" },
            new SeedStatus { Id = 2, Name = "Available" },
            new SeedStatus { Id = 3, Name = "On Call" },
            new SeedStatus { Id = 4, Name = "Wrap Up" },
            new SeedStatus { Id = 5, Name = "Paused - Training" },
            new SeedStatus { Id = 6, Name = "Paused - No Reason" },
            new SeedStatus { Id = 7, Name = "Paused - Lunch" },
        ],
        Users =
        [
            new SeedUser { Id = 1, Email = "test1@test.com", FirstName = "Test", Surname = "User 1", Status = "Available" },
            new SeedUser { Id = 2, Email = "test2@test.com", FirstName = "Test", Surname = "User 2", Status = "On Call" },
            new SeedUser { Id = 3, Email = "test3@test.com", FirstName = "Test", Surname = "User 3", Status = "Paused - Training" },
            new SeedUser { Id = 4, Email = "test4@test.com", FirstName = "Test", Surname = "User 4", Status = "Logged Out" },
        ],
        Clis =
        [
            new SeedCli { Id = 1, CallerId = "61288803120" },
            new SeedCli { Id = 2, CallerId = "61288803121" },
            new SeedCli { Id = 3, CallerId = "61288803122" },
            new SeedCli { Id = 4, CallerId = "61288803123" },
            new SeedCli { Id = 5, CallerId = "61288803124" },
        ],
        Skills =
        [
            new SeedSkill
            {
                Id = 1,
                Name = "Sales",
                Initiatives = [new SeedSkillInitiative { InitiativeId = 1, Weight = 1.0 }],
                Users = [new SeedSkillUser { UserId = 1, SkillLevel = 5 }, new SeedSkillUser { UserId = 2, SkillLevel = 7 }],
            },
            new SeedSkill
            {
                Id = 2,
                Name = "Retention",
                Initiatives = [new SeedSkillInitiative { InitiativeId = 2, Weight = 0.5 }],
                Users = [new SeedSkillUser { UserId = 3, SkillLevel = 3 }],
            },
        ],
    };
}
