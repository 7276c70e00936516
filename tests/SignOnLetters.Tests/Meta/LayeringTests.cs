using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;
using SignOnLetters.Tests.Infrastructure;

namespace SignOnLetters.Tests.Meta;

/// <summary>
/// <c>Infrastructure/</c> holds what is cross-cutting (pipeline behaviours, e-mail transport,
/// security, caching); features live in <c>Pages/</c>. A dependency from the first to the second
/// turns the layers inside out (issue 19: the authorisation behaviour used a page folder's helper,
/// a cache called a loader written inside <c>Sign.cshtml.cs</c>). Checked twice: in the compiled
/// code (every type an Infrastructure type names in its signatures and method bodies, including
/// lambdas and async state machines) and in the source (usings, qualified names, doc links).
/// </summary>
public sealed class LayeringTests
{
    private const string InfrastructureNamespace = "SignOnLetters.Web.Infrastructure";
    private const string PagesNamespace = "SignOnLetters.Web.Pages";

    [Fact]
    public void Should_keep_compiled_infrastructure_free_of_page_types()
    {
        var offenders = typeof(Program).Assembly.GetTypes()
            .Where(type => InNamespace(type, InfrastructureNamespace))
            .SelectMany(type => TypesUsedBy(type).Where(used => InNamespace(used, PagesNamespace))
                .Select(used => $"{type.FullName} uses {used.FullName}"))
            .Distinct()
            .Order()
            .ToList();

        Assert.True(offenders.Count == 0, "Infrastructure depends on pages:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Should_keep_infrastructure_sources_free_of_page_references()
    {
        var webProject = RepositoryFiles.PathOf("src", "SignOnLetters.Web");
        var offenders = new List<string>();
        foreach (var file in InfrastructureSources(webProject))
        {
            var source = File.ReadAllText(file);
            var name = Path.GetRelativePath(webProject, file);
            // Every file of the folder is in the namespace the compiled check looks at.
            if (!Regex.IsMatch(source, @"^namespace SignOnLetters\.Web\.Infrastructure(\.\w+)*;", RegexOptions.Multiline))
                offenders.Add($"{name}: not in the {InfrastructureNamespace} namespace");
            foreach (Match reference in Regex.Matches(source, @"SignOnLetters\.Web\.Pages\b[\w.]*|cref=""Pages\.[\w.]+"""))
                offenders.Add($"{name}: {reference.Value}");
        }

        Assert.True(offenders.Count == 0, "Infrastructure sources refer to pages:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Should_see_a_page_type_used_from_a_method_body()
    {
        // The compiled check must see through method bodies, lambdas and async state machines, or it could not fail.
        var used = TypesUsedBy(typeof(UsesAPageInALambda)).ToList();

        Assert.Contains(typeof(SignOnLetters.Web.Pages.Signing.LetterForSigning), used);
        Assert.Contains(typeof(SignOnLetters.Web.Pages.Signing.Sign.Outcome), used);
    }

    private static IEnumerable<string> InfrastructureSources(string webProject) =>
        Directory.EnumerateDirectories(webProject, "Infrastructure", SearchOption.AllDirectories)
            .Where(directory => !directory.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                                && !directory.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(directory => Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories));

    private static bool InNamespace(Type type, string prefix) =>
        type.Namespace is { } name && (name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal));

    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The types <paramref name="type"/> and its nested types (closures, state machines) name, with their generic arguments.</summary>
    private static IEnumerable<Type> TypesUsedBy(Type type)
    {
        var found = new HashSet<Type>();
        foreach (var declared in Nested(type))
        {
            Add(found, declared.BaseType);
            foreach (var @interface in declared.GetInterfaces())
                Add(found, @interface);
            foreach (var attribute in declared.GetCustomAttributesData())
                Add(found, attribute.AttributeType);
            foreach (var field in declared.GetFields(Everything))
                Add(found, field.FieldType);
            foreach (var property in declared.GetProperties(Everything))
                Add(found, property.PropertyType);
            foreach (var method in declared.GetMethods(Everything).Cast<MethodBase>().Concat(declared.GetConstructors(Everything)))
            {
                if (method is MethodInfo info)
                    Add(found, info.ReturnType);
                foreach (var parameter in method.GetParameters())
                    Add(found, parameter.ParameterType);
                foreach (var used in TypesInBody(method))
                    Add(found, used);
            }
        }
        return found;
    }

    private static IEnumerable<Type> Nested(Type type) =>
        type.GetNestedTypes(Everything).SelectMany(Nested).Prepend(type);

    private static void Add(HashSet<Type> found, Type? type)
    {
        if (type is null)
            return;
        if (type.HasElementType)
        {
            Add(found, type.GetElementType());
            return;
        }
        if (type.IsGenericParameter || !found.Add(type))
            return;
        if (type.IsGenericType)
            foreach (var argument in type.GetGenericArguments())
                Add(found, argument);
        Add(found, type.DeclaringType);
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    /// <summary>The types named by a method body: its locals and every type, method and field token in its IL.</summary>
    private static IEnumerable<Type> TypesInBody(MethodBase method)
    {
        var body = method.GetMethodBody();
        if (body is null)
            yield break;
        foreach (var local in body.LocalVariables)
            yield return local.LocalType;
        var il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
                value = unchecked((short)(0xFE00 | il[position++]));
            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, position);
                    MemberInfo? member;
                    try
                    {
                        member = method.Module.ResolveMember(token, typeArguments, methodArguments);
                    }
                    catch (ArgumentException)
                    {
                        member = null;
                    }
                    switch (member)
                    {
                        case Type type:
                            yield return type;
                            break;
                        case MethodBase called:
                            if (called.DeclaringType is { } owner)
                                yield return owner;
                            if (called is MethodInfo { IsGenericMethod: true } generic)
                                foreach (var argument in generic.GetGenericArguments())
                                    yield return argument;
                            break;
                        case FieldInfo field:
                            if (field.DeclaringType is { } fieldOwner)
                                yield return fieldOwner;
                            yield return field.FieldType;
                            break;
                    }
                    position += 4;
                    break;
                case OperandType.InlineSwitch:
                    position += 4 + 4 * BitConverter.ToInt32(il, position);
                    break;
                default:
                    position += OperandSize(code.OperandType);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    /// <summary>For the self-test: page types reached only from a lambda and an async method's body.</summary>
    private static class UsesAPageInALambda
    {
        public static Func<object, bool> IsLetter => value => value is SignOnLetters.Web.Pages.Signing.LetterForSigning;

        public static async Task<string> DescribeAsync()
        {
            await Task.Yield();
            return SignOnLetters.Web.Pages.Signing.Sign.Outcome.CheckYourInbox.ToString();
        }
    }
}
