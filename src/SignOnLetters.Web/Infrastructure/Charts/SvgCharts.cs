using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace SignOnLetters.Web.Infrastructure.Charts;

/// <summary>One bar or point of a chart: its label and its value.</summary>
public sealed record ChartPoint(string Label, int Value);

/// <summary>
/// Charts drawn on the server as inline SVG: no JavaScript and no third-party request. Each is an
/// image to assistive technology (<c>role="img"</c>, a <c>title</c> and a <c>desc</c> that says what
/// it shows in words); the page puts the same numbers in a table next to it. Every text is
/// HTML-encoded, so a country or organisation name cannot inject markup.
/// </summary>
public static class SvgCharts
{
    private const int Width = 640;
    private const int BarsWidth = 480;
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>A cumulative line over days: <paramref name="points"/> are per-day totals so far, in order.</summary>
    public static IHtmlContent CumulativeLine(string id, string title, string description, IReadOnlyList<ChartPoint> points)
    {
        const int height = 240, left = 48, right = 16, top = 16, bottom = 36;
        var svg = Open(id, title, description, Width, height);
        var plotWidth = Width - left - right;
        var plotHeight = height - top - bottom;
        var max = Math.Max(1, points.Count == 0 ? 0 : points.Max(p => p.Value));
        var scaleTop = NiceCeiling(max);

        // Axes and three horizontal grid lines with their values.
        for (var i = 0; i <= 4; i++)
        {
            var value = scaleTop * i / 4;
            var y = top + plotHeight - plotHeight * i / 4.0;
            svg.Append(Line(left, y, Width - right, y, "chart-grid"));
            svg.Append(Text(left - 6, y + 4, value.ToString("N0", CultureInfo.CurrentCulture), "end", "chart-axis"));
        }
        if (points.Count > 0)
        {
            double X(int index) => left + (points.Count == 1 ? plotWidth / 2.0 : plotWidth * index / (double)(points.Count - 1));
            double Y(int value) => top + plotHeight - plotHeight * value / (double)scaleTop;
            var path = new StringBuilder();
            for (var i = 0; i < points.Count; i++)
                path.Append(i == 0 ? "M" : " L").Append(Number(X(i))).Append(' ').Append(Number(Y(points[i].Value)));
            var area = $"{path} L{Number(X(points.Count - 1))} {Number(top + plotHeight)} L{Number(X(0))} {Number(top + plotHeight)} Z";
            svg.Append("<path class=\"chart-area\" d=\"").Append(area).Append("\"/>");
            svg.Append("<path class=\"chart-line\" fill=\"none\" d=\"").Append(path).Append("\"/>");
            if (points.Count == 1)
                svg.Append("<circle class=\"chart-dot\" r=\"4\" cx=\"").Append(Number(X(0))).Append("\" cy=\"").Append(Number(Y(points[0].Value))).Append("\"/>");
            // First and last day under the axis.
            svg.Append(Text(X(0), height - 12, points[0].Label, points.Count == 1 ? "middle" : "start", "chart-axis"));
            if (points.Count > 1)
                svg.Append(Text(X(points.Count - 1), height - 12, points[^1].Label, "end", "chart-axis"));
        }
        svg.Append(Line(left, top + plotHeight, Width - right, top + plotHeight, "chart-axis-line"));
        return Close(svg);
    }

    /// <summary>Horizontal bars, one per point, largest first as given.</summary>
    public static IHtmlContent HorizontalBars(string id, string title, string description, IReadOnlyList<ChartPoint> points)
    {
        const int rowHeight = 24, labelWidth = 210, valueWidth = 48, top = 8;
        var height = top * 2 + Math.Max(1, points.Count) * rowHeight;
        var svg = Open(id, title, description, BarsWidth, height);
        var max = Math.Max(1, points.Count == 0 ? 0 : points.Max(p => p.Value));
        var barSpace = BarsWidth - labelWidth - valueWidth;
        for (var i = 0; i < points.Count; i++)
        {
            var y = top + i * rowHeight;
            var barWidth = Math.Max(1, barSpace * points[i].Value / (double)max);
            svg.Append(Text(labelWidth - 8, y + 16, Shorten(points[i].Label, 34), "end", "chart-label"));
            svg.Append("<rect class=\"chart-bar\" x=\"").Append(labelWidth).Append("\" y=\"").Append(y + 4)
                .Append("\" width=\"").Append(Number(barWidth)).Append("\" height=\"").Append(rowHeight - 8).Append("\"/>");
            svg.Append(Text(labelWidth + barWidth + 6, y + 16, points[i].Value.ToString("N0", CultureInfo.CurrentCulture), "start", "chart-value"));
        }
        return Close(svg);
    }

