extension FigureValidator {
    /// Per-element checks: non-empty, parallel lengths, finite values, positivity on log axes.
    func check(_ element: PlotElement, logX: Bool, logY: Bool) throws {
        let name = element.summary
        func series(_ xs: [Double], _ ys: [(String, [Double])]) throws {
            try nonEmpty(xs, name)
            try finite(xs, name, "x")
            if logX { try positive(xs, name, "x") }
            for (field, values) in ys {
                try sameLength(values, as: xs.count, name, field)
                try finite(values, name, field)
                if logY { try positive(values, name, field) }
            }
        }
        switch element {
        case .line(let s):
            try series(s.x, [("y", s.y)])
        case .band(let s):
            try series(s.x, [("lower", s.lower), ("upper", s.upper)])
        case .scatter(let s):
            try series(s.x, [("y", s.y)])
            for (field, errors) in [("yError", s.yError), ("xError", s.xError)] {
                guard let errors else { continue }
                try sameLength(errors, as: s.x.count, name, field)
                try finite(errors, name, field)
                if let e = errors.first(where: { $0 < 0 }) {
                    throw FigureError.invalidValue(figure: figure, panel: panel, element: name,
                                                   reason: "'\(field)' half-lengths must be ≥ 0; found \(e)")
                }
            }
        case .step(let s):
            try nonEmpty(s.values, name)
            try sameLength(s.edges, as: s.values.count + 1, name, "edges")
            try finite(s.edges, name, "edges")
            try finite(s.values, name, "values")
        case .blocks(let s):
            try finite([s.baseline], name, "baseline")
            try finite(s.blocks.flatMap { [$0.start, $0.end, $0.level] }, name, "blocks (start, end, level)")
        case .span(let s):
            try finite([s.from, s.to], name, "from/to")
        case .reference(let r):
            switch r.geometry {
            case .vertical(let x): try finite([x], name, "x")
            case .horizontal(let y): try finite([y], name, "y")
            case .affine(let slope, let intercept): try finite([slope, intercept], name, "slope/intercept")
            }
        case .scaleBar(let b):
            try finite([b.length], name, "length")
            guard b.length > 0 else {
                throw FigureError.invalidValue(figure: figure, panel: panel, element: name, reason: "length must be > 0; found \(b.length)")
            }
        case .text(let t):
            try finite([t.x, t.y], name, "position")
        case .heatmap(let h):
            guard h.rows > 0, h.columns > 0 else { throw FigureError.emptyData(figure: figure, panel: panel, element: name) }
            try sameLength(h.values, as: h.rows * h.columns, name, "values")
            try finite(h.values, name, "values")
            try finite([h.xLower, h.xUpper, h.yLower, h.yUpper], name, "extent")
            guard h.xLower < h.xUpper, h.yLower < h.yUpper else {
                throw FigureError.invalidValue(figure: figure, panel: panel, element: name,
                                               reason: "extent must have lower < upper; found x \(h.xLower)…\(h.xUpper), y \(h.yLower)…\(h.yUpper)")
            }
            try check(h.scale, element: name)
        }
    }
}
