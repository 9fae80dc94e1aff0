namespace Syndication.Worker.Operations.Admin;

/// <summary>The admin console's addresses, relative to the site.</summary>
public static class AdminPaths
{
    public const string Home = "/admin";
    public const string Login = "/admin";
    public const string SignIn = "/admin/login";
    public const string Logout = "/admin/logout";
    public const string Sources = "/admin/sources";
    public const string Partners = "/admin/partners";
    public const string Usage = "/admin/usage";
    public const string Rules = "/admin/rules";
    public const string Alerts = "/admin/alerts";

    public static string Source(long id) => FormattableString.Invariant($"/admin/sources/{id}");
}
