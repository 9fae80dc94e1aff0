using Microsoft.AspNetCore.Antiforgery;

namespace Syndication.Worker.Operations.Admin;

/// <summary>What every console page shows around its content: who is signed in, the form token, and a notice or error.</summary>
public sealed record AdminChrome(string? SignedInAs, AntiforgeryTokenSet Token, string? Notice = null, string? Error = null);
