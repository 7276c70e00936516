using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SignOnLetters.Data;

/// <summary>Reads every stored DateTime back as UTC (SQLite and SQL Server lose the Kind).</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
