namespace SignOnLetters.Web.Infrastructure;

/// <summary>The thing asked for does not exist, or the person may not know that it exists (404).</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>The person is known but may not do this (403).</summary>
public sealed class ForbiddenException(string reason) : Exception(reason);
