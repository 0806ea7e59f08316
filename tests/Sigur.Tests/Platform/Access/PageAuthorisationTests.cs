using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sigur.Platform;

namespace Sigur.Tests.Platform.Access;

/// <summary>Every page names its policy on the class (or says it is for anonymous users): the folder convention is only a backstop.</summary>
public sealed class PageAuthorisationTests
{
    [Fact]
    public void Every_page_model_carries_an_explicit_policy_or_allow_anonymous()
    {
        var pages = typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract).ToList();
        Assert.NotEmpty(pages);
        var known = Policies.All;
        foreach (var page in pages)
        {
            var anonymous = page.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
            var policy = page.GetCustomAttribute<AuthorizeAttribute>()?.Policy;
            Assert.True(anonymous ^ policy is not null, $"{page.FullName} must carry exactly one of [Authorize(Policy = ...)] or [AllowAnonymous]");
            if (policy is not null) Assert.Contains(policy, known);
            if (anonymous) Assert.StartsWith("Sigur.Features.Account.", page.FullName, StringComparison.Ordinal);
        }
    }
}
