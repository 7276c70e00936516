using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;

namespace SignOnLetters.Web.Infrastructure.Database;

/// <summary>
/// A database that stopped answering (restart, failover, network) is a temporary outage, not a bug:
/// once EF Core's retries are spent the visitor gets 503 with Retry-After and a plain explanation
/// rather than a 500. Each request's changes commit in one transaction, so nothing is half-written.
/// </summary>
public static class DatabaseUnavailable
{
    public const int RetryAfterSeconds = 30;

    public static bool Caused(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is RetryLimitExceededException || current is DbException { IsTransient: true })
                return true;
            // Npgsql reports a refused or dropped connection as a (transient) NpgsqlException around a socket error.
            if (current is System.Net.Sockets.SocketException && exception is DbException or InvalidOperationException)
                return true;
        }
        return false;
    }

    /// <summary>
    /// 503 for an unavailable database; the server's own refusal of a request (a body over the limit
    /// that announced no length: 413) with its status, also when the form reader wrapped it; 500 for
    /// everything else. The error page explains each.
    /// </summary>
    public static int StatusCodeFor(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is BadHttpRequestException refused)
                return refused.StatusCode;
        }
        return Caused(exception) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
    }
}
