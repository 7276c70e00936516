namespace SignOnLetters.Web;

/// <summary>
/// Marker for the interface texts shared by every page, e-mail and validator
/// (Resources/SharedResource.{language}.resx; English texts are the keys).
/// </summary>
public sealed class SharedResource;
