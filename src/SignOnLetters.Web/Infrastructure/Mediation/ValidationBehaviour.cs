namespace SignOnLetters.Web.Infrastructure.Mediation;

/// <summary>
/// Runs every FluentValidation validator registered for the message before its handler, so a test
/// that sends a command, a page and the JSON API all meet the same checks. A failure throws
/// <see cref="ValidationException"/>; the page filter and the API turn it into form errors or a 400.
/// </summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }
        if (failures.Count > 0)
            throw new RequestValidationException(typeof(TMessage), failures);
        return await next(message, cancellationToken);
    }
}

/// <summary>A validation failure that remembers which request failed, so errors land on its form fields.</summary>
public sealed class RequestValidationException(Type requestType, IEnumerable<FluentValidation.Results.ValidationFailure> failures)
    : ValidationException(failures)
{
    public Type RequestType { get; } = requestType;
}
