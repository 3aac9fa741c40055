using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using ContactSpace.Simulator.State;

namespace ContactSpace.Simulator.Api;

/// <summary>The skill functions: JSON by default, XML when <c>outputtype=xml</c>.</summary>
public sealed class SkillFunctions(SimulatorState state)
{
    public ApiAnswer GetSkillsInfo(ApiRequest request)
    {
        var skills = state.Skills(request.OptionalId("skillid"));
        if (request.WantsXml)
        {
            return ApiAnswer.Xml(new XElement("skills", skills.Select(SkillXml)));
        }

        return ApiAnswer.Json(new JsonObject
        {
            ["message"] = ApiAnswer.Success,
            ["skills"] = new JsonArray(skills.Select(SkillJson).ToArray<JsonNode?>()),
        });
    }

    public ApiAnswer AddEditInitiativeToSkill(ApiRequest request)
    {
        state.AddEditInitiativeToSkill(
            request.RequiredId("skillid"), request.RequiredId("initiativeid"), request.RequiredNumber("weight"), request.OptionalId("filterid"));
        return ApiAnswer.Succeeded(!request.WantsXml);
    }

    public ApiAnswer RemoveInitiativeFromSkill(ApiRequest request)
    {
        state.RemoveInitiativeFromSkill(request.RequiredId("skillid"), request.RequiredId("initiativeid"));
        return ApiAnswer.Succeeded(!request.WantsXml);
    }

    public ApiAnswer AddEditUserToSkill(ApiRequest request)
    {
        var level = request.RequiredNumber("skilllevel");
        if (level != Math.Floor(level))
        {
            throw new ContactSpaceFailureException("Skill level must be a whole number between 1 and 10");
        }

        state.AddEditUserToSkill(request.RequiredId("skillid"), request.RequiredId("userid"), (int)Math.Clamp(level, 0, 11));
        return ApiAnswer.Succeeded(!request.WantsXml);
    }

    public ApiAnswer RemoveUserFromSkill(ApiRequest request)
    {
        state.RemoveUserFromSkill(request.RequiredId("skillid"), request.RequiredId("userid"));
        return ApiAnswer.Succeeded(!request.WantsXml);
    }

    private static XElement SkillXml(SimSkill skill) => new(
        "skill",
        new XElement("id", XmlShapes.Number(skill.Id)),
        new XElement("name", skill.Name),
        new XElement(
            "initiatives",
            skill.Initiatives.Select(i => new XElement(
                "initiative",
                new XElement("initiativeid", XmlShapes.Number(i.InitiativeId)),
                new XElement("weight", i.Weight.ToString("0.0##", CultureInfo.InvariantCulture)),
                new XElement("filterid", i.FilterId is { } f ? XmlShapes.Number(f) : string.Empty)))),
        new XElement(
            "users",
            skill.Users.Select(u => new XElement(
                "user",
                new XElement("userid", XmlShapes.Number(u.UserId)),
                new XElement("skilllevel", u.SkillLevel.ToString(CultureInfo.InvariantCulture))))));

    private static JsonObject SkillJson(SimSkill skill) => new()
    {
        ["id"] = skill.Id,
        ["name"] = skill.Name,
        ["initiatives"] = new JsonArray(skill.Initiatives
            .Select(i => (JsonNode?)new JsonObject { ["initiativeid"] = i.InitiativeId, ["weight"] = i.Weight, ["filterid"] = i.FilterId })
            .ToArray()),
        ["users"] = new JsonArray(skill.Users
            .Select(u => (JsonNode?)new JsonObject { ["userid"] = u.UserId, ["skilllevel"] = u.SkillLevel })
            .ToArray()),
    };
}
