using System.Diagnostics;

namespace SignOnLetters.Web.Infrastructure.Mediation;

/// <summary>
/// Logs each request's name, outcome and duration. Never the request itself: commands carry
/// signers' names and e-mail addresses, which must not reach logs.
/// </summary>
public sealed class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var name = RequestName.Of(typeof(TMessage));
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            logger.LogDebug("Handled {Request} in {Elapsed:0.0} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex) when (ex is FluentValidation.ValidationException or SignOnLetters.Domain.DomainRuleException
                                       or NotFoundException or ForbiddenException or EditConflictException)
        {
            logger.LogInformation("Refused {Request} after {Elapsed:0.0} ms: {Reason}", name,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Failed {Request} after {Elapsed:0.0} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}

internal static class RequestName
{
    /// <summary>"Create.Command" rather than "Command": requests are nested in their page class.</summary>
    public static string Of(Type type) => type.DeclaringType is { } outer ? $"{outer.Name}.{type.Name}" : type.Name;
}
