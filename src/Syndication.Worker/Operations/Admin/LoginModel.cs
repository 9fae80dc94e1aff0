namespace Syndication.Worker.Operations.Admin;

/// <summary>The login page: where to go after signing in.</summary>
public sealed record LoginModel(AdminChrome Chrome, string? Next);
