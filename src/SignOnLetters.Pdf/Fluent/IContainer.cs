namespace SignOnLetters.Pdf.Fluent;

/// <summary>
/// A place for one piece of content. Extension methods in <see cref="ContainerExtensions"/> fill
/// it: wrappers (Padding, ShowEntire, ...) return the inner container, content methods end the chain.
/// </summary>
public interface IContainer;

/// <summary>What <see cref="Document.Create"/> hands the composing code.</summary>
public interface IDocumentContainer
{
    /// <summary>Adds a page template; its content flows over as many pages as it needs.</summary>
    IDocumentContainer Page(Action<PageDescriptor> compose);
}
