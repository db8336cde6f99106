/// Fixes the placement of `.automatic` legends before a catalogue figure leaves the catalogue.
///
/// Why: the layout engine sizes grid tracks from a first pass and decides automatic legends again
/// in the second; a legend that goes outside in the narrow first-pass frame but fits inside the
/// wider second-pass frame leaves its column wider than its neighbours (unequal plot areas under
/// equal weights). With the placement fixed, both passes agree. The corner is chosen on the layout
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
