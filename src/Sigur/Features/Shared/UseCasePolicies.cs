using System.Reflection;
using Microsoft.AspNetCore.Authorization;

namespace Sigur.Features.Shared;

/// <summary>
/// Every /api endpoint runs under the policy its use case declares — the handler's <see cref="PolicyAttribute"/>, else
/// the use case's <c>public const string Policy</c> — so the API map never names a policy and a page handler names the
/// same one. An endpoint whose handler declares nothing must be given a policy (or AllowAnonymous) where it is mapped,
/// and one given a policy other than its use case's stops the start: two homes for one rule would drift apart.
/// </summary>
public static class UseCasePolicies
{
    public static RouteGroupBuilder RequireUseCasePolicies(this RouteGroupBuilder api)
    {
        var problems = new List<string>();
        // Finally: after the endpoint's own conventions, so a policy given where it is mapped is seen here.
        ((IEndpointConventionBuilder)api).Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<IAllowAnonymous>().Any()) return;
            var declared = endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault() is { } handler ? Of(handler) : null;
            var given = endpoint.Metadata.OfType<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).ToList();
            if (declared is null && given.Count == 0)
                throw new InvalidOperationException($"{endpoint.DisplayName} declares no policy: give its use case a Policy.");
            if (declared is not null && given.Any(p => p != declared))
                throw new InvalidOperationException($"{endpoint.DisplayName} is mapped with {string.Join(", ", given)} but its use case declares {declared}.");
            if (declared is not null && given.Count == 0) endpoint.Metadata.Add(new AuthorizeAttribute(declared));
        });
        return api;
    }

    /// <summary>The policy a use-case method runs under: its own <see cref="PolicyAttribute"/>, else its class's Policy constant.</summary>
    public static string? Of(MethodInfo handler)
    {
        if (PolicyAttribute.Of(handler) is { } own) return own;
        var field = handler.DeclaringType?.GetField("Policy", BindingFlags.Public | BindingFlags.Static);
        return field is { IsLiteral: true } ? field.GetRawConstantValue() as string : null;
    }
}
