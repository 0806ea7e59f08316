using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Sigur.Features.Shared;

/// <summary>
/// The policy a page handler runs under, named by the use case it calls (<c>[Policy(EditCase.Policy)]</c>), so the
/// API map and the page authorise with the same name. The page's class names the policy to see the page at all;
/// a handler that does more (writes, decides) names its use case's, and <see cref="PagePolicyFilter"/> refuses the
/// request to every other role before the handler runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PolicyAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    public static string? Of(MethodInfo handler) => handler.GetCustomAttribute<PolicyAttribute>()?.Name;
}

/// <summary>Authorises a page handler with its <see cref="PolicyAttribute"/> through the same policies as the API.</summary>
public sealed class PagePolicyFilter(IAuthorizationService authorization) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is { } handler && PolicyAttribute.Of(handler.MethodInfo) is { } policy
            && !(await authorization.AuthorizeAsync(context.HttpContext.User, policy)).Succeeded)
        {
            context.Result = new ForbidResult();
            return;
        }
        await next();
    }
}
