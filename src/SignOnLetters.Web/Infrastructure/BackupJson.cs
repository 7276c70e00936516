using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SignOnLetters.Web.Infrastructure;

/// <summary>How letter backups (<see cref="SignOnLetters.Domain.Backup.LetterBackup"/>) are written and read: one set of options for both sides.</summary>
public static class BackupJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Names stay readable in every script; the file is data, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Enum values by name, and only by name: a number such as 99 would slip past as an undefined state.
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        MaxDepth = 16,
        // A crafted file's null where a name or list must be, or a missing field of a record, is a
        // broken file (refused with its JSON path), not a null for the import to trip over.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };
}
