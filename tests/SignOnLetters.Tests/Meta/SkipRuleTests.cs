using System.Reflection;
using SignOnLetters.Tests.Infrastructure;

namespace SignOnLetters.Tests.Meta;

/// <summary>
/// A slice test skips (on a machine without PostgreSQL) by throwing xunit's SkipException from
/// <see cref="SliceTest.InitializeAsync"/>; only [SkippableFact] and [SkippableTheory] turn that into
/// a skip. A plain [Fact] there fails on every machine without the server: one did, and a bare
/// machine's `dotnet test` went red for it.
/// </summary>
public sealed class SkipRuleTests
{
    [Fact]
    public void Should_mark_every_slice_test_skippable()
    {
        // The test classes that run on PostgreSQL: those built with its fixture, with every test they inherit.
        var plain = typeof(SliceTest).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(SliceTest).IsAssignableFrom(type)
                && type.GetConstructors().Any(constructor => constructor.GetParameters().Any(parameter => parameter.ParameterType == typeof(PostgresSlice))))
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
            .Where(method => method.GetCustomAttributes<FactAttribute>().Any(attribute =>
                attribute is not SkippableFactAttribute and not SkippableTheoryAttribute))
            .Select(method => $"{method.DeclaringType!.Name}.{method.Name}")
            .Distinct()
            .ToList();

        Assert.True(plain.Count == 0, "Use [SkippableFact] or [SkippableTheory] in slice tests: " + string.Join(", ", plain));
    }
}
