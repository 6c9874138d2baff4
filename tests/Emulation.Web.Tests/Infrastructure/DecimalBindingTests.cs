using System.Globalization;
using Emulation.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Emulation.Web.Tests;

/// <summary>Under vi-VN <c>decimal.Parse("0.5")</c> is 5; the application's binder must never read posts that way.</summary>
public sealed class DecimalBindingTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    [Theory]
    [InlineData("0.5", 0.5)]
    [InlineData("12.25", 12.25)]
    [InlineData("-3", -3)]
    [InlineData(" 7.75 ", 7.75)]
    public async Task A_posted_number_binds_with_a_dot_under_vi_VN(string posted, double expected)
    {
        var (result, state) = await Bind(typeof(decimal), posted);

        Assert.True(result.IsModelSet);
        Assert.Equal((decimal)expected, result.Model);
        Assert.True(state.IsValid);
    }

    [Theory]
    [InlineData("0,5")]
    [InlineData("1.000,5")]
    [InlineData("năm")]
    public async Task A_number_in_another_shape_is_refused_rather_than_misread(string posted)
    {
        var (result, state) = await Bind(typeof(decimal), posted);

        Assert.False(result.IsModelSet);
        Assert.False(state.IsValid);
        Assert.Contains(posted, state["value"]!.Errors.Single().ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_optional_number_binds_as_null()
    {
        var (result, state) = await Bind(typeof(decimal?), "");

        Assert.True(result.IsModelSet);
        Assert.Null(result.Model);
        Assert.True(state.IsValid);
    }

    private async Task<(ModelBindingResult Result, ModelStateDictionary State)> Bind(Type type, string posted)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
        try
        {
            Assert.Equal(5m, decimal.Parse("0.5", CultureInfo.CurrentCulture));
            await using var scope = factory.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var metadata = services.GetRequiredService<IModelMetadataProvider>().GetMetadataForType(type);
            var binder = services.GetRequiredService<IModelBinderFactory>()
                .CreateBinder(new ModelBinderFactoryContext { Metadata = metadata, BindingInfo = new BindingInfo() });
            var form = new FormCollection(new Dictionary<string, StringValues> { ["value"] = posted });
            var action = new Microsoft.AspNetCore.Mvc.ActionContext(
                new DefaultHttpContext { RequestServices = services },
                new Microsoft.AspNetCore.Routing.RouteData(),
                new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor());
            // The same path the application takes for a page handler's parameter.
            var result = await services.GetRequiredService<ParameterBinder>().BindModelAsync(
                action,
                binder,
                new FormValueProvider(BindingSource.Form, form, CultureInfo.CurrentCulture),
                new Microsoft.AspNetCore.Mvc.Abstractions.ParameterDescriptor { Name = "value", ParameterType = type, BindingInfo = new BindingInfo() },
                metadata,
                value: null,
                container: null);
            return (result, action.ModelState);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}
