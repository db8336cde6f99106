import Plotting
/// Fixes the placement of `.automatic` legends before a catalogue figure leaves the catalogue.
///
/// Why: the layout engine decides an automatic legend's inside/outside in its first pass (and keeps
/// that decision when it resizes the tracks), in the narrow first-pass frame, where a legend that
/// would fit inside the final plot area can go outside. Resolving here, on the layout with those
/// legends hidden, puts it inside when a corner of the final plot area is free. The corner is chosen on the layout
/// with those legends hidden (the plot areas the figure gets when they go inside): the first free
/// corner (top-right, top-left, bottom-right, bottom-left) whose box crosses no data; outside right
/// if none is free. Text is measured with ``ApproximateTextMeasurer`` (within ~10 % of Pango) widened by 12 %, so a
/// corner found free stays free with Pango's metrics.
enum CatalogueLegends {
    static func resolved(_ spec: FigureSpec) -> FigureSpec {
        var hidden = spec
        var automatic: [(panel: Int, member: Int?)] = []
        for (i, panel) in spec.panels.enumerated() {
            switch panel.content {
            case .axes(var a) where a.legend.placement == .automatic:
                automatic.append((i, nil))
                a.legend.placement = .hidden
                hidden.panels[i].content = .axes(a)
            case .stack(var s):
                for k in s.members.indices where s.members[k].legend.placement == .automatic {
                    automatic.append((i, k))
                    s.members[k].legend.placement = .hidden
                }
                hidden.panels[i].content = .stack(s)
            default:
                break
            }
        }
        guard !automatic.isEmpty else { return spec }
        let engine = LayoutEngine(measurer: Generous())
        let layout = engine.layout(hidden)
        var out = spec
        for (i, member) in automatic {
            guard let panelLayout = layout.panels.first(where: { $0.index == i }) else { continue }
            switch (spec.panels[i].content, panelLayout.content, member) {
            case (.axes(var a), .axes(let al), nil):
                a.legend.placement = placement(a, al, engine, spec.style)
                out.panels[i].content = .axes(a)
            case (.stack(var s), .stack(let layouts), let k?) where k < layouts.count:
                if case .stack(let current) = out.panels[i].content { s = current }
                s.members[k].legend.placement = placement(s.members[k], layouts[k], engine, spec.style)
                out.panels[i].content = .stack(s)
            default:
                break
            }
        }
        return out
    }

    /// One legend for small multiples whose panels plot the same series: among the panels (or stack
    /// members) with the most legend entries, the first in reading order with a free corner gets it
    /// inside; if none has one, the last of them gets it outside right (at the figure's right edge rather
    /// than between panels). Every other legend is hidden.
    static func shared(_ spec: FigureSpec) -> FigureSpec {
        let engine = LayoutEngine(measurer: Generous())
        var hidden = spec
        var candidates: [(panel: Int, member: Int?, entries: Int)] = []
        for (i, panel) in spec.panels.enumerated() {
            switch panel.content {
            case .axes(var a):
                candidates.append((i, nil, engine.legendEntries(a).count))
                a.legend.placement = .hidden
                hidden.panels[i].content = .axes(a)
            case .stack(var s):
                for k in s.members.indices {
                    candidates.append((i, k, engine.legendEntries(s.members[k]).count))
                    s.members[k].legend.placement = .hidden
                }
                hidden.panels[i].content = .stack(s)
            default:
                break
            }
        }
        let most = candidates.map(\.entries).max() ?? 0
        guard most > 0 else { return hidden }
        let ordered = candidates.filter { $0.entries == most }
            .sorted { (spec.panels[$0.panel].cell.row, spec.panels[$0.panel].cell.column) < (spec.panels[$1.panel].cell.row, spec.panels[$1.panel].cell.column) }
        let layout = engine.layout(hidden)
        func axes(_ c: (panel: Int, member: Int?, entries: Int)) -> (Axes, AxesLayout)? {
            guard let pl = layout.panels.first(where: { $0.index == c.panel }) else { return nil }
            switch (spec.panels[c.panel].content, pl.content, c.member) {
            case (.axes(let a), .axes(let al), nil): return (a, al)
            case (.stack(let s), .stack(let ls), let k?) where k < ls.count: return (s.members[k], ls[k])
            default: return nil
            }
        }
        func set(_ c: (panel: Int, member: Int?, entries: Int), _ placement: LegendPlacement) {
            switch hidden.panels[c.panel].content {
            case .axes(var a):
                a.legend.placement = placement
                hidden.panels[c.panel].content = .axes(a)
            case .stack(var s):
                if let k = c.member { s.members[k].legend.placement = placement }
                hidden.panels[c.panel].content = .stack(s)
            default:
                break
            }
        }
        for c in ordered {
            if let (a, al) = axes(c), let corner = engine.freeCorner(for: a, in: al, style: spec.style) {
                set(c, .inside(corner))
                return hidden
            }
        }
        if let last = ordered.last { set(last, .outsideRight) }
        return hidden
    }

    static func placement(_ axes: Axes, _ layout: AxesLayout, _ engine: LayoutEngine, _ style: FigureStyle) -> LegendPlacement {
        guard !engine.legendEntries(axes).isEmpty else { return .hidden }
        return engine.freeCorner(for: axes, in: layout, style: style).map { .inside($0) } ?? .outsideRight
    }

    /// ``ApproximateTextMeasurer`` with widths × 1.12.
    struct Generous: TextMeasurer {
        func measure(_ markup: String, sizePoints: Double, bold: Bool) -> TextSize {
            var size = ApproximateTextMeasurer().measure(markup, sizePoints: sizePoints, bold: bold)
            size.width *= 1.12
            return size
        }
    }
}
