using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;

namespace Emulation.Web.Infrastructure;

/// <summary>
/// A form whose security token failed (an expired session, a page left open overnight) answers
/// 400 and the error page explains it. This filter keeps what the form posted — except the token
/// and passwords — so the error page can offer to send it again with a fresh token.
/// </summary>
public sealed class AntiforgeryFailureFilter : IAlwaysRunResultFilter
{
    public const string ItemKey = "Emulation.AntiforgeryFailure";

    public void OnResultExecuting(ResultExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Result is not IAntiforgeryValidationFailedResult)
        {
            return;
        }

        var request = context.HttpContext.Request;
        var fields = new List<KeyValuePair<string, string>>();
        if (request.HasFormContentType)
        {
            foreach (var (key, values) in request.Form)
            {
                if (key == "__RequestVerificationToken" || key.Contains("password", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                fields.AddRange(values.Select(v => new KeyValuePair<string, string>(key, v ?? "")));
            }
        }

        context.HttpContext.Items[ItemKey] = new AntiforgeryFailure(request.PathBase + request.Path + request.QueryString, fields);
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}

/// <summary>Where a refused form was going and what it carried.</summary>
public sealed record AntiforgeryFailure(string Action, IReadOnlyList<KeyValuePair<string, string>> Fields);
