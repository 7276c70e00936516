using System.Text.Json.Nodes;
using Json.Schema;

namespace SignOnLetters.Tests.Osdi;

/// <summary>
/// JSON Schemas of the OSDI v1 documents we serve, written from the spec
/// (https://opensupporter.github.io/osdi-docs/: "Entry Point", "Petitions", "Signatures",
/// "Collections" and HAL links; see docs/api/osdi.md). Signatures and signatories allow no property
/// beyond those listed, so a private field that slipped in fails the test.
/// </summary>
public static class OsdiSchemas
{
    private const string Common = """
        "$defs": {
          "link": { "type": "object", "required": ["href"], "properties": { "href": { "type": "string", "format": "uri" }, "title": { "type": ["string", "null"] } } },
          "identifiers": { "type": "array", "minItems": 1, "items": { "type": "string", "pattern": "^[a-z0-9_]+:.+$" } },
          "date": { "type": "string", "format": "date-time" },
          "signatory": {
            "type": ["object", "null"], "additionalProperties": false,
            "required": ["kind", "name", "role", "organization", "country", "verified"],
            "properties": {
              "kind": { "enum": ["organization", "person"] },
              "name": { "type": ["string", "null"] }, "role": { "type": ["string", "null"] },
              "organization": { "type": ["string", "null"] },
              "country": { "type": "string", "pattern": "^[A-Z]{2}$" },
              "verified": { "type": ["boolean", "null"] }
            }
          },
          "signature": {
            "type": "object", "additionalProperties": false,
            "required": ["identifiers", "created_date", "modified_date", "_links"],
            "properties": {
              "identifiers": { "$ref": "#/$defs/identifiers" },
              "origin_system": { "type": "string" },
              "created_date": { "$ref": "#/$defs/date" }, "modified_date": { "$ref": "#/$defs/date" },
              "comments": { "type": "string" },
              "signonletters:signatory": { "$ref": "#/$defs/signatory" },
              "_links": { "type": "object", "required": ["self", "osdi:petition"],
                          "properties": { "self": { "$ref": "#/$defs/link" }, "osdi:petition": { "$ref": "#/$defs/link" } } }
            }
          },
          "petition": {
            "type": "object",
            "required": ["identifiers", "created_date", "modified_date", "title", "description", "petition_text", "target", "total_signatures", "browser_url", "_links"],
            "properties": {
              "identifiers": { "$ref": "#/$defs/identifiers" },
              "origin_system": { "type": "string" },
              "created_date": { "$ref": "#/$defs/date" }, "modified_date": { "$ref": "#/$defs/date" },
              "title": { "type": "string", "minLength": 1 }, "description": { "type": "string" }, "petition_text": { "type": "string" },
              "target": { "type": "array", "items": { "type": "object", "required": ["name"], "properties": { "name": { "type": "string" } } } },
              "total_signatures": { "type": "integer", "minimum": 0 },
              "browser_url": { "type": "string", "format": "uri" },
              "_links": { "type": "object", "required": ["self", "osdi:signatures"],
                          "properties": { "self": { "$ref": "#/$defs/link" }, "osdi:signatures": { "$ref": "#/$defs/link" } } }
            }
          }
        }
        """;

    public static readonly JsonSchema EntryPoint = Schema("""
        "type": "object", "required": ["_links"],
        "properties": { "_links": { "type": "object", "required": ["self", "osdi:petitions"],
          "properties": { "self": { "$ref": "#/$defs/link" }, "osdi:petitions": { "$ref": "#/$defs/link" } } } }
        """);

    public static readonly JsonSchema Petition = Schema(""" "$ref": "#/$defs/petition" """);

    public static readonly JsonSchema Signature = Schema(""" "$ref": "#/$defs/signature" """);

    public static JsonSchema Collection(string rel, string item) => Schema($$"""
        "type": "object",
        "required": ["total_pages", "per_page", "page", "total_records", "_links", "_embedded"],
        "properties": {
          "total_pages": { "type": "integer", "minimum": 1 },
          "per_page": { "type": "integer", "minimum": 1, "maximum": 100 },
          "page": { "type": "integer", "minimum": 1 },
          "total_records": { "type": "integer", "minimum": 0 },
          "_links": { "type": "object", "required": ["self"], "properties": {
             "self": { "$ref": "#/$defs/link" }, "next": { "$ref": "#/$defs/link" }, "prev": { "$ref": "#/$defs/link" },
             "{{rel}}": { "type": "array", "items": { "$ref": "#/$defs/link" } } } },
          "_embedded": { "type": "object", "required": ["{{rel}}"], "properties": {
             "{{rel}}": { "type": "array", "maxItems": 100, "items": { "$ref": "#/$defs/{{item}}" } } } }
        }
        """);

    private static JsonSchema Schema(string body) =>
        JsonSchema.FromText("{ \"$schema\": \"https://json-schema.org/draft/2020-12/schema\", " + body + ", " + Common + " }");

    /// <summary>Fails with every error the schema found.</summary>
    public static void AssertValid(JsonSchema schema, string json)
    {
        var result = schema.Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        var errors = result.Details.Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).ToList();
        Assert.True(result.IsValid, "Not a valid OSDI document:\n" + string.Join("\n", errors) + "\n" + json);
    }
}
