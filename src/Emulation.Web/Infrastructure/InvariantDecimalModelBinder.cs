using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Infrastructure;

/// <summary>
/// Binds posted decimals with the invariant culture. Browsers send <c>&lt;input type="number"&gt;</c>
/// with a dot, and under vi-VN <c>decimal.Parse("0.5")</c> is 5: the UI culture is never used
/// for posted numbers.
/// </summary>
public sealed class InvariantDecimalModelBinder(IStringLocalizer localizer) : IModelBinder
{
    private const NumberStyles Styles = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite
        | NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (result == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
        var text = result.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            if (bindingContext.ModelMetadata.IsReferenceOrNullableType)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }

            return Task.CompletedTask;
        }

        if (TryParse(text, out var value))
        {
            bindingContext.Result = ModelBindingResult.Success(value);
        }
        else
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                localizer["Validation.Number", text, bindingContext.ModelMetadata.GetDisplayName()]);
        }

        return Task.CompletedTask;
    }

    /// <summary>Parses a posted number: a dot for decimals, no group separators, any UI culture.</summary>
    public static bool TryParse(string text, out decimal value) =>
        decimal.TryParse(text, Styles, CultureInfo.InvariantCulture, out value);
}

/// <summary>Puts <see cref="InvariantDecimalModelBinder"/> in front of the default binders for decimal and decimal?.</summary>
public sealed class InvariantDecimalModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        if (type != typeof(decimal))
        {
            return null;
        }

        var factory = context.Services.GetRequiredService<IStringLocalizerFactory>();
        return new InvariantDecimalModelBinder(factory.Create(typeof(SharedResource)));
    }
}
