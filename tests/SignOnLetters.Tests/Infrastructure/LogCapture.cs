using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SignOnLetters.Tests.Infrastructure;

/// <summary>
/// Keeps every log line the app writes (from Debug up, whatever the app's own filters say), so
/// tests can search the logs for personal data as an operator's log store would hold them.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines.ToArray();

    public void Clear() => lines.Clear();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

    public void Dispose() { }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Bounded: a long test run must not keep every line forever.
            if (lines.Count < 50_000)
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
