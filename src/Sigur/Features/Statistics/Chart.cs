using System.Globalization;
using System.Net;
using System.Text;

namespace Sigur.Features.Statistics;

public enum ChartKind { Bar, Stacked, Line }

/// <summary>
/// A cross-table as an SVG chart, drawn on the server: grouped or stacked bars, or lines (a line per row across the
/// columns, for years). Fills differ in lightness as well as hue and every bar carries its figure, so the chart
/// stays readable printed in grey. Withheld cells are drawn as nothing and marked "c".
/// </summary>
public static class Chart
{
    private static readonly string[] Fills = ["#0b4f6c", "#2a8fbd", "#9ccbe3", "#d95f02", "#fdb863", "#5e3c99", "#b2abd2", "#1b9e77", "#66a61e", "#e7298a", "#7f7f7f", "#a6761d"];

    private static string F(double d) => d.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <param name="categoryLabel">A category's label for the reader (dimension, category); the category itself where omitted.</param>
    /// <param name="totalLabel">The word for the single total column of a table without columns.</param>
    public static string Svg(PublishedTable t, ChartKind kind, string title, Func<string?, string, string>? categoryLabel = null, string totalLabel = "Total")
    {
        var nameOf = categoryLabel ?? ((_, category) => category);
        // Series are the rows; the x axis is the columns (or the single total column).
        List<string> xs = t.ColumnCategories.Count > 0 ? [.. t.ColumnCategories.Select(c => nameOf(t.Columns, c))] : [totalLabel];
        var series = t.RowCategories.Select(r => nameOf(t.Rows, r)).ToList();
        int? V(int s, int x) => t.Cells[s][t.ColumnCategories.Count > 0 ? x : t.ColumnCategories.Count];
        var max = 1.0;
        for (var x = 0; x < xs.Count; x++)
        {
            var stack = 0;
            for (var s = 0; s < series.Count; s++)
            {
                var v = V(s, x) ?? 0;
                max = Math.Max(max, v);
                stack += v;
            }
            if (kind == ChartKind.Stacked) max = Math.Max(max, stack);
        }
        var step = Math.Pow(10, Math.Floor(Math.Log10(max)));
        var top = Math.Ceiling(max / step) * step;
        const int left = 56, right = 16, plotTop = 16, plotHeight = 240, labelBand = 40, legendRow = 18;
        var barWidth = kind == ChartKind.Bar ? 14 : 28;
        var groupWidth = kind == ChartKind.Bar ? Math.Max(60, series.Count * (barWidth + 2) + 20) : 64;
        var width = left + right + Math.Max(1, xs.Count) * groupWidth;
        var legendTop = plotTop + plotHeight + labelBand;
        var height = legendTop + legendRow * ((series.Count + 2) / 3) + 24;
        double Y(double v) => plotTop + plotHeight - plotHeight * v / top;

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{E(title)}\" font-family=\"sans-serif\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{E(title)}</title>");
        for (var i = 0; i <= 4; i++)
        {
            var value = top * i / 4;
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{F(Y(value))}\" y2=\"{F(Y(value))}\" stroke=\"#c9d1d9\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{F(Y(value) + 4)}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1f24\">{F(value)}</text>");
        }
        for (var x = 0; x < xs.Count; x++)
        {
            var x0 = left + x * groupWidth + 10;
            var center = left + x * groupWidth + groupWidth / 2.0;
            double stack = 0;
            for (var s = 0; s < series.Count; s++)
            {
                var v = V(s, x);
                var fill = Fills[s % Fills.Length];
                var label = $"{series[s]} · {xs[x]}: {CrossTab.Format(v)}";
                switch (kind)
                {
                    case ChartKind.Bar:
                        var bx = x0 + s * (barWidth + 2);
                        if (v is { } bv)
                        {
                            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{bx}\" y=\"{F(Y(bv))}\" width=\"{barWidth}\" height=\"{F(plotTop + plotHeight - Y(bv))}\" fill=\"{fill}\" stroke=\"#1b1f24\" stroke-width=\"0.5\"><title>{E(label)}</title></rect>");
                            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(bx + barWidth / 2.0)}\" y=\"{F(Y(bv) - 3)}\" text-anchor=\"middle\" font-size=\"9\" fill=\"#1b1f24\">{bv}</text>");
                        }
                        else sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(bx + barWidth / 2.0)}\" y=\"{plotTop + plotHeight - 4}\" text-anchor=\"middle\" font-size=\"9\" fill=\"#4a5560\">c</text>");
                        break;
                    case ChartKind.Stacked:
                        if (v is { } sv && sv > 0)
                        {
                            var y1 = Y(stack + sv);
                            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(center - barWidth / 2.0)}\" y=\"{F(y1)}\" width=\"{barWidth}\" height=\"{F(Y(stack) - y1)}\" fill=\"{fill}\" stroke=\"#1b1f24\" stroke-width=\"0.5\"><title>{E(label)}</title></rect>");
                            stack += sv;
                        }
                        break;
                    case ChartKind.Line:
                        if (v is { } lv)
                        {
                            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(center)}\" cy=\"{F(Y(lv))}\" r=\"3.5\" fill=\"{fill}\"><title>{E(label)}</title></circle>");
                            if (x > 0 && V(s, x - 1) is { } prev)
                                sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(center - groupWidth)}\" y1=\"{F(Y(prev))}\" x2=\"{F(center)}\" y2=\"{F(Y(lv))}\" stroke=\"{fill}\" stroke-width=\"2\" stroke-dasharray=\"{(s % 3 == 0 ? "" : s % 3 == 1 ? "6 3" : "2 2")}\"/>");
                        }
                        break;
                }
            }
            if (kind == ChartKind.Stacked && t.Cells[t.RowCategories.Count][t.ColumnCategories.Count > 0 ? x : t.ColumnCategories.Count] is { } total)
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(center)}\" y=\"{F(Y(stack) - 3)}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#1b1f24\">{total}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(center)}\" y=\"{plotTop + plotHeight + 16}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1b1f24\">{E(xs[x])}</text>");
        }
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{plotTop + plotHeight}\" y2=\"{plotTop + plotHeight}\" stroke=\"#1b1f24\"/>");
        for (var s = 0; s < series.Count; s++)
        {
            var lx = left + (s % 3) * 180;
            var ly = legendTop + (s / 3) * legendRow;
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{lx}\" y=\"{ly}\" width=\"12\" height=\"12\" fill=\"{Fills[s % Fills.Length]}\" stroke=\"#1b1f24\" stroke-width=\"0.5\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{lx + 16}\" y=\"{ly + 10}\" font-size=\"11\" fill=\"#1b1f24\">{E(series[s])}</text>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }
}
