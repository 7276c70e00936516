namespace SignOnLetters.Web.Infrastructure.Validation;

/// <summary>
/// A rule whose message names numbers ("At most {Max} addressees."): the message stays a constant
/// template, the key of its translations, and the numbers fill its named placeholders, written in
/// the reader's digits and grouping. An interpolated message could never match a translation.
/// </summary>
public static class NumberArguments
{
    public static IRuleBuilderOptions<T, P> MustNaming<T, P>(this IRuleBuilder<T, P> rule, Func<P, bool> predicate, params (string Name, Func<P, double> Value)[] numbers) =>
        rule.Must((_, value, context) =>
        {
            if (predicate(value))
                return true;
            foreach (var (name, number) in numbers)
                context.MessageFormatter.AppendArgument(name, number(value).ToString("#,##0.#", CultureInfo.CurrentCulture));
            return false;
        });
}
