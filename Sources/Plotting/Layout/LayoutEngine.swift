/// Computes a ``FigureLayout`` from a ``FigureSpec``: grid tracks → panel frames → margins per panel
/// (letter, title, tick labels, axis labels, outside legends) → margins equalised across panels that
/// share a grid column edge or row edge (so plot areas line up) → final axes, ticks, legends, colour
/// bars and circuit geometry.
///
/// Pure and deterministic for a given ``TextMeasurer``.
public struct LayoutEngine {
    public var measurer: any TextMeasurer

    public init(measurer: any TextMeasurer = ApproximateTextMeasurer()) {
        self.measurer = measurer
    }

    /// Plan of one panel between the margin pass and the final pass.
    struct PanelPlan {
        var margins: Margins
        /// Per stack member (or the single axes): legend reserved outside on the right.
        var legendOutside: [Bool]
        /// Stack only: each member's own margins (top/bottom of inner members become gaps).
        var memberMargins: [Margins]
        var participatesInColumns: Bool
        var participatesInRows: Bool
    }

    public func layout(_ spec: FigureSpec) -> FigureLayout {
        let style = spec.style
        let pad = style.figurePaddingPoints
        let width = spec.widthPoints - 2 * pad, height = spec.heightPoints - 2 * pad
        var columns = Self.tracks(spec.grid.columns, start: pad, total: width, gap: spec.grid.columnGapPoints)
        var rows = Self.tracks(spec.grid.rows, start: pad, total: height, gap: spec.grid.rowGapPoints)
        var frames = spec.panels.map { Self.frame(of: $0.cell, columns: columns, rows: rows) }
        var plans = spec.panels.indices.map { i in plan(spec.panels[i], frame: frames[i], style: style) }
        equalize(&plans, panels: spec.panels)

        // Second pass: weights apply to plot areas, not panel frames (a panel with tick labels gets
        // a wider track so that its plot area matches its neighbours').
        if spec.grid.weightsApplyToPlotAreas {
            let columnNeeds = needs(plans, spec.panels, count: columns.count, horizontal: true)
            let rowNeeds = needs(plans, spec.panels, count: rows.count, horizontal: false)
            columns = Self.tracks(spec.grid.columns, start: pad, total: width, gap: spec.grid.columnGapPoints, needs: columnNeeds)
            rows = Self.tracks(spec.grid.rows, start: pad, total: height, gap: spec.grid.rowGapPoints, needs: rowNeeds)
            frames = spec.panels.map { Self.frame(of: $0.cell, columns: columns, rows: rows) }
            // Keep the first pass's outside/inside decisions of automatic legends: the tracks were sized
            // for them, and deciding again in the resized frame (a legend that now fits inside) would
            // leave its column wider than its neighbours.
            let first = plans
            plans = spec.panels.indices.map { i in
                plan(spec.panels[i], frame: frames[i], style: style, frozenLegends: first[i].legendOutside)
            }
            equalize(&plans, panels: spec.panels)
        }

        let panels = spec.panels.indices.map { i -> PanelLayout in
            let panel = spec.panels[i]
            let frame = frames[i]
            let letter = panel.letter.map {
                placed($0, at: LayoutPoint(x: frame.minX, y: frame.minY), .left, .top,
                       size: style.panelLetterPoints, bold: true, color: style.textColor)
            }
            var content = finalContent(panel, frame: frame, plan: plans[i], style: style)
            if let letter { content = Self.clearing(letter.box, content, gap: style.panelLetterPoints / 4, maxX: frame.maxX) }
            return PanelLayout(index: i, frame: frame, letter: letter, content: content)
        }
        return FigureLayout(widthPoints: spec.widthPoints, heightPoints: spec.heightPoints, panels: panels)
    }

    /// Moves a title right when it would touch the panel letter (a long title centred over a narrow
    /// panel), leaving `gap` points after the letter; never past `maxX` (the panel's right edge).
    /// Titles that do not share the letter's line are left alone.
    static func clearing(_ letter: LayoutRect, _ content: ContentLayout, gap: Double, maxX: Double) -> ContentLayout {
        func fix(_ title: PlacedText?) -> PlacedText? {
            guard var t = title else { return nil }
            let sameLine = t.box.y < letter.y + letter.height && letter.y < t.box.y + t.box.height
            let needed = letter.x + letter.width + gap - t.box.x
            guard sameLine, needed > 0 else { return t }
            let shift = min(needed, max(0, maxX - (t.box.x + t.box.width)))
            t.anchor.x += shift
            t.box.x += shift
            return t
        }
        switch content {
        case .axes(var a):
            a.title = fix(a.title)
            return .axes(a)
        case .stack(var members):
            for k in members.indices { members[k].title = fix(members[k].title) }
            return .stack(members)
        case .circuit(var c):
            c.title = fix(c.title)
            return .circuit(c)
        case .colorBar, .blank:
            return content
        }
    }

