using System.Text.RegularExpressions;
using System.Xml.Linq;
using SignOnLetters.Tests.Infrastructure;

namespace SignOnLetters.Tests.Deployment;

/// <summary>
/// The Dockerfile and the compose file, read as text: no Docker engine runs here and no Dockerfile
/// linter installs from the registries we reach (docs/decisions/0010), so the rules the image depends
/// on are checked here. What the published app needs at run time is checked by running it
/// (.ci/check-published-app.sh).
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly IReadOnlyList<Stage> Stages = Stage.Parse(File.ReadAllText(RepositoryFiles.PathOf("Dockerfile")));

    [Fact]
    public void Should_build_and_run_on_dotnet_10_images_of_ubuntu_noble()
    {
        Assert.NotEmpty(Stages);
        Assert.All(Stages, stage => Assert.Matches(DotnetNobleImage(), stage.Image));
    }

    [Fact]
    public void Should_run_on_the_chiseled_image_with_icu_as_a_non_root_user()
    {
        var runtime = Stages[^1];

        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra", runtime.Image);
        // A chiseled image has no shell: a RUN there cannot work, and nothing is installed at run time.
        Assert.DoesNotContain(runtime.Instructions, i => i.Keyword == "RUN");
        var user = Assert.Single(runtime.Instructions, i => i.Keyword == "USER").Arguments;
        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);
        Assert.Equal("""["dotnet", "SignOnLetters.Web.dll"]""", Assert.Single(runtime.Instructions, i => i.Keyword == "ENTRYPOINT").Arguments);
        Assert.Contains("""["dotnet", "SignOnLetters.Web.dll", "--health-check"]""", Assert.Single(runtime.Instructions, i => i.Keyword == "HEALTHCHECK").Arguments);
    }

    [Fact]
    public void Should_install_only_packages_that_noble_has_as_recorded_in_the_decision()
    {
        var decision = File.ReadAllText(RepositoryFiles.PathOf("docs", "decisions", "0010-container-image.md"));
        var recorded = TableFirstCell().Matches(decision).Select(m => m.Groups["package"].Value).ToHashSet();

        var installed = Stages.SelectMany(s => s.Instructions)
            .Where(i => i.Keyword == "RUN")
            .SelectMany(i => AptInstall().Matches(i.Arguments))
            .SelectMany(m => m.Groups["packages"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(word => !word.StartsWith('-'))
            .ToList();

        Assert.NotEmpty(installed);
        Assert.All(installed, package => Assert.Contains(package, recorded));
        // Debian 12 package names that Noble does not have (the Dockerfile .NET 10 could not build).
        Assert.DoesNotContain(Stages.SelectMany(s => s.Instructions), i => i.Arguments.Contains("libicu72"));
    }

    [Fact]
    public void Should_copy_every_project_the_web_app_builds_from_before_restoring()
    {
        var build = Stages[0];
        var restore = build.Instructions.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        Assert.True(restore > 0, "the build stage restores before it copies the sources");
        var copied = build.Instructions.Take(restore).Where(i => i.Keyword == "COPY")
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1])
            .ToHashSet();

        var needed = ProjectClosure(Path.Combine("src", "SignOnLetters.Web", "SignOnLetters.Web.csproj"));

        Assert.All(needed, project => Assert.Contains(project, copied));
        Assert.Contains("Directory.Packages.props", copied);
        Assert.Contains("Directory.Build.props", copied);
        Assert.Contains("-r linux-x64", build.Instructions[restore].Arguments);
        Assert.Contains(build.Instructions, i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish") && i.Arguments.Contains("-r linux-x64") && i.Arguments.Contains("--no-restore"));
    }

    [Fact]
    public void Should_pin_every_compose_image_and_give_the_app_its_public_address_hosts_and_health_check()
    {
        var compose = File.ReadAllText(RepositoryFiles.PathOf("docker-compose.yml"));

        var images = ComposeImage().Matches(compose).Select(m => m.Groups["image"].Value).ToList();
        Assert.Equal(2, images.Count);
        Assert.All(images, image => Assert.Matches(@":v?[0-9][^:@\s]*$", image));
        Assert.Contains("App__PublicBaseUrl:", compose);
        Assert.Contains("AllowedHosts:", compose);
        Assert.Contains("""test: ["CMD", "dotnet", "SignOnLetters.Web.dll", "--health-check"]""", compose);
    }

    /// <summary>The repository-relative paths of a project file and of every project it references, transitively.</summary>
    private static HashSet<string> ProjectClosure(string project)
    {
        var found = new HashSet<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!found.Add(next.Replace('\\', '/')))
                continue;
            var directory = Path.GetDirectoryName(next)!;
            foreach (var reference in XDocument.Load(RepositoryFiles.PathOf(next)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(RepositoryFiles.Root, directory, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(RepositoryFiles.Root, full));
            }
        }
        return found;
    }

    private sealed record Instruction(string Keyword, string Arguments);

    private sealed record Stage(string Image, List<Instruction> Instructions)
    {
        /// <summary>Instructions by stage, continuation lines joined, comments dropped.</summary>
        public static List<Stage> Parse(string dockerfile)
        {
            var stages = new List<Stage>();
            var logical = Regex.Replace(dockerfile, @"\\\r?\n", " ");
            foreach (var line in logical.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
            {
                var parts = line.Split(' ', 2);
                var instruction = new Instruction(parts[0].ToUpperInvariant(), Regex.Replace(parts.ElementAtOrDefault(1) ?? "", @"\s+", " ").Trim());
                if (instruction.Keyword == "FROM")
                    stages.Add(new Stage(instruction.Arguments.Split(' ').First(word => !word.StartsWith("--", StringComparison.Ordinal)), []));
                else
                    stages[^1].Instructions.Add(instruction);
            }
            return stages;
        }
    }

    [GeneratedRegex(@"^mcr\.microsoft\.com/dotnet/(sdk|aspnet|runtime|runtime-deps):10\.0-noble(-[a-z-]+)?$")]
    private static partial Regex DotnetNobleImage();

    [GeneratedRegex(@"apt-get install (?<packages>[^&;|]+)")]
    private static partial Regex AptInstall();

    [GeneratedRegex(@"^\| `(?<package>[a-z0-9.+-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableFirstCell();

    [GeneratedRegex(@"^\s+image: (?<image>\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ComposeImage();
}
