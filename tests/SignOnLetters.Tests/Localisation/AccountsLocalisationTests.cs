using System.Net;
using SignOnLetters.Tests.Infrastructure;

namespace SignOnLetters.Tests.Localisation;

/// <summary>
/// The account pages (Identity's page models under our views) in the reader's language: our texts,
/// the English messages Identity's page models produce, and Identity's own password rules.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class AccountsLocalisationTests(SqliteSlice app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_show_the_login_page_in_french_with_the_fields_the_forms_post()
    {
        var browser = Reading("fr");

        var (response, page) = await browser.GetAsync("/Identity/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Se connecter", page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal("Adresse e-mail", page.QuerySelector("label[for=Input_Email]")!.TextContent.Trim());
        Assert.Equal("Mot de passe", page.QuerySelector("label[for=Input_Password]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("form#account input[name='Input.Email']"));
        Assert.Equal("Mot de passe oublié ?", page.QuerySelector("#forgot-password")!.TextContent.Trim());
    }

    [SkippableFact]
    public async Task Should_say_a_failed_sign_in_in_arabic()
    {
        await App.CreateUserAsync("arabic.reader@example.org");
        var browser = Reading("ar");

        var response = await browser.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = "arabic.reader@example.org",
            ["Input.Password"] = "not-the-password",
        }, "form#account");

        var errors = await ErrorsAsync(response);
        Assert.Contains("البريد الإلكتروني أو كلمة المرور غير صحيحة.", errors);
        Assert.DoesNotContain("Invalid login attempt", errors);
    }

    [SkippableFact]
    public async Task Should_explain_missing_fields_and_identitys_password_rules_in_russian()
    {
        var browser = Reading("ru");

        var empty = await browser.SubmitFormAsync("/Identity/Account/Register", new Dictionary<string, string>(), "form#registerForm");
        var weak = await browser.SubmitFormAsync("/Identity/Account/Register", new Dictionary<string, string>
        {
            ["Input.Email"] = "short.password@example.org",
            ["Input.Password"] = "abcdefg",
            ["Input.ConfirmPassword"] = "abcdefg",
        }, "form#registerForm");

        var missing = await ErrorsAsync(empty);
        Assert.Contains("Укажите адрес электронной почты.", missing);
        Assert.Contains("Введите пароль.", missing);
        var rules = await ErrorsAsync(weak);
        Assert.Contains("Пароль должен содержать не менее 10 символов.", rules);
        Assert.Contains("Пароль должен содержать хотя бы одну цифру (0–9).", rules);
        Assert.DoesNotContain("Passwords must", rules);
    }

    [SkippableFact]
    public async Task Should_confirm_a_profile_change_in_spanish()
    {
        await App.CreateUserAsync("perfil@example.org");
        var browser = Reading("es");
        await browser.SignInAsync("perfil@example.org");

        var saved = await browser.SubmitFormAsync("/Identity/Account/Manage", new Dictionary<string, string> { ["Input.PhoneNumber"] = "+34 600 000 000" }, "form#profile-form");
        BrowserlessClient.AssertRedirect(saved);
        var (_, page) = await browser.GetAsync("/Identity/Account/Manage");

        Assert.Equal("Su perfil se ha actualizado", page.QuerySelector("main [role=status]")!.TextContent.Trim());
        Assert.Equal("Gestionar su cuenta", page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Contains(page.QuerySelectorAll("main nav a"), a => a.TextContent.Trim() == "Autenticación en dos pasos");
    }

    [SkippableFact]
    public async Task Should_write_the_account_emails_in_the_readers_language_with_identitys_links()
    {
        var french = Reading("fr");
        await french.SubmitFormAsync("/Identity/Account/Register", new Dictionary<string, string>
        {
            ["Input.Email"] = "nouvelle@example.org",
            ["Input.Password"] = TestPasswords.Strong,
            ["Input.ConfirmPassword"] = TestPasswords.Strong,
        }, "form#registerForm");
        await App.CreateUserAsync("zabyl@example.org");
        await Reading("ru").SubmitFormAsync("/Identity/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = "zabyl@example.org" });

        var confirmation = App.Emails.LatestTo("nouvelle@example.org");
        Assert.Equal("Confirmez votre adresse e-mail", confirmation.Subject);
        Assert.Contains("cliquez ici", confirmation.HtmlBody);
        Assert.Contains("/Identity/Account/ConfirmEmail", EmailBox.LinkContaining(confirmation, "ConfirmEmail"));
        var reset = App.Emails.LatestTo("zabyl@example.org");
        Assert.Equal("Сброс пароля SignOnLetters", reset.Subject);
        Assert.Contains("/Identity/Account/ResetPassword", EmailBox.LinkContaining(reset, "ResetPassword"));
    }

    /// <summary>Identity's "change e-mail" page hands its link to our writer (issue 19): the message to
    /// the new address is ours, in the reader's language, with the link on the public address.</summary>
    [SkippableFact]
    public async Task Should_write_the_change_of_address_email_in_the_readers_language()
    {
        await App.CreateUserAsync("antigua@example.org");
        var spanish = Reading("es");
        await spanish.SignInAsync("antigua@example.org");
        var (_, page) = await spanish.GetAsync("/Identity/Account/Manage/Email");

        await spanish.SubmitAsync(page, "/Identity/Account/Manage/Email?handler=ChangeEmail",
            new Dictionary<string, string> { ["Input.NewEmail"] = "nueva@example.org" }, "form#email-form");

        var change = App.Emails.LatestTo("nueva@example.org");
        Assert.Equal("Confirme su correo electrónico", change.Subject);
        Assert.DoesNotContain("clicking here", change.HtmlBody);
        Assert.StartsWith("http://localhost/Identity/Account/ConfirmEmailChange?", EmailBox.LinkContaining(change, "ConfirmEmailChange"));
    }

    /// <summary>Every account page answers in Arabic, laid out right to left, with a translated heading
    /// (no page falls back to Identity's own English view).</summary>
    [SkippableFact]
    public async Task Should_render_every_account_page_in_arabic()
    {
        await App.CreateUserAsync("every.page@example.org");
        var anonymous = Reading("ar");
        var signedIn = Reading("ar");
        await signedIn.SignInAsync("every.page@example.org");
        var pages = new (BrowserlessClient Browser, string Path)[]
        {
            (anonymous, "/Identity/Account/Login"), (anonymous, "/Identity/Account/Register"),
            (anonymous, "/Identity/Account/ForgotPassword"), (anonymous, "/Identity/Account/ForgotPasswordConfirmation"),
            (anonymous, "/Identity/Account/ResendEmailConfirmation"), (anonymous, "/Identity/Account/ResetPassword?code=abc"),
            (anonymous, "/Identity/Account/ResetPasswordConfirmation"), (anonymous, "/Identity/Account/Lockout"),
            (anonymous, "/Identity/Account/AccessDenied"), (anonymous, "/Identity/Account/Logout"),
            (signedIn, "/Identity/Account/Manage"), (signedIn, "/Identity/Account/Manage/Email"),
            (signedIn, "/Identity/Account/Manage/ChangePassword"), (signedIn, "/Identity/Account/Manage/TwoFactorAuthentication"),
            (signedIn, "/Identity/Account/Manage/EnableAuthenticator"), (signedIn, "/Identity/Account/Manage/ResetAuthenticator"),
            (signedIn, "/Identity/Account/Manage/PersonalData"), (signedIn, "/Identity/Account/Manage/DeletePersonalData"),
        };

        foreach (var (browser, path) in pages)
        {
            var (response, page) = await browser.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
            Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
            var heading = page.QuerySelector("main h2") is { } h2 && path.Contains("/Manage") ? h2 : page.QuerySelector("main h1")!;
            Assert.True(heading.TextContent.Any(c => c is >= '\u0600' and <= '\u06FF'), $"{path}: the heading '{heading.TextContent.Trim()}' is not in Arabic");
        }
    }

    [SkippableFact]
    public async Task Should_keep_english_for_a_reader_without_a_language()
    {
        var (_, page) = await BrowserlessClient.For(App).GetAsync("/Identity/Account/Register");

        Assert.Equal("Register", page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal("Confirm password", page.QuerySelector("label[for=Input_ConfirmPassword]")!.TextContent.Trim());
    }

    private BrowserlessClient Reading(string language)
    {
        var browser = BrowserlessClient.For(App);
        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return browser;
    }

    private static async Task<string> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return page.QuerySelector("#form-errors")?.TextContent ?? throw new Xunit.Sdk.XunitException("No error list on the page.");
    }
}
