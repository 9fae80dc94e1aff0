using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Syndication.Worker.Web;

/// <summary>Answers with our pages: a page component with its model, or the styled status page.</summary>
public static class HtmlPages
{
    /// <summary>Renders <typeparamref name="TPage"/> with its <c>Model</c> parameter.</summary>
    public static IResult Page<TPage>(object model, int status = StatusCodes.Status200OK)
        where TPage : IComponent =>
        new RazorComponentResult<TPage>(new { Model = model }) { StatusCode = status };

    public static IResult NotFound(string message, string title = "Không tìm thấy trang") =>
        Status(StatusCodes.Status404NotFound, title, message);

    public static IResult BadRequest(string message) =>
        Status(StatusCodes.Status400BadRequest, "Địa chỉ không hợp lệ", message);

    public static IResult Status(int status, string title, string message) =>
        new RazorComponentResult<StatusPage>(new { Status = status, Title = title, Message = message }) { StatusCode = status };
}
