using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SignOnLetters.Web.Infrastructure.Caching;

/// <summary>
/// Tells the caches which letters a saved change touched: the letter itself, or anything that
/// carries its <c>LetterId</c> (signatures, versions, co-authors, mailings, aliases…). Listeners run
/// after the commit, so a cache refilled right away reads the new state. Bulk updates that bypass
/// the change tracker are not seen; the caches' short lifetimes bound what those can leave stale,
/// and so do they for other app processes (see docs/decisions/0008-signing-at-scale.md).
/// </summary>
public sealed class LetterChanges : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<int>> _pending = new();
    private readonly List<Func<IReadOnlyCollection<int>, ValueTask>> _listeners = [];

    /// <summary>Registers a listener for the ids of letters whose data changed. Called at start-up.</summary>
    public void Subscribe(Func<IReadOnlyCollection<int>, ValueTask> listener)
    {
        lock (_listeners)
            _listeners.Add(listener);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyAsync(eventData.Context).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await NotifyAsync(eventData.Context);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
            return;
        HashSet<int>? letters = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
                continue;
            int? letterId = entry.Entity is Letter letter
                ? letter.Id
                : entry.Metadata.FindProperty("LetterId") is { } property ? entry.Property(property.Name).CurrentValue as int? : null;
            if (letterId is > 0)
                (letters ??= []).Add(letterId.Value);
        }
        // Contexts are pooled: a save that touches no letter must not inherit an earlier one's list.
        if (letters is null)
            _pending.Remove(context);
        else
            _pending.AddOrUpdate(context, letters);
    }

    private async ValueTask NotifyAsync(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var letters))
            return;
        _pending.Remove(context);
        await NotifyAsync(letters);
    }

    /// <summary>For a change committed without SaveChanges (an import's row insert): the letters it touched.</summary>
    public async ValueTask NotifyAsync(IReadOnlyCollection<int> letters)
    {
        Func<IReadOnlyCollection<int>, ValueTask>[] listeners;
        lock (_listeners)
            listeners = [.. _listeners];
        foreach (var listener in listeners)
            await listener(letters);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
            _pending.Remove(context);
    }
}
