import Foundation
import Plotting

extension FigureCatalogue {
    /// Figure id of the run overview.
    public static let overviewID = "overview"

    /// The run on one page: one row per phenomenon, in the order given (the report's order).
    ///
    /// Each row has (left) the phenomenon's headline trace — the full CNN, the reduced circuit and, when
    /// compared, the simulated retina on one time axis (ms from the condition's event) and one rate axis
    /// (Hz) of its own; (middle) the pathway types the reduced circuit keeps, one chip per kept group in
    /// the pathway colour with the type named beside it; (right) the verdict in words
    /// (``OverviewVerdict``: criteria the full model meets, whether the circuit reproduces it — never
    /// when the full model does not show it — ensemble members, causal test). A failed analysis gets a
    /// row saying so with its message. Figure id ``overviewID``; trace panels are lettered a, b, ….
    /// Throws ``FigureError/invalidInput(builder:reason:)`` for no rows.
    public static func overview(_ rows: [OverviewRow]) throws -> FigureSpec {
        try FigureBuilders.require(!rows.isEmpty, "FigureCatalogue.overview", "expected at least one phenomenon, found none")
        let maxGroups = rows.map { row -> Int in
            if case let .analysed(a) = row.outcome { return a.kept.map(\.groups).max() ?? 0 }
            return 0
        }.max() ?? 0
        var panels: [Panel] = []
        for (r, row) in rows.enumerated() {
            panels.append(Panel(.axes(CatalogueOverview.traceAxes(row)), at: GridCell(row: r, column: 0), letter: FigureSpec.letter(r)))
            // The text columns are headed once, in the first row (every row's top margin is its trace title's).
            panels.append(Panel(.axes(CatalogueOverview.textAxes(title: r == 0 ? "kept pathways" : nil)), at: GridCell(row: r, column: 1)))
            panels.append(Panel(.axes(CatalogueOverview.textAxes(title: r == 0 ? "verdict" : nil)), at: GridCell(row: r, column: 2)))
        }
        let grid = PanelGrid(rows: Array(repeating: .weight(1), count: rows.count),
                             columns: [.weight(1), .millimetres(CatalogueOverview.pathwaysMillimetres),
                                       .millimetres(CatalogueOverview.verdictMillimetres)],
                             rowGapPoints: 9, columnGapPoints: 12)
        var spec = FigureSpec(id: overviewID, caption: CatalogueOverview.caption(rows), widthMillimetres: FigureSpec.doubleColumnMillimetres,
                              heightMillimetres: Double(rows.count) * CatalogueOverview.rowMillimetres(rows) + 4, grid: grid, panels: panels)
        spec = CatalogueLegends.shared(spec)
        // The text columns are drawn in points: their data units are set to the plot area's size.
        let layout = LayoutEngine(measurer: ApproximateTextMeasurer()).layout(spec)
        for (r, row) in rows.enumerated() {
            for (column, fill) in [(1, CatalogueOverview.pathwayElements), (2, CatalogueOverview.verdictElements)] {
                let i = 3 * r + column
                guard let pl = layout.panels.first(where: { $0.index == i }), case let .axes(al) = pl.content,
                      case var .axes(a) = spec.panels[i].content else { continue }
                let size = (width: max(al.plotRect.width, 1), height: max(al.plotRect.height, 1))
                a.x.limits = .fixed(lower: 0, upper: size.width)
                a.y.limits = .fixed(lower: 0, upper: size.height)
                let elements = fill(row, size, maxGroups)
                if !elements.isEmpty { a.elements = elements }
                spec.panels[i].content = .axes(a)
            }
        }
        return spec
    }
}

/// The parts of the overview figure (``FigureCatalogue/overview(_:)``).
enum CatalogueOverview {
    /// The smallest row height: a readable trace plot between its title and its x axis.
    static let minimumRowMillimetres = 30.0
    /// Row height apart from the plot area (trace title, x tick labels, x label), mm.
    static let rowMarginMillimetres = 13.0
    static let pathwaysMillimetres = 36.0
    static let verdictMillimetres = 64.0
    /// Text line pitch of the text columns, points.
    static let linePitch = 8.4
    static let textPoints = 6.5
    static let gray = RGBColor(hex: 0x595959)

    // MARK: Traces

