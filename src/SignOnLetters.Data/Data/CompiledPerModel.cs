using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace SignOnLetters.Data;

/// <summary>
/// An EF compiled query for each model it runs against. EF binds a compiled query to the model of
/// the first context that runs it and refuses any other ("executed with a different model"), and
/// one process can hold several: a backup restored into another provider's database, the tests on
/// SQLite and PostgreSQL. Models are shared by every context of one provider, so this compiles once
/// per provider; the table is weak, so a model that goes away takes its queries with it.
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : Delegate
{
    private readonly ConditionalWeakTable<IModel, TQuery> byModel = new();

    /// <summary>The query compiled for <paramref name="db"/>'s model.</summary>
    public TQuery For(DbContext db) => byModel.GetValue(db.Model, _ => compile());
}
