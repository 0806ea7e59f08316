using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Sigur.Tests.Infrastructure;

/// <summary>Keeps every log line a test host writes, at every level, with exceptions, so tests can search them.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>The host's scopes (request id, path, …) are written into each line too: they are logged as well.</summary>
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public IReadOnlyCollection<string> Lines => _lines;

    public string All => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new System.Text.StringBuilder();
            owner._scopes.ForEachScope((scope, sb) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    foreach (var (key, value) in pairs) sb.Append(" [").Append(key).Append('=').Append(value).Append(']');
                else sb.Append(" [").Append(scope).Append(']');
            }, scopes);
            owner._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}{scopes}");
        }
    }
}
