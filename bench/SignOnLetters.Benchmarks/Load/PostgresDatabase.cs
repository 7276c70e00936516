using Npgsql;

namespace SignOnLetters.Benchmarks.Load;

internal static class PostgresDatabase
{
    /// <summary>Creates an empty database on the server and returns its connection string.</summary>
    public static async Task<string> CreateFreshAsync(string serverConnectionString, string name)
    {
        await using (var connection = new NpgsqlConnection(serverConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE); CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync();
        }
        // Room for two processes' pools and the benchmark's own connections.
        return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name, MaxPoolSize = 90 }.ConnectionString;
    }
}