    /// The row's trace panel: the headline trace on its own axes, or a message.
    static func traceAxes(_ row: OverviewRow) -> Axes {
        let name = "<b>\(escaped(row.title))</b>"
        guard case let .analysed(a) = row.outcome, let t = a.trace, let lo = t.timesMs.first, let hi = t.timesMs.last, hi > lo else {
            let failed: Bool
            if case .failed = row.outcome { failed = true } else { failed = false }
            return message(failed ? "analysis failed" : "no headline trace", title: name)
        }
        var elements: [PlotElement] = t.markersMs.filter { $0 >= lo && $0 <= hi }.map { ms in
            .reference(ReferenceLine(.vertical(x: ms), style: LineStyle(color: RGBColor(hex: 0x8C8C8C), widthPoints: 0.6, dash: .dashed)))
        }
        var series: [(String, [Double], LineStyle)] = []
        if let g = t.groundTruthHz { series.append(("ground truth", g, ConditionStyle.groundTruth)) }
        series.append(("full CNN", t.fullHz, ConditionStyle.full))
        series.append(("reduced circuit", t.reducedHz, ConditionStyle.reduced))
        var values: [Double] = []
        for (label, y, style) in series {
            let pieces = CatalogueTraces.segments(x: t.timesMs, y: y.map { $0.isFinite ? $0 : nil })
            for (k, piece) in pieces.enumerated() {
                elements.append(.line(LineSeries(x: piece.x, y: piece.y, style: style, label: k == 0 ? label : nil)))
            }
            values += pieces.flatMap(\.y)
        }
        guard !values.isEmpty else { return message("no finite rates", title: name) }
        let ticks = NiceTicks.linear(lower: min(0, values.min() ?? 0), upper: max(values.max() ?? 1, 1e-9), maxCount: 4, snap: true)
        return Axes(x: AxisSpec(label: t.timeLabel, unit: "ms", limits: .fixed(lower: lo, upper: hi), ticks: .maxCount(6)),
                    y: AxisSpec(label: "rate", unit: "Hz", limits: .fixed(lower: ticks.lower, upper: ticks.upper), ticks: .values(ticks.values)),
                    title: "\(name) · \(escaped(t.condition))", elements: elements, legend: LegendSpec(placement: .automatic))
    }

    /// Axes with the trace panel's labels and a centred message instead of data.
    static func message(_ text: String, title: String) -> Axes {
        Axes(x: AxisSpec(label: "time", unit: "ms", limits: .fixed(lower: 0, upper: 1), ticks: .none),
             y: AxisSpec(label: "rate", unit: "Hz", limits: .fixed(lower: 0, upper: 1), ticks: .none), title: title,
             elements: [.text(TextAnnotation(text, x: 0.5, y: 0.5, coordinates: .axesFraction, horizontalAlignment: .center,
                                             verticalAlignment: .middle, color: gray))],
             legend: .hidden)
    }

    // MARK: Text columns

    /// A frameless panel for text and chips (its elements are filled in once its size is known).
    static func textAxes(title: String?) -> Axes {
        Axes(x: .hidden(limits: .fixed(lower: 0, upper: 1)), y: .hidden(limits: .fixed(lower: 0, upper: 1)),
             title: title, elements: [.text(TextAnnotation("", x: 0, y: 1, coordinates: .axesFraction))], legend: .hidden)
    }

    /// The kept pathway types, one line each: a chip per kept group, then the type's name.
    static func pathwayElements(_ row: OverviewRow, _ size: (width: Double, height: Double), _ maxGroups: Int) -> [PlotElement] {
        guard case let .analysed(a) = row.outcome else { return [line("—", 0, size, color: gray)] }
        guard !a.kept.isEmpty else { return [line("none kept", 0, size, color: gray)] }
        let labelRoom = 46.0, gap = 1.6
        let chip = min(7.0, max(2.5, (size.width - labelRoom) / Double(max(maxGroups, 1)) - gap))
        let labelX = Double(max(maxGroups, 1)) * (chip + gap) + 2.5
        var out: [PlotElement] = []
        let pitch = min(linePitch + 1.6, (size.height - 1) / Double(a.kept.count))
        let chipHeight = min(6, pitch - 1)
        for (k, p) in a.kept.enumerated() {
            let top = size.height - Double(k) * pitch - 1
            let bottom = top - chipHeight
            for g in 0..<p.groups {
                let x0 = Double(g) * (chip + gap)
                out.append(.band(Band(x: [x0, x0 + chip], lower: [bottom, bottom], upper: [top, top], color: p.color, opacity: 1)))
            }
            let label = p.groups > 1 ? "\(p.groups) × \(p.label)" : p.label
            out.append(.text(TextAnnotation(escaped(label), x: labelX, y: (top + bottom) / 2, horizontalAlignment: .left,
                                            verticalAlignment: .middle, sizePoints: textPoints)))
        }
        return out
    }

    /// The height of every row: room for the longest verdict or pathway list under the trace's title
    /// and above its x axis, and never less than ``minimumRowMillimetres``.
    static func rowMillimetres(_ rows: [OverviewRow]) -> Double {
        let width = verdictMillimetres * FigureSpec.pointsPerMillimetre
        let lines = rows.map { row -> Int in
            let kept: Int
            if case let .analysed(a) = row.outcome { kept = a.kept.count } else { kept = 1 }
            return max(verdictLines(row, width: width).count, kept)
        }.max() ?? 1
        let text = (Double(lines) * linePitch + 4) / FigureSpec.pointsPerMillimetre
        return max(minimumRowMillimetres, rowMarginMillimetres + text)
    }

