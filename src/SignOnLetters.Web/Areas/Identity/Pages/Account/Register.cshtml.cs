using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace SignOnLetters.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Registration that does not tell a stranger which addresses have accounts. Identity's own page
/// answered "Email '…' is already taken."; here an address with an account gets the same answer as
/// a new one ("check your inbox"), after the same password checks and the same hashing work, and its
/// holder gets an e-mail saying someone tried (and how to reset the password, if it was them).
/// </summary>
[AllowAnonymous]
public class Register(
    UserManager<ApplicationUser> users, AccountEmails emails, [FromKeyedServices(EmailKind.SingleUseLink)] IEmailQueue mail,
    IPublicUrls urls, TimeProvider clock, ILogger<Register> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? ReturnUrl { get; set; }

    /// <summary>Identity's fields and messages (the account pages translate those by their English text).</summary>
    public sealed class InputModel
    {
        [Required]
        [EmailAddress]
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;

        [Required]
        [StringLength(100, ErrorMessage = "The {0} must be at least {2} and at max {1} characters long.", MinimumLength = 6)]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = string.Empty;

        [DataType(DataType.Password)]
        [Display(Name = "Confirm password")]
        [Compare("Password", ErrorMessage = "The password and confirmation password do not match.")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }

    public void OnGet(string? returnUrl = null) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = returnUrl ??= Url.Content("~/");
        if (!ModelState.IsValid)
            return Page();
        // The password rules first, the same for every address: an error here says nothing about accounts.
        var candidate = new ApplicationUser { UserName = Input.Email, Email = Input.Email, CreatedAt = clock.GetUtcNow().UtcDateTime };
        foreach (var validator in users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, candidate, Input.Password);
            foreach (var error in checkedPassword.Errors)
                ModelState.AddModelError(string.Empty, error.Description);
        }
        if (!ModelState.IsValid)
            return Page();

        var holder = await users.FindByEmailAsync(Input.Email);
        if (holder is null)
        {
            var created = await users.CreateAsync(candidate, Input.Password);
            if (created.Succeeded)
                await SendConfirmationAsync(candidate, returnUrl);
            else if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
                TellHolder(); // registered a moment ago by someone else
            else
            {
                foreach (var error in created.Errors)
                    ModelState.AddModelError(string.Empty, error.Description);
                return Page();
            }
        }
        else
        {
            // The work a new account costs (hashing its password), so the answer takes as long.
            users.PasswordHasher.HashPassword(holder, Input.Password);
            TellHolder();
        }
        return RedirectToPage("RegisterConfirmation", new { returnUrl });
    }

    private async Task SendConfirmationAsync(ApplicationUser user, string returnUrl)
    {
        logger.LogInformation("User created a new account with password");
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var link = urls.Absolute(Url.Page("/Account/ConfirmEmail", pageHandler: null, values: new { area = "Identity", userId = user.Id, code, returnUrl })!);
        mail.Enqueue(emails.ConfirmAccount(Input.Email, link));
    }

    private void TellHolder()
    {
        logger.LogInformation("Registration with an address that has an account; its holder is told");
        mail.Enqueue(emails.RegistrationAttempt(Input.Email, urls.Absolute(Url.Page("/Account/ForgotPassword", pageHandler: null, values: new { area = "Identity" })!)));
    }
}
