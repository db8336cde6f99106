import Foundation

extension LayoutEngine {
    /// Geometry of a circuit diagram inside `area`.
    ///
    /// - Labels: pathway labels left of their nodes (right-aligned); the output label right of the
    ///   output node, where no edge arrives.
    /// - Radius r = min(0.3 · smallest vertical distance between pathway centres, 0.16 · H, 0.08 · W,
    ///   (W − label widths − 2 pad) / 7.1). With s the smallest spacing in unit-square terms and H the
    ///   drawing height the distance is s·(H − 2.2 r), hence the first bound is 0.3 s H / (1 + 0.66 s);
    ///   the last keeps ≥ 5 r of edge between the node columns. The output node has 1.1 r.
    /// - Positions: y ∈ 0…1 maps to the height inside the outer nodes' radii; x ∈ 0…1 maps to at most
    ///   11 r between the pathway column and the output, centred in the width left by the labels.
    /// - Edges run centre to centre, from the source circle to 1.5 pt outside the target circle; the
    ///   arrowhead (excitatory, length 2.2·w + 3) or bar (inhibitory) sits at the end, w = stroke width.
    func circuitLayout(_ circuit: CircuitDiagram, area: LayoutRect, style: FigureStyle) -> CircuitLayout {
        let pad = style.labelPaddingPoints
        let labelSize = style.axisLabelPoints
        var region = area
        let title = circuit.title.map { text -> PlacedText in
            let t = placed(text, at: LayoutPoint(x: area.midX, y: area.minY), .center, .top, size: style.titlePoints,
                           color: style.textColor)
            region = region.inset(by: Margins(top: t.box.height + pad))
            return t
        }
        let pathways = circuit.nodes.filter { $0.role == .pathway }
        let widestLabel = pathways.map { textWidth($0.label, labelSize) }.max() ?? 0
        let outputLabel = circuit.nodes.filter { $0.role == .output }.map { textWidth($0.label, labelSize) }.max() ?? 0
        let ys = pathways.map(\.y).sorted()
        let spacing = zip(ys.dropFirst(), ys).map { $0 - $1 }.filter { $0 > 0 }.min() ?? 1

        let drawingHeight = max(region.height, 1)
        // Horizontally: labels, pathway node, ≥ 5 r of edge, output node, output label must fit.
        let widthBound = (region.width - widestLabel - outputLabel - 2 * pad - 1) / 7.1
        let radius = max(min(0.3 * spacing * drawingHeight / (1 + 0.66 * spacing), 0.16 * drawingHeight, 0.08 * region.width,
                             widthBound), 2)
        let outputRadius = 1.1 * radius
        // Horizontal extent at most 11 r between the node columns; the drawing is centred.
        let labelSpace = widestLabel + pad + radius
        let available = max(region.width - labelSpace - outputRadius - pad - outputLabel - 1, 0)
        let span = min(available, 11 * radius)
        let left = region.minX + labelSpace + (available - span) / 2
        let right = left + span
        let top = region.minY + outputRadius
        let bottom = region.maxY - outputRadius
        func center(_ node: CircuitNode) -> LayoutPoint {
            LayoutPoint(x: left + node.x * max(right - left, 0), y: top + node.y * max(bottom - top, 0))
        }

        let nodes = circuit.nodes.map { node -> CircuitNodeLayout in
            let c = center(node)
            let r = node.role == .output ? outputRadius : radius
            let label = node.role == .output
                ? placed(node.label, at: LayoutPoint(x: c.x + r + pad, y: c.y), .left, .middle, size: labelSize,
                         color: style.textColor)
                : placed(node.label, at: LayoutPoint(x: c.x - r - pad, y: c.y), .right, .middle, size: labelSize,
                         color: style.textColor)
            return CircuitNodeLayout(id: node.id, center: c, radius: r, role: node.role, color: node.color,
                                     label: label, sparkline: sparkline(node.filter, center: c, radius: r))
        }
        let byID = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let edges = circuit.edges.compactMap { edge -> CircuitEdgeLayout? in
            guard let a = byID[edge.from], let b = byID[edge.to] else { return nil }
            let dx = b.center.x - a.center.x, dy = b.center.y - a.center.y
            let length = hypot(dx, dy)
            guard length > a.radius + b.radius else { return nil }
            let ux = dx / length, uy = dy / length
            let width = circuit.strokeWidth(for: edge.weight)
            let start = LayoutPoint(x: a.center.x + ux * a.radius, y: a.center.y + uy * a.radius)
            let tipDistance = b.radius + 1.5
            let tip = LayoutPoint(x: b.center.x - ux * tipDistance, y: b.center.y - uy * tipDistance)
            let head = edge.isExcitatory ? 2.2 * width + 3 : width / 2
            let end = LayoutPoint(x: tip.x - ux * head, y: tip.y - uy * head)
            let label = edge.showsWeight ? weightLabel(circuit, edge, start: start, end: end, ux: ux, uy: uy,
                                                      width: width, style: style) : nil
            let color = a.role == .output ? PathwayPalette.ganglion : a.color
            return CircuitEdgeLayout(from: edge.from, to: edge.to, start: start, end: end, tip: tip, widthPoints: width,
                                     isExcitatory: edge.isExcitatory, color: color, weightLabel: label)
        }
        return CircuitLayout(area: area, title: title, nodes: nodes, edges: edges)
    }

    /// Weight label at 30 % along the edge (near the source, where edges are still far apart), offset to
    /// the side facing away from the neighbouring source nodes: above the stroke for an edge that runs
    /// level or down to the output, below it for one that runs up (otherwise a long label of a lower
    /// pathway sits on the node above it).
    func weightLabel(_ circuit: CircuitDiagram, _ edge: CircuitEdge, start: LayoutPoint, end: LayoutPoint,
                     ux: Double, uy: Double, width: Double, style: FigureStyle) -> PlacedText {
        let t = 0.3
        let mid = LayoutPoint(x: start.x + (end.x - start.x) * t, y: start.y + (end.y - start.y) * t)
        let below = end.y < start.y - 1e-9
        // Unit normal pointing up (negative y) on the page, or down for a rising edge.
        var nx = uy, ny = -ux
        if (ny > 0) != below { nx = -nx; ny = -ny }
        let offset = width / 2 + 1.5
        let anchor = LayoutPoint(x: mid.x + nx * offset, y: mid.y + ny * offset)
        // Starting at the anchor (not centred on it) keeps a long label of a level edge off the source node.
        let horizontal: HorizontalAlignment = nx < -0.3 ? .right : .left
        return placed(circuit.edgeLabel(edge), at: anchor, horizontal, below ? .top : .bottom, size: style.annotationPoints,
                      color: style.textColor)
    }

    /// The filter normalised to the node: x across 1.3 r, amplitude ±0.42 r (max |f| = 0.42 r), zero at
    /// the centre line; upward on the page is positive.
    func sparkline(_ filter: [Double]?, center: LayoutPoint, radius: Double) -> [LayoutPoint] {
        guard let filter, filter.count >= 2 else { return [] }
        let peak = filter.map(abs).max() ?? 0
        let scale = peak > 0 ? 0.42 * radius / peak : 0
        let width = 1.3 * radius
        return filter.indices.map { i in
            LayoutPoint(x: center.x - width / 2 + width * Double(i) / Double(filter.count - 1),
                        y: center.y - filter[i] * scale)
        }
    }
}
