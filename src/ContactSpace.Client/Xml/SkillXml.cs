using System.Globalization;
using System.Xml.Linq;

namespace ContactSpace.Client.Xml;

/// <summary>
/// Reads GetSkillsInfo's XML answer (asked for with <c>outputtype=xml</c>). The guide gives no sample, so this reads
/// <c>skill</c> with <c>id</c>, <c>name</c>, <c>initiatives/initiative</c> (<c>initiativeid</c>, <c>weight</c>, <c>filterid</c>) and
/// <c>users/user</c> (<c>userid</c>, <c>skilllevel</c>), names matched case-insensitively.
/// </summary>
internal static class SkillXml
{
    public static ContactSpaceSkill Read(string function, XElement root)
    {
        var skill = Answer.Is(root, "skill") ? root : Answer.All(root, "skill").FirstOrDefault()
            ?? throw Answer.Malformed(function, "no skill element");
        var initiatives = Answer.All(skill, "initiative")
            .Select(i => new SkillInitiative(
                Answer.Long(function, Answer.Child(i, "initiativeid") ?? Answer.Child(i, "id"), "initiativeid"),
                Weight(function, Answer.Child(i, "weight")),
                Answer.OptionalLong(function, Answer.Child(i, "filterid"), "filterid")))
            .ToList();
        var users = Answer.All(skill, "user")
            .Select(u => new SkillUser(
                Answer.Long(function, Answer.Child(u, "userid") ?? Answer.Child(u, "id"), "userid"),
                (int)Answer.Long(function, Answer.Child(u, "skilllevel"), "skilllevel")))
            .ToList();
        return new ContactSpaceSkill(
            Answer.Long(function, Answer.Child(skill, "id") ?? Answer.Child(skill, "skillid"), "skill id"),
            Answer.Child(skill, "name")?.Value.Trim() ?? string.Empty,
            initiatives,
            users);
    }

    private static double Weight(string function, XElement? element)
        => double.TryParse(element?.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var weight)
            ? weight
            : throw Answer.Malformed(function, "a skill weight is missing or not a number");
}