    /// Margin space (left + right, or top + bottom) each track needs: the largest over the single-span
    /// panels in it that align with their neighbours.
    func needs(_ plans: [PanelPlan], _ panels: [Panel], count: Int, horizontal: Bool) -> [Double] {
        var result = [Double](repeating: 0, count: count)
        for (plan, panel) in zip(plans, panels) {
            let span = horizontal ? panel.cell.columnSpan : panel.cell.rowSpan
            let index = horizontal ? panel.cell.column : panel.cell.row
            let included = horizontal ? plan.participatesInColumns : plan.participatesInRows
            guard span == 1, included, index >= 0, index < count else { continue }
            let m = plan.margins
            result[index] = max(result[index], horizontal ? m.left + m.right : m.top + m.bottom)
        }
        return result
    }

    /// Start and size of each track: fixed tracks take their size, weighted tracks share the rest.
    /// With `needs`, weighted track j gets `needs[j] + p·weight_j` so that the space left after margins
    /// is shared by weight (falls back to plain weights if the margins do not fit).
    static func tracks(_ tracks: [GridTrack], start: Double, total: Double, gap: Double,
                       needs: [Double]? = nil) -> [(start: Double, size: Double)] {
        if let needs, needs.count == tracks.count {
            let weighted = tracks.indices.filter { if case .weight = tracks[$0] { return true } else { return false } }
            let fixed = tracks.reduce(0.0) { sum, t in
                if case .millimetres(let mm) = t { return sum + mm * FigureSpec.pointsPerMillimetre }
                return sum
            }
            let free = total - fixed - gap * Double(max(tracks.count - 1, 0))
            let needed = weighted.reduce(0.0) { $0 + needs[$1] }
            let weights = weighted.reduce(0.0) { sum, j in
                if case .weight(let w) = tracks[j] { return sum + w }
                return sum
            }
            if weights > 0, free - needed > 0 {
                let perWeight = (free - needed) / weights
                var position = start
                return tracks.indices.map { j in
                    let size: Double
                    switch tracks[j] {
                    case .millimetres(let mm): size = mm * FigureSpec.pointsPerMillimetre
                    case .weight(let w): size = needs[j] + perWeight * w
                    }
                    defer { position += size + gap }
                    return (position, size)
                }
            }
        }
        return plainTracks(tracks, start: start, total: total, gap: gap)
    }

    static func plainTracks(_ tracks: [GridTrack], start: Double, total: Double, gap: Double) -> [(start: Double, size: Double)] {
        let fixed = tracks.reduce(0.0) { sum, t in
            if case .millimetres(let mm) = t { return sum + mm * FigureSpec.pointsPerMillimetre }
            return sum
        }
        let weights = tracks.reduce(0.0) { sum, t in
            if case .weight(let w) = t { return sum + w }
            return sum
        }
        let free = max(total - fixed - gap * Double(max(tracks.count - 1, 0)), 0)
        var position = start
        return tracks.map { track in
            let size: Double
            switch track {
            case .millimetres(let mm): size = mm * FigureSpec.pointsPerMillimetre
            case .weight(let w): size = weights > 0 ? free * w / weights : 0
            }
            defer { position += size + gap }
            return (position, size)
        }
    }

    static func frame(of cell: GridCell, columns: [(start: Double, size: Double)],
                      rows: [(start: Double, size: Double)]) -> LayoutRect {
        guard !columns.isEmpty, !rows.isEmpty else { return LayoutRect(x: 0, y: 0, width: 0, height: 0) }
        let c0 = min(max(cell.column, 0), columns.count - 1)
        let c1 = min(max(cell.column + cell.columnSpan - 1, c0), columns.count - 1)
        let r0 = min(max(cell.row, 0), rows.count - 1)
        let r1 = min(max(cell.row + cell.rowSpan - 1, r0), rows.count - 1)
        return LayoutRect(x: columns[c0].start, y: rows[r0].start,
                          width: columns[c1].start + columns[c1].size - columns[c0].start,
                          height: rows[r1].start + rows[r1].size - rows[r0].start)
    }