    /// The verdict's lines in a column `width` points wide: one item a line, a value that does not
    /// fit after its key on the next lines (indented, at most three).
    static func verdictLines(_ row: OverviewRow, width limit: Double) -> [(text: String, indent: Bool)] {
        var lines: [(text: String, indent: Bool)] = []
        for (key, value) in verdictItems(row) {
            let joined = "\(escaped(key)) <b>\(escaped(value))</b>"
            if width(joined) <= limit {
                lines.append((joined, false))
            } else {
                lines.append((escaped(key), false))
                for piece in wrapped(value, width: limit - 6, maxLines: 3) { lines.append(("<b>\(escaped(piece))</b>", true)) }
            }
        }
        return lines
    }

    /// The verdict, every line of it: the pitch shrinks when the plot area came out lower than the
    /// row height allowed for (no line is ever dropped).
    static func verdictElements(_ row: OverviewRow, _ size: (width: Double, height: Double), _ maxGroups: Int) -> [PlotElement] {
        let lines = verdictLines(row, width: size.width)
        let pitch = min(linePitch, (size.height - 1) / Double(max(lines.count, 1)))
        return lines.enumerated().map { k, l in
            .text(TextAnnotation(l.text, x: l.indent ? 6 : 0, y: size.height - Double(k) * pitch, horizontalAlignment: .left,
                                 verticalAlignment: .top, sizePoints: textPoints))
        }
    }

    /// The verdict as (key, value) pairs, the words of ``OverviewVerdict``.
    static func verdictItems(_ row: OverviewRow) -> [(String, String)] {
        switch row.outcome {
        case let .failed(message):
            return [("Analysis failed:", message), ("Details:", "in the phenomenon's section")]
        case let .analysed(a):
            let v = a.verdict
            var items = [("Full model shows it:", v.showsText), ("Reduced circuit reproduces it:", v.reproductionText)]
            if let m = v.membersText { items.append(("Ensemble members showing it:", m)) }
            if let c = v.causalText { items.append(("Causal test:", c)) }
            return items
        }
    }

    /// One plain line of the text columns at line `k`.
    static func line(_ text: String, _ k: Int, _ size: (width: Double, height: Double), color: RGBColor = .black) -> PlotElement {
        .text(TextAnnotation(escaped(text), x: 0, y: size.height - Double(k) * linePitch, horizontalAlignment: .left,
                             verticalAlignment: .top, sizePoints: textPoints, color: color))
    }

    // MARK: Caption

    static func caption(_ rows: [OverviewRow]) -> String {
        let analysed = rows.compactMap { row -> OverviewRow.Analysed? in
            if case let .analysed(a) = row.outcome { return a }
            return nil
        }
        let groundTruth = analysed.contains { $0.trace?.groundTruthHz != nil }
        let members = analysed.contains { $0.verdict.members != nil }
        let causal = analysed.contains { $0.verdict.causalText != nil }
        let letters = rows.count == 1 ? "a" : "a–\(FigureSpec.letter(rows.count - 1))"
        return "The run at a glance: one row per analysed phenomenon, in the order of the report's sections. "
            + "Left (\(letters)): the mean rate of the explained cells (Hz) in one stimulus condition of the phenomenon, "
            + "named after the phenomenon, against time (ms) from the event the x axis names (dashed line); "
            + CatalogueText.modelStyles(groundTruth: groundTruth, sentence: false) + " Each row has its own axes. "
            + "Middle: the pathway types of the first-layer groups the reduced circuit keeps, most important first, one chip per "
            + "kept group in the pathway colour (ON vermillion, ON slow orange, OFF blue, OFF slow sky blue). "
            + "Right: the verdict. Full model shows it: how many of the phenomenon's acceptance criteria the full CNN meets; it "
            + "shows the phenomenon only when it meets all of them. Reduced circuit reproduces it: whether the circuit meets every "
            + "criterion the full model meets — “—” when the full model does not show the phenomenon, since there is then nothing "
            + "to reproduce."
            + (members ? " Ensemble members showing it: how many members alone meet every criterion." : "")
            + (causal ? " Causal test: silencing the kept groups in the full CNN removes the phenomenon (necessary); "
                + "silencing everything else keeps it (sufficient); n/a when the full CNN does not show it." : "")
            + (rows.count > analysed.count ? " A failed analysis says so in its row." : "")
    }

    // MARK: Text

    /// `text` safe inside Pango markup.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Width of `markup` at the text size, points (generous, so text measured to fit does fit with Pango).
    static func width(_ markup: String) -> Double {
        CatalogueLegends.Generous().measure(markup, sizePoints: textPoints, bold: markup.contains("<b>")).width
    }

    /// `text` broken at spaces into lines at most `width` points wide (bold), at most `maxLines`; the
    /// last line ends in "…" when text was left out.
    static func wrapped(_ text: String, width limit: Double, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if current.isEmpty || width("<b>\(escaped(candidate))</b>") <= limit {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        guard lines.count > maxLines else { return lines }
        var kept = Array(lines.prefix(maxLines))
        var last = kept[maxLines - 1]
        while !last.isEmpty, width("<b>\(escaped(last + " …"))</b>") > limit { last = String(last.dropLast()) }
        kept[maxLines - 1] = last + " …"
        return kept
    }
}