    /// <summary>
    /// A sparkline: one small bar per point, oldest first, no axis or labels (the dashboard's last 14
    /// days). Its title and description are its text alternative, so they must carry the numbers.
    /// </summary>
    public static IHtmlContent Sparkline(string id, string title, string description, IReadOnlyList<ChartPoint> points)
    {
        const int barWidth = 6, gap = 2, height = 24;
        var width = Math.Max(1, points.Count * (barWidth + gap) - gap);
        var svg = Open(id, title, description, width, height, "sparkline");
        var max = Math.Max(1, points.Count == 0 ? 0 : points.Max(p => p.Value));
        for (var i = 0; i < points.Count; i++)
        {
            // A day without signatures still shows as a hairline, so the 14 days read as 14.
            var barHeight = Math.Max(1, (height - 2) * points[i].Value / (double)max);
            svg.Append("<rect class=\"chart-bar\" x=\"").Append(i * (barWidth + gap)).Append("\" y=\"").Append(Number(height - barHeight))
                .Append("\" width=\"").Append(barWidth).Append("\" height=\"").Append(Number(barHeight)).Append("\"/>");
        }
        return Close(svg);
    }

    // direction="ltr": the charts are drawn with left-to-right geometry (axis on the left, bars
    // growing right); on a right-to-left page SVG would otherwise read text-anchor start/end from
    // the page's direction and put the labels on the wrong side. Arabic labels still read right to left.
    private static StringBuilder Open(string id, string title, string description, int width, int height, string cssClass = "chart") =>
        new StringBuilder()
            .Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").Append(cssClass).Append("\" role=\"img\" direction=\"ltr\" viewBox=\"0 0 ")
            .Append(width).Append(' ').Append(height).Append("\" width=\"").Append(width).Append("\" height=\"").Append(height).Append("\" aria-labelledby=\"").Append(Encoder.Encode(id)).Append("-title ")
            .Append(Encoder.Encode(id)).Append("-desc\"><title id=\"").Append(Encoder.Encode(id)).Append("-title\">").Append(Encoder.Encode(title))
            .Append("</title><desc id=\"").Append(Encoder.Encode(id)).Append("-desc\">").Append(Encoder.Encode(description)).Append("</desc>");

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static string Line(double x1, double y1, double x2, double y2, string cssClass) =>
        $"<line class=\"{cssClass}\" x1=\"{Number(x1)}\" y1=\"{Number(y1)}\" x2=\"{Number(x2)}\" y2=\"{Number(y2)}\"/>";

    // Each label isolated: inside the left-to-right drawing an Arabic date ("4/11/2026" with its
    // right-to-left marks) would otherwise read "42026/11/".
    private static string Text(double x, double y, string text, string anchor, string cssClass) =>
        $"<text class=\"{cssClass}\" x=\"{Number(x)}\" y=\"{Number(y)}\" text-anchor=\"{anchor}\">{Encoder.Encode(Bidi.Isolate(text))}</text>";

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Shorten(string text, int max) =>
        new StringInfo(text).LengthInTextElements <= max ? text : new StringInfo(text).SubstringByTextElements(0, max - 1) + "…";

    /// <summary>1, 2, 5 × 10ⁿ at or above the value, so the axis reads in round numbers.</summary>
    internal static int NiceCeiling(int value)
    {
        var magnitude = 1;
        while (true)
        {
            foreach (var step in new[] { 1, 2, 5 })
                if (step * magnitude >= value)
                    return step * magnitude;
            if (magnitude > int.MaxValue / 10)
                return value;
            magnitude *= 10;
        }
    }
}
