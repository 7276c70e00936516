// The namespaces most of this project's files use, imported once (issue 19: the same using
// block at the top of a hundred files said nothing and hid real duplicates). Pages' namespaces
// stay explicit: Infrastructure must not depend on a page, and an import shows it.
global using System.Globalization;
global using FluentValidation;
global using Mediator;
global using Microsoft.AspNetCore.Authorization;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Mvc.RazorPages;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.Localization;
global using Microsoft.Extensions.Options;
global using SignOnLetters.Data;
global using SignOnLetters.Domain;
global using SignOnLetters.Domain.Letters;
global using SignOnLetters.Domain.Signatures;
global using SignOnLetters.Web.Infrastructure;
global using SignOnLetters.Web.Infrastructure.Email;
global using SignOnLetters.Web.Infrastructure.Mediation;
global using SignOnLetters.Web.Infrastructure.Security;
global using SignOnLetters.Web.Infrastructure.Validation;
