using System.Collections.Frozen;

namespace ContactSpace.Bridge.Intake;

/// <summary>
/// Code-defined route defaults for the senders the bridge ships support for. A route names one with
/// <c>Preset</c> and overrides what differs; the mapping targets the fields of a typical contactSPACE lead
/// initiative (First_Name, Surname, Mobile_Phone, Home_Phone, Email_Address, Postcode, State, Suburb, Address1,
/// Lead_Source, Lead_ID, Notes, Enquiry, Company).
/// </summary>
public static class RoutePresets
{
    public const string HtmlForm = "html-form";
    public const string Zapier = "zapier";
    public const string HubSpot = "hubspot";
    public const string Typeform = "typeform";
    public const string Webflow = "webflow";
    public const string Elementor = "elementor";
    public const string ContactForm7 = "contact-form-7";
    public const string GravityForms = "gravity-forms";
    public const string SalesforceOutbound = "salesforce-outbound";

    private const string SalesforceObject = "sObject.";

    private static readonly FrozenDictionary<string, Func<RouteOptions>> _factories = new Dictionary<string, Func<RouteOptions>>
    {
        // A plain HTML form posted by a browser (urlencoded or multipart).
        [HtmlForm] = () => Preset(
            AuthScheme.Anonymous,
            ("First_Name", Field("first_name", required: true)),
            ("Surname", Field("last_name")),
            ("Mobile_Phone", Field("phone", "phone")),
            ("Email_Address", Field("email", "lower")),
            ("Postcode", Field("postcode")),
            ("State", Field("state", "upper")),
            ("Suburb", Field("suburb")),
            ("Address1", Field("address")),
            ("Company", Field("company")),
            ("Enquiry", Field("message", "max:2000")),
            ("Lead_Source", Constant("Web form")))
            .With(r => r.HoneypotField = "_gotcha"),

        // Zapier's "Webhooks by Zapier" POST and Power Automate's HTTP action: flat JSON the user lays out.
        [Zapier] = () => Preset(
            AuthScheme.FunctionKey,
            ("First_Name", Field("first_name", required: true)),
            ("Surname", Field("last_name")),
            ("Mobile_Phone", Field("mobile", "phone")),
            ("Home_Phone", Field("phone", "phone")),
            ("Email_Address", Field("email", "lower")),
            ("Postcode", Field("postcode")),
            ("State", Field("state", "upper")),
            ("Suburb", Field("suburb")),
            ("Address1", Field("address")),
            ("Company", Field("company")),
            ("Lead_ID", Field("id")),
            ("Notes", Field("notes", "max:2000")),
            ("Enquiry", Field("message", "max:2000")),
            ("Lead_Source", new FieldMappingOptions { Source = "source", Constant = "Zapier" })),

        // HubSpot workflow "Send a webhook" action: the contact as { vid, properties: { name: { value } } }.
        [HubSpot] = () => Preset(
            AuthScheme.HubSpotV3,
            ("First_Name", Field("properties.firstname.value", required: true)),
            ("Surname", Field("properties.lastname.value")),
            ("Mobile_Phone", Field("properties.mobilephone.value", "phone")),
            ("Home_Phone", Field("properties.phone.value", "phone")),
            ("Email_Address", Field("properties.email.value", "lower")),
            ("Postcode", Field("properties.zip.value")),
            ("State", Field("properties.state.value", "upper")),
            ("Suburb", Field("properties.city.value")),
            ("Address1", Field("properties.address.value")),
            ("Company", Field("properties.company.value")),
            ("Enquiry", Field("properties.message.value", "max:2000")),
            ("Lead_ID", Field("vid")),
            ("Lead_Source", Constant("HubSpot"))),

        // Typeform webhooks: answers are a list; each is picked by its question's ref or its answer type.
        [Typeform] = () => Preset(
            AuthScheme.Typeform,
            ("First_Name", Field("form_response.answers[field.ref=first_name].text", required: true)),
            ("Surname", Field("form_response.answers[field.ref=last_name].text")),
            ("Mobile_Phone", Field("form_response.answers[type=phone_number].phone_number", "phone")),
            ("Email_Address", Field("form_response.answers[type=email].email", "lower")),
            ("Company", Field("form_response.answers[field.ref=company].text")),
            ("Enquiry", Field("form_response.answers[field.ref=message].text", "max:2000")),
            ("Lead_ID", Field("form_response.token")),
            ("Lead_Source", Constant("Typeform")))
            .With(r => r.EventIdPath = "event_id"),

        // Webflow form_submission webhook: the form's fields by their labels under payload.data.
        [Webflow] = () => Preset(
            AuthScheme.FunctionKey,
            ("First_Name", Field("payload.data.First Name", required: true)),
            ("Surname", Field("payload.data.Last Name")),
            ("Mobile_Phone", Field("payload.data.Phone Number", "phone")),
            ("Email_Address", Field("payload.data.Email", "lower")),
            ("Company", Field("payload.data.Company")),
            ("Enquiry", Field("payload.data.Message", "max:2000")),
            ("Lead_ID", Field("payload.id")),
            ("Lead_Source", Constant("Webflow")))
            .With(r => r.EventIdPath = "payload.id"),

        // Elementor Pro form "Webhook" action (urlencoded, fields keyed by their labels).
        [Elementor] = () => Preset(
            AuthScheme.FunctionKey,
            ("First_Name", Field("Name", "first-name", required: true)),
            ("Surname", Field("Name", "last-name")),
            ("Mobile_Phone", Field("Phone", "phone")),
            ("Email_Address", Field("Email", "lower")),
            ("Enquiry", Field("Message", "max:2000")),
            ("Lead_Source", Constant("Elementor"))),

        // Contact Form 7's default form (your-name, your-email, your-subject, your-message) via a webhook add-on.
        [ContactForm7] = () => Preset(
            AuthScheme.FunctionKey,
            ("First_Name", Field("your-name", "first-name", required: true)),
            ("Surname", Field("your-name", "last-name")),
            ("Mobile_Phone", Field("your-phone", "phone")),
            ("Email_Address", Field("your-email", "lower")),
            ("Notes", Field("your-subject", "max:255")),
            ("Enquiry", Field("your-message", "max:2000")),
            ("Lead_Source", Constant("Contact Form 7"))),

        // Gravity Forms Webhooks add-on, "all fields": the entry keyed by field id (1.3 first, 1.6 last name...).
        [GravityForms] = () => Preset(
            AuthScheme.FunctionKey,
            ("First_Name", Field("1.3", required: true)),
            ("Surname", Field("1.6")),
            ("Email_Address", Field("2", "lower")),
            ("Mobile_Phone", Field("3", "phone")),
            ("Address1", Field("4.1")),
            ("Suburb", Field("4.3")),
            ("State", Field("4.4", "upper")),
            ("Postcode", Field("4.5")),
            ("Enquiry", Field("5", "max:2000")),
            ("Lead_ID", Field("id")),
            ("Lead_Source", Constant("Gravity Forms"))),

        // Salesforce Outbound Message (SOAP) for Leads: up to 100 Notifications a message, each one lead; answered with the Ack.
        [SalesforceOutbound] = () => Preset(
            AuthScheme.FunctionKey,
            ("First_Name", Field(SalesforceObject + "FirstName")),
            ("Surname", Field(SalesforceObject + "LastName", required: true)),
            ("Mobile_Phone", Field(SalesforceObject + "MobilePhone", "phone")),
            ("Home_Phone", Field(SalesforceObject + "Phone", "phone")),
            ("Email_Address", Field(SalesforceObject + "Email", "lower")),
            ("Company", Field(SalesforceObject + "Company")),
            ("Address1", Field(SalesforceObject + "Street")),
            ("Suburb", Field(SalesforceObject + "City")),
            ("State", Field(SalesforceObject + "State", "upper")),
            ("Postcode", Field(SalesforceObject + "PostalCode")),
            ("Enquiry", Field(SalesforceObject + "Description", "max:2000")),
            ("Lead_ID", Field(SalesforceObject + "Id")),
            ("Lead_Source", new FieldMappingOptions { Source = SalesforceObject + "LeadSource", Constant = "Salesforce" }))
            .With(r =>
            {
                r.RecordsPath = "Envelope.Body.notifications.Notification";
                r.EventIdPath = "Id";
                r.Reply = ReplyFormat.SalesforceAck;
            }),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyCollection<string> Names => _factories.Keys;

    /// <summary>A fresh copy of the named preset, or null when there is none.</summary>
    public static RouteOptions? Find(string name) => _factories.TryGetValue(name, out var create) ? create() : null;

    private static RouteOptions Preset(AuthScheme scheme, params (string Name, FieldMappingOptions Mapping)[] fields)
    {
        var route = new RouteOptions { Auth = new RouteAuthOptions { Scheme = scheme } };
        foreach (var (name, mapping) in fields)
        {
            route.Fields[name] = mapping;
        }

        return route;
    }

    private static FieldMappingOptions Field(string source, string? transform = null, bool required = false)
        => new() { Source = source, Transform = transform, Required = required };

    private static FieldMappingOptions Constant(string value) => new() { Constant = value };

    private static RouteOptions With(this RouteOptions route, Action<RouteOptions> change)
    {
        change(route);
        return route;
    }
}
