/// Checks a ``FigureSpec`` before layout and drawing, so renderers never see NaN, empty series,
/// mismatched arrays, impossible limits or a zero-size page. Throws the first problem found.
public struct FigureValidator {
    /// Largest accepted side, in millimetres (A0 is 1189 mm).
    public static let maximumMillimetres = 1200.0

    let figure: String
    var panel = "?"

    public static func validate(_ spec: FigureSpec) throws {
        var v = FigureValidator(figure: spec.id)
        try v.check(spec)
    }

    mutating func check(_ spec: FigureSpec) throws {
        let sizes = [spec.widthMillimetres, spec.heightMillimetres]
        guard sizes.allSatisfy({ $0.isFinite && $0 > 0 && $0 <= Self.maximumMillimetres }) else {
            throw FigureError.invalidSize(figure: figure, widthMillimetres: spec.widthMillimetres,
                                          heightMillimetres: spec.heightMillimetres)
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_")
        guard !spec.id.isEmpty, spec.id.allSatisfy({ allowed.contains($0) }) else {
            throw FigureError.invalidLayout(figure: figure, reason: "id must be a non-empty slug of a–z, 0–9, '-', '_'; found '\(spec.id)'")
        }
        try checkTracks(spec.grid.rows, name: "rows")
        try checkTracks(spec.grid.columns, name: "columns")
        guard !spec.panels.isEmpty else {
            throw FigureError.invalidLayout(figure: figure, reason: "expected at least one panel, found none")
        }
        for (index, p) in spec.panels.enumerated() {
            panel = p.letter.map { "'\($0)'" } ?? "#\(index)"
            let c = p.cell
            guard c.row >= 0, c.column >= 0, c.rowSpan >= 1, c.columnSpan >= 1,
                  c.row + c.rowSpan <= spec.grid.rows.count, c.column + c.columnSpan <= spec.grid.columns.count else {
                throw FigureError.invalidLayout(
                    figure: figure,
                    reason: "panel \(panel) cell (row \(c.row), column \(c.column), span \(c.rowSpan)×\(c.columnSpan)) lies outside the \(spec.grid.rows.count)×\(spec.grid.columns.count) grid")
            }
            try check(p.content)
        }
    }

    func checkTracks(_ tracks: [GridTrack], name: String) throws {
        guard !tracks.isEmpty else {
            throw FigureError.invalidLayout(figure: figure, reason: "grid needs at least one of \(name), found none")
        }
        for (i, t) in tracks.enumerated() {
            let size: Double
            switch t {
            case .weight(let w): size = w
            case .millimetres(let mm): size = mm
            }
            guard size.isFinite, size > 0 else {
                throw FigureError.invalidLayout(figure: figure, reason: "grid \(name)[\(i)] must be finite and > 0, found \(size)")
            }
        }
    }

    mutating func check(_ content: PanelContent) throws {
        switch content {
        case .axes(let axes):
            try check(axes)
        case .stack(let stack):
            guard !stack.members.isEmpty else { throw FigureError.emptyData(figure: figure, panel: panel, element: "axes stack") }
            for axes in stack.members { try check(axes) }
        case .colorBar(let bar):
            try check(bar.scale, element: "colour bar")
        case .circuit(let circuit):
            try check(circuit)
        case .blank:
            break
        }
    }

    func check(_ axes: Axes) throws {
        guard !axes.elements.isEmpty else { throw FigureError.emptyData(figure: figure, panel: panel, element: "axes") }
        for (axis, name) in [(axes.x, "x axis"), (axes.y, "y axis")] {
            if case .fixed(let lower, let upper) = axis.limits {
                guard lower.isFinite, upper.isFinite, lower < upper else {
                    throw FigureError.invalidValue(figure: figure, panel: panel, element: name,
                                                   reason: "fixed limits must be finite with lower < upper; found \(lower)…\(upper)")
                }
                if axis.scale == .log10, lower <= 0 {
                    throw FigureError.invalidValue(figure: figure, panel: panel, element: name,
                                                   reason: "log axis limits must be > 0; found lower \(lower)")
                }
            }
            if case .padded(let fraction) = axis.limits, !(fraction.isFinite && fraction >= 0) {
                throw FigureError.invalidValue(figure: figure, panel: panel, element: name,
                                               reason: "padding fraction must be finite and ≥ 0; found \(fraction)")
            }
            if case .values(let values) = axis.ticks { try finite(values, "\(name) ticks", "values") }
            if case .labeled(let marks) = axis.ticks { try finite(marks.map(\.value), "\(name) ticks", "values") }
        }
        for element in axes.elements {
            try check(element, logX: axes.x.scale == .log10, logY: axes.y.scale == .log10)
        }
    }

    func check(_ scale: ColorScale, element: String) throws {
        guard scale.lower.isFinite, scale.upper.isFinite, scale.lower < scale.upper else {
            throw FigureError.invalidValue(figure: figure, panel: panel, element: element,
                                           reason: "colour scale needs finite limits with lower < upper; found \(scale.lower)…\(scale.upper)")
        }
    }

    func check(_ circuit: CircuitDiagram) throws {
        guard !circuit.nodes.isEmpty else { throw FigureError.emptyData(figure: figure, panel: panel, element: "circuit") }
        var ids = Set<String>()
        for node in circuit.nodes {
            guard ids.insert(node.id).inserted else {
                throw FigureError.invalidValue(figure: figure, panel: panel, element: "circuit node '\(node.id)'",
                                               reason: "node ids must be unique")
            }
            try finite([node.x, node.y], "circuit node '\(node.id)'", "position")
            if let filter = node.filter { try finite(filter, "circuit node '\(node.id)'", "filter") }
        }
        for edge in circuit.edges {
            let name = "circuit edge \(edge.from)→\(edge.to)"
            guard ids.contains(edge.from), ids.contains(edge.to) else {
                throw FigureError.invalidValue(figure: figure, panel: panel, element: name,
                                               reason: "edge endpoints must be node ids; known ids: \(ids.sorted().joined(separator: ", "))")
            }
            try finite([edge.weight], name, "weight")
        }
    }

    func finite(_ values: [Double], _ element: String, _ field: String) throws {
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            throw FigureError.nonFiniteData(figure: figure, panel: panel, element: element, field: field, index: i,
                                            value: "\(values[i])")
        }
    }

    func nonEmpty(_ values: [Double], _ element: String) throws {
        if values.isEmpty { throw FigureError.emptyData(figure: figure, panel: panel, element: element) }
    }

    func sameLength(_ values: [Double], as expected: Int, _ element: String, _ field: String) throws {
        if values.count != expected {
            throw FigureError.mismatchedLengths(figure: figure, panel: panel, element: element, field: field,
                                                expected: expected, found: values.count)
        }
    }

    func positive(_ values: [Double], _ element: String, _ field: String) throws {
        if let v = values.first(where: { $0 <= 0 }) {
            throw FigureError.invalidValue(figure: figure, panel: panel, element: element,
                                           reason: "'\(field)' is on a log axis and must be > 0; found \(v)")
        }
    }
}
