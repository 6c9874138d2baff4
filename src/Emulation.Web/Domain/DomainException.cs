namespace Emulation.Web.Domain;

/// <summary>An illegal move refused by a domain object; the message says why.</summary>
public sealed class DomainException(string message) : Exception(message);
