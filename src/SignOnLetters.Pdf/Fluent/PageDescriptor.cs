using SignOnLetters.Pdf.Elements;

namespace SignOnLetters.Pdf.Fluent;

public sealed class PageDescriptor
{
    private readonly Page page;

    internal PageDescriptor(Page page) => this.page = page;

    public PageDescriptor Size(PageSize size) => Size(size.Width, size.Height);

    /// <summary>In points (1/72 inch).</summary>
    public PageDescriptor Size(float width, float height)
    {
        if (width is <= 0 or > 14_400 || height is <= 0 or > 14_400)
            throw new ArgumentOutOfRangeException(nameof(width), "Page sides must be between 0 and 14,400 points (200 inches), the PDF limit.");
        page.Width = width;
        page.Height = height;
        return this;
    }

    public PageDescriptor Margin(float all) => Margin(all, all, all, all);

    public PageDescriptor MarginHorizontal(float value) => Margin(value, page.Margins.Top, value, page.Margins.Bottom);

    public PageDescriptor MarginVertical(float value) => Margin(page.Margins.Left, value, page.Margins.Right, value);

    public PageDescriptor Margin(float left, float top, float right, float bottom)
    {
        if (left < 0 || top < 0 || right < 0 || bottom < 0)
            throw new ArgumentOutOfRangeException(nameof(left), "Margins cannot be negative.");
        page.Margins.Left = left;
        page.Margins.Top = top;
        page.Margins.Right = right;
        page.Margins.Bottom = bottom;
        return this;
    }

    public PageDescriptor DefaultTextStyle(TextStyle style)
    {
        page.DefaultTextStyle = style;
        return this;
    }

    public PageDescriptor PageColor(string hexColor)
    {
        page.Background = TextStyle.ParseColor(hexColor);
        return this;
    }

    /// <summary>Repeated at the top of every page.</summary>
    public IContainer Header() => (Slot)page.Layout.Before;

    public IContainer Content() => (Slot)page.Layout.Content;

    /// <summary>Repeated at the bottom of every page.</summary>
    public IContainer Footer() => (Slot)page.Layout.After;
}
