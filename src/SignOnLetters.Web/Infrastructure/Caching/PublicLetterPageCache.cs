using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace SignOnLetters.Web.Infrastructure.Caching;

/// <summary>
/// The public letter page (<c>/letters/{slug}</c>) from ASP.NET Core's output cache, for readers
/// without an account cookie: a letter that goes viral is read far more often than it changes.
/// Answers are kept per letter, language version (<c>?lang=</c>) and interface language for
/// <see cref="Lifetime"/> seconds, and dropped when this process saves a change to the letter or
/// its signatures, at most once a second per letter so that a stream of confirmations does not
/// empty the cache as fast as it fills. Signed-in visitors (editors, representatives who can sign
/// for their organisation) are never served from or stored in the cache.
/// See docs/decisions/0008-signing-at-scale.md.
/// </summary>
public static class PublicLetterPageCache
{
    public const string PolicyName = "PublicLetterPage";

    /// <summary>How long an answer may be served when no change is seen (another process's changes).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    public static IServiceCollection AddPublicLetterPageCache(this IServiceCollection services)
    {
        services.AddOutputCache(options =>
        {
            options.SizeLimit = 64 * 1024 * 1024;
            options.AddPolicy(PolicyName, new Policy());
        });
        services.AddSingleton<Invalidation>();
        return services;
    }

    public static WebApplication UsePublicLetterPageCache(this WebApplication app)
    {
        // Started here so that it subscribes to letter changes before the first request.
        _ = app.Services.GetRequiredService<Invalidation>();
        app.UseOutputCache();
        return app;
    }

    public static string TagFor(string slug) => $"letter:{slug}";

    /// <summary>On every cached letter page, to drop them all (tests that empty the database use it).</summary>
    public const string AllPagesTag = "letter-pages";

    private sealed class Policy : IOutputCachePolicy
    {
        // Cookies that make a response personal: the account (and its two-factor step) and TempData's
        // notices ("Thank you, check your inbox"), which are shown once and then cleared.
        private static readonly HashSet<string> KnownQueryKeys = new(StringComparer.OrdinalIgnoreCase) { "lang", "culture", "ui-culture" };

        private static readonly string[] PersonalCookies = ["sol.auth", "Identity.TwoFactorUserId", ".AspNetCore.Mvc.CookieTempDataProvider"];

        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var request = context.HttpContext.Request;
            var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                            && !request.Headers.ContainsKey("Authorization")
                            && !PersonalCookies.Any(request.Cookies.ContainsKey)
                            // The page echoes its own address (the language switcher's way back): a
                            // query the page does not read is rendered for that request alone, not stored.
                            && request.Query.Keys.All(KnownQueryKeys.Contains);
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = cacheable;
            context.AllowCacheStorage = cacheable;
            // One render per letter and language when many readers arrive at once.
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = Lifetime;
            context.CacheVaryByRules.QueryKeys = new StringValues(["lang", "culture", "ui-culture"]);
            // The interface language as request localisation chose it (cookie, ?culture= or Accept-Language).
            context.CacheVaryByRules.VaryByValues["ui"] = CultureInfo.CurrentUICulture.Name;
            context.Tags.Add(AllPagesTag);
            if (request.RouteValues["slug"] is string slug)
                context.Tags.Add(TagFor(slug));
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            // Only complete public answers: not a 404 for a mistyped slug, nothing that sets a cookie.
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey("Set-Cookie"))
                context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Drops a letter's cached pages after a change, no more than once a second per letter.</summary>
    internal sealed class Invalidation
    {
        private static readonly long MinimumInterval = Stopwatch.Frequency;

        private readonly IOutputCacheStore _store;
        private readonly IServiceScopeFactory _scopes;
        private readonly ConcurrentDictionary<int, string> _slugs = new();
        private readonly ConcurrentDictionary<int, long> _lastEvicted = new();
        private readonly ConcurrentDictionary<int, bool> _scheduled = new();

        private readonly ILogger<Invalidation> _logger;

        public Invalidation(LetterChanges changes, IOutputCacheStore store, IServiceScopeFactory scopes, ILogger<Invalidation> logger)
        {
            (_store, _scopes, _logger) = (store, scopes, logger);
            changes.Subscribe(OnChangedAsync);
        }

        private async ValueTask OnChangedAsync(IReadOnlyCollection<int> letterIds)
        {
            foreach (var letterId in letterIds)
            {
                var now = Stopwatch.GetTimestamp();
                var last = _lastEvicted.GetValueOrDefault(letterId);
                if (now - last >= MinimumInterval)
                {
                    _lastEvicted[letterId] = now;
                    await EvictAsync(letterId);
                }
                else if (_scheduled.TryAdd(letterId, true))
                {
                    // A change inside the quiet second is still shown, at its end.
                    var delay = TimeSpan.FromSeconds((double)(last + MinimumInterval - now) / Stopwatch.Frequency);
                    _ = EvictLaterAsync(letterId, delay);
                }
            }
        }

        private async Task EvictLaterAsync(int letterId, TimeSpan delay)
        {
            await Task.Delay(delay);
            _scheduled.TryRemove(letterId, out _);
            _lastEvicted[letterId] = Stopwatch.GetTimestamp();
            try
            {
                await EvictAsync(letterId);
            }
            catch (Exception exception)
            {
                // Nobody awaits this; the page then shows the change when its cached copy expires.
                _logger.LogWarning(exception, "Could not drop the cached pages of letter {LetterId}", letterId);
            }
        }

        private async Task EvictAsync(int letterId)
        {
            if (!_slugs.TryGetValue(letterId, out var slug))
            {
                // A letter's slug never changes once it exists; asked once per letter and process.
                await using var scope = _scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                slug = await db.Letters.AsNoTracking().Where(l => l.Id == letterId).Select(l => l.Slug).SingleOrDefaultAsync();
                if (slug is null)
                    return;
                _slugs[letterId] = slug;
            }
            await _store.EvictByTagAsync(TagFor(slug), CancellationToken.None);
        }
    }
}