    /// Margins of one panel before equalisation.
    func plan(_ panel: Panel, frame: LayoutRect, style: FigureStyle, frozenLegends: [Bool]? = nil) -> PanelPlan {
        let letterHeight = panel.letter.map {
            measurer.measure($0, sizePoints: style.panelLetterPoints, bold: true).height
        } ?? 0
        switch panel.content {
        case .axes(let axes):
            let (margins, outside) = axesMargins(axes, frame: frame, topReserve: letterHeight, style: style,
                                                 isTop: true, isBottom: true, frozenOutside: frozenLegends?.first)
            return PanelPlan(margins: margins, legendOutside: [outside], memberMargins: [margins],
                             participatesInColumns: true, participatesInRows: true)
        case .stack(let stack):
            return stackPlan(stack, frame: frame, topReserve: letterHeight, style: style, frozenLegends: frozenLegends)
        case .colorBar(let bar):
            return PanelPlan(margins: colorBarMargins(bar, frame: frame, style: style), legendOutside: [],
                             memberMargins: [], participatesInColumns: false, participatesInRows: true)
        case .circuit, .blank:
            return PanelPlan(margins: Margins(top: letterHeight), legendOutside: [], memberMargins: [],
                             participatesInColumns: false, participatesInRows: false)
        }
    }

    /// Aligns plot areas: panels starting in the same grid column share the largest left margin, panels
    /// ending at the same column edge the largest right margin; likewise top/bottom per row edge.
    func equalize(_ plans: inout [PanelPlan], panels: [Panel]) {
        func align(_ key: (GridCell) -> Int, _ side: WritableKeyPath<Margins, Double>,
                   _ included: (PanelPlan) -> Bool) {
            var largest: [Int: Double] = [:]
            for i in plans.indices where included(plans[i]) {
                largest[key(panels[i].cell), default: 0] = max(largest[key(panels[i].cell)] ?? 0, plans[i].margins[keyPath: side])
            }
            for i in plans.indices where included(plans[i]) {
                plans[i].margins[keyPath: side] = largest[key(panels[i].cell)] ?? plans[i].margins[keyPath: side]
            }
        }
        align({ $0.column }, \.left, \.participatesInColumns)
        align({ $0.column + $0.columnSpan }, \.right, \.participatesInColumns)
        align({ $0.row }, \.top, \.participatesInRows)
        align({ $0.row + $0.rowSpan }, \.bottom, \.participatesInRows)
    }

    func finalContent(_ panel: Panel, frame: LayoutRect, plan: PanelPlan, style: FigureStyle) -> ContentLayout {
        let region = frame.inset(by: plan.margins)
        switch panel.content {
        case .axes(let axes):
            return .axes(finalAxes(axes, plotRect: region, legendOutside: plan.legendOutside.first ?? false, style: style))
        case .stack(let stack):
            return .stack(finalStack(stack, region: region, plan: plan, style: style))
        case .colorBar(let bar):
            return .colorBar(finalColorBar(bar, region: region, style: style))
        case .circuit(let circuit):
            return .circuit(circuitLayout(circuit, area: region, style: style))
        case .blank:
            return .blank
        }
    }
}

extension LayoutEngine {
    /// Text of `markup` aligned on `anchor`; the box is the on-page bounding box (for rotated text the
    /// measured width runs vertically).
    func placed(_ markup: String, at anchor: LayoutPoint, _ horizontal: HorizontalAlignment,
                _ vertical: VerticalAlignment, size: Double, bold: Bool = false, rotated: Bool = false,
                color: RGBColor) -> PlacedText {
        let measured = measurer.measure(markup, sizePoints: size, bold: bold)
        let width = rotated ? measured.height : measured.width
        let height = rotated ? measured.width : measured.height
        let x: Double
        switch horizontal {
        case .left: x = anchor.x
        case .center: x = anchor.x - width / 2
        case .right: x = anchor.x - width
        }
        let y: Double
        switch vertical {
        case .top: y = anchor.y
        case .middle: y = anchor.y - height / 2
        case .bottom: y = anchor.y - height
        }
        return PlacedText(text: markup, anchor: anchor, horizontal: horizontal, vertical: vertical,
                          sizePoints: size, bold: bold, rotated: rotated, color: color,
                          box: LayoutRect(x: x, y: y, width: width, height: height))
    }

    func textHeight(_ size: Double) -> Double {
        measurer.measure("0", sizePoints: size, bold: false).height
    }

    func textWidth(_ markup: String, _ size: Double, bold: Bool = false) -> Double {
        measurer.measure(markup, sizePoints: size, bold: bold).width
    }
}
