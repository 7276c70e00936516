using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SignOnLetters.Web;
using SignOnLetters.Web.Infrastructure;

namespace SignOnLetters.Tests.Localisation;

/// <summary>Localisation:Pseudo: English texts accented, bracketed and longer; everything that must work stays intact.</summary>
public sealed class PseudoLocalisationTests
{
    [Fact]
    public void Should_accent_bracket_and_lengthen_a_text_by_at_least_forty_percent()
    {
        var pseudo = PseudoLocalisation.Transform("Sign this letter");

        Assert.Equal("[Ŝîĝñ ţĥîš ļéţţéŕ ····]", pseudo);
        Assert.True(pseudo.Length >= "Sign this letter".Length * 1.4);
    }

    [Theory]
    [InlineData("Signed by {0} organisations", "{0}")]
    [InlineData("{0:N0} of {1,5}", "{1,5}")]
    [InlineData("Read <a href=\"/privacy\">our policy</a>", "<a href=\"/privacy\">")]
    [InlineData("Tom &amp; Jerry", "&amp;")]
    public void Should_keep_format_items_markup_and_entities_intact(string text, string kept)
    {
        var pseudo = PseudoLocalisation.Transform(text);

        Assert.Contains(kept, pseudo);
        Assert.StartsWith("[", pseudo);
    }

    [Fact]
    public void Should_pseudo_localise_english_and_leave_the_other_languages_translated()
    {
        var localizer = new StringLocalizer<SharedResource>(PseudoFactory());
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("[Ŝîĝñ îñ ·]", localizer["Sign in"].Value);
            Assert.Equal("[Ŝîĝñéð ƀý 7 ·]", localizer["Signed by {0}", 7].Value);

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr");
            Assert.Equal("Se connecter", localizer["Sign in"].Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    /// <summary>The app's registration (AddPseudoLocalisation) over the app's real resources.</summary>
    private static IStringLocalizerFactory PseudoFactory()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }));
        services.AddPseudoLocalisation();
        return services.BuildServiceProvider().GetRequiredService<IStringLocalizerFactory>();
    }
}
