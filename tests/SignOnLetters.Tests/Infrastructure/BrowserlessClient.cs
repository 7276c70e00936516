using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SignOnLetters.Tests.Infrastructure;

/// <summary>
/// Drives the real pages over HTTP the way a browser without JavaScript would: keeps cookies, reads
/// forms from the HTML (antiforgery token included) and submits them with the fields a person fills.
/// </summary>
public sealed class BrowserlessClient(HttpClient http)
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public static BrowserlessClient For(SliceFixture app) =>
        new(app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>A browser signed in as <paramref name="email"/> that asks for pages in <paramref name="language"/> (Accept-Language).</summary>
    public static async Task<BrowserlessClient> SignedInAsync(SliceFixture app, string email, string language)
    {
        app.RunAs(null);
        var browser = For(app);
        await browser.SignInAsync(email);
        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return browser;
    }

    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        return (response, Parser.ParseDocument(html));
    }

    /// <summary>GETs <paramref name="url"/>, fills the form (the first with a submit button, or the one matching the selector) and posts it.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string url, IReadOnlyDictionary<string, string> fields, string formSelector = "main form")
    {
        var (response, document) = await GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return await SubmitAsync(document, url, fields, formSelector);
    }

    /// <param name="submitButton">The button pressed, when it posts elsewhere than its form (its <c>formaction</c>).</param>
    public async Task<HttpResponseMessage> SubmitAsync(IHtmlDocument document, string pageUrl, IReadOnlyDictionary<string, string> fields, string formSelector = "main form",
        string? submitButton = null)
    {
        var form = document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new Xunit.Sdk.XunitException($"No form '{formSelector}' on {pageUrl}.");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when box.IsChecked && !string.IsNullOrEmpty(box.Name):
                    values.Add(new(box.Name!, box.Value));
                    break;
                case IHtmlInputElement { Type: not ("checkbox" or "radio" or "submit" or "file") } input when !string.IsNullOrEmpty(input.Name):
                    values.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    values.Add(new(area.Name!, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    values.Add(new(select.Name!, select.Value ?? string.Empty));
                    break;
            }
        }
        foreach (var (name, value) in fields)
        {
            values.RemoveAll(v => v.Key == name);
            values.Add(new(name, value));
        }
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        if (submitButton is not null)
            action = (form.QuerySelector(submitButton) ?? throw new Xunit.Sdk.XunitException($"No button '{submitButton}' in '{formSelector}' on {pageUrl}."))
                .GetAttribute("formaction") ?? action;
        return await Http.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>Signs in through Identity's real login form, so later requests carry the auth cookie.</summary>
    public async Task SignInAsync(string email, string password = TestPasswords.Strong)
    {
        var response = await SubmitFormAsync("/Identity/Account/Login",
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password }, "form#account");
        AssertRedirect(response);
    }

    public static void AssertRedirect(HttpResponseMessage response, string? startsWith = null)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"Expected a redirect, got {(int)response.StatusCode}: {Truncate(response.Content.ReadAsStringAsync().GetAwaiter().GetResult())}");
        if (startsWith is not null)
            Assert.StartsWith(startsWith, response.Headers.Location?.OriginalString ?? string.Empty, StringComparison.OrdinalIgnoreCase);
    }

    private static string Truncate(string text) => text.Length > 2000 ? text[..2000] : text;
}
