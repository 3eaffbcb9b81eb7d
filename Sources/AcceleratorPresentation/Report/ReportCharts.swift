import AcceleratorDomain
import AcceleratorStore

/// The report's SVG drawings, whose geometry is computed here and which the page's template writes
/// as they are (`{{{…}}}`): every text one holds (a stage, a sector, an amount) is escaped here,
/// in content and in attributes alike.
extension ReportHTML {
    /// One SVG or HTML element, its attribute values and text escaped; `nil` content makes it empty (`<rect …/>`).
    static func element(_ name: String, _ attributes: KeyValuePairs<String, String>, _ content: String? = nil) -> String {
        var tag = "<" + name
        for (key, value) in attributes { tag += " \(key)=\"\(escape(value))\"" }
        guard let content else { return tag + "/>\n" }
        return tag + ">" + content + "</\(name)>\n"
    }

    /// An SVG drawing of `width` × `height` user units, as wide as the page allows.
    static func drawing(_ className: String, width: Double, height: Double, label: String, _ content: String) -> String {
        element(
            "svg",
            [
                "class": className, "viewBox": "0 0 \(Int(width)) \(Int(height.rounded(.up)))", "width": "100%", "role": "img",
                "aria-label": label,
            ],
            "\n" + content)
    }

    /// A label right-aligned before a bar.
    static func axisLabel(_ text: String, x: Double, y: Double) -> String {
        element("text", ["class": "axis", "x": format(x), "y": format(y), "text-anchor": "end"], escape(text))
    }

    /// One bar per program stage, as wide as the number that reached it, with the conversion to
    /// the next stage between bars.
    static func funnelChart(_ figures: CohortFigures) -> String {
        let width = 720.0, barHeight = 44.0, gap = 26.0, labelWidth = 150.0
        let steps = figures.funnel
        let largest = Double(max(1, steps.map(\.reached).max() ?? 1))
        let height = Double(steps.count) * barHeight + Double(max(0, steps.count - 1)) * gap + 10
        let span = width - labelWidth - 10
        var svg = ""
        for (index, step) in steps.enumerated() {
            let y = Double(index) * (barHeight + gap) + 5
            let barWidth = max(2, span * Double(step.reached) / largest)
            let name = stageName(step.stage, plural: false)
            svg += axisLabel(name, x: labelWidth - 12, y: y + barHeight / 2 + 5)
            svg += element(
                "rect",
                [
                    "class": "funnel-bar stage-\(step.stage.rawValue)", "data-stage": step.stage.rawValue,
                    "x": format(labelWidth + (span - barWidth) / 2), "y": format(y), "width": format(barWidth),
                    "height": format(barHeight), "rx": "4",
                ],
                element("title", [:], escape("\(name) : \(step.reached)")))
            // The number inside its bar, or beside it when the bar is too narrow to hold it.
            let inside = barWidth >= 48
            let barRight = labelWidth + (span + barWidth) / 2
            svg += element(
                "text",
                [
                    "class": inside ? "bar-value" : "bar-value outside",
                    "x": format(inside ? labelWidth + span / 2 : barRight + 8), "y": format(y + barHeight / 2 + 6),
                    "text-anchor": inside ? "middle" : "start",
                ],
                number(step.reached))
            if step.stage.next != nil, index + 1 < steps.count {
                svg += element(
                    "text",
                    [
                        "class": "conversion", "x": format(labelWidth + span / 2), "y": format(y + barHeight + gap / 2 + 5),
                        "text-anchor": "middle",
                    ],
                    escape("↓ " + percent(step.conversionToNext)))
            }
        }
        return drawing("funnel", width: width, height: height, label: "Entonnoir du programme", svg)
    }

    /// Horizontal bars: a total and, over it, a part of it (applications and those funded).
    static func barChart(
        _ rows: [(label: String, total: Int, part: Int)], label: String, legend: (String, String),
        part: (one: String, many: String)
    ) -> String {
        guard !rows.isEmpty else { return "" }
        let width = 720.0, rowHeight = 26.0, labelWidth = 190.0, valueWidth = 150.0
        let largest = Double(max(1, rows.map(\.total).max() ?? 1))
        let span = width - labelWidth - valueWidth
        var svg = ""
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight + 4
            let totalWidth = max(1, span * Double(row.total) / largest)
            svg += axisLabel(truncated(row.label, 28), x: labelWidth - 8, y: y + 15)
            svg += element(
                "rect", ["class": "bar-total", "x": format(labelWidth), "y": format(y), "width": format(totalWidth), "height": "20"],
                element("title", [:], escape("\(row.label) : \(row.total)")))
            if row.part > 0 {
                svg += element(
                    "rect",
                    [
                        "class": "bar-part", "x": format(labelWidth), "y": format(y), "width": format(span * Double(row.part) / largest),
                        "height": "20",
                    ],
                    element("title", [:], escape("\(row.label) : \(row.part)")))
            }
            let partText = row.part > 0 ? " (\(number(row.part)) \(row.part == 1 ? part.one : part.many))" : ""
            svg += element(
                "text", ["class": "bar-label", "x": format(labelWidth + totalWidth + 6), "y": format(y + 15)],
                escape(number(row.total) + partText))
        }
        let legendY = Double(rows.count) * rowHeight + 18
        for (offset, (className, text)) in [("bar-total", legend.0), ("bar-part", legend.1)].enumerated() {
            let x = labelWidth + Double(offset) * 150
            svg += element("rect", ["class": className, "x": format(x), "y": format(legendY - 10), "width": "12", "height": "12"])
            svg += element("text", ["class": "axis", "x": format(x + 18), "y": format(legendY)], escape(text))
        }
        return drawing("bars", width: width, height: Double(rows.count) * rowHeight + 34, label: label, svg)
    }

    /// Bars of amounts (one currency), labelled with the amount.
    static func amountChart(_ rows: [(label: String, minor: Int64, text: String)], currency: String) -> String {
        guard !rows.isEmpty else { return "" }
        let width = 720.0, rowHeight = 26.0, labelWidth = 190.0, valueWidth = 150.0
        let largest = Double(max(1, rows.map(\.minor).max() ?? 1))
        let span = width - labelWidth - valueWidth
        var svg = ""
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight + 4
            let barWidth = max(1, span * Double(row.minor) / largest)
            svg += axisLabel(truncated(row.label, 28), x: labelWidth - 8, y: y + 15)
            svg += element(
                "rect", ["class": "bar-money", "x": format(labelWidth), "y": format(y), "width": format(barWidth), "height": "20"],
                element("title", [:], escape("\(row.label) : \(row.text)")))
            svg += element("text", ["class": "bar-label", "x": format(labelWidth + barWidth + 6), "y": format(y + 15)], escape(row.text))
        }
        return drawing(
            "bars funding", width: width, height: Double(rows.count) * rowHeight + 8, label: "Financement par nature en \(currency)", svg)
    }

    static func truncated(_ text: String, _ length: Int) -> String {
        text.count > length ? String(text.prefix(length - 1)) + "…" : text
    }

    static func format(_ value: Double) -> String {
        Figure.decimal(value)
    }

    /// Text made safe for HTML content and attribute values, as the templates escape theirs.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

}
