/// Everything that can be drawn inside ``Axes``, in data coordinates.
public enum PlotElement: Codable, Sendable, Equatable {
    case line(LineSeries)
    case band(Band)
    case scatter(ScatterSeries)
    case step(StepSeries)
    case blocks(BlockTrace)
    case span(Span)
    case reference(ReferenceLine)
    case text(TextAnnotation)
    case heatmap(Heatmap)
    case scaleBar(ScaleBar)

    /// A short name for error messages ("line 'full model'", "heatmap 8×100").
    public var summary: String {
        func named(_ kind: String, _ label: String?) -> String {
            label.map { "\(kind) '\($0)'" } ?? kind
        }
        switch self {
        case .line(let s): return named("line", s.label)
        case .band(let s): return named("band", s.label)
        case .scatter(let s): return named("scatter", s.label)
        case .step(let s): return named("step", s.label)
        case .blocks(let s): return named("blocks", s.label)
        case .span(let s): return named("span", s.label)
        case .reference(let s): return named("reference line", s.label)
        case .text(let s): return "text '\(s.text)'"
        case .heatmap(let s): return "heatmap \(s.rows)×\(s.columns)"
        case .scaleBar(let s): return "scale bar '\(s.label)'"
        }
    }
}
