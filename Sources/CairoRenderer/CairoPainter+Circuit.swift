import CCairo
import Foundation
import Plotting

extension CairoPainter {
    /// Edges first (under the nodes), then nodes with their sparklines, then labels.
    func paintCircuit(_ circuit: CircuitLayout) {
        if let title = circuit.title { text.draw(title, on: cr) }
        for edge in circuit.edges { paintEdge(edge) }
        for node in circuit.nodes {
            cairo_save(cr)
            cairo_new_sub_path(cr)
            cairo_arc(cr, node.center.x, node.center.y, node.radius, 0, 2 * Double.pi)
            setColor(node.color.tinted(node.role == .output ? 0.8 : 0.82))
            cairo_fill_preserve(cr)
            setColor(node.color)
            cairo_set_line_width(cr, node.role == .output ? 1.4 : 1.1)
            cairo_stroke(cr)
            if node.sparkline.count >= 2 {
                // Zero line, then the filter.
                setColor(node.color, opacity: 0.45)
                cairo_set_line_width(cr, 0.4)
                strokeSegment(LayoutPoint(x: node.sparkline[0].x, y: node.center.y),
                              LayoutPoint(x: node.sparkline[node.sparkline.count - 1].x, y: node.center.y))
                setColor(node.color)
                cairo_set_line_width(cr, 1.0)
                cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
                polyline(node.sparkline)
                cairo_stroke(cr)
            }
            cairo_restore(cr)
            text.draw(node.label, on: cr)
        }
        for edge in circuit.edges { if let label = edge.weightLabel { text.draw(label, on: cr) } }
    }

    /// Stroke from the source circle; excitatory edges end in a filled arrowhead whose tip touches the
    /// target's outer gap, inhibitory edges in a perpendicular bar.
    func paintEdge(_ edge: CircuitEdgeLayout) {
        cairo_save(cr)
        defer { cairo_restore(cr) }
        setColor(edge.color)
        let dx = edge.tip.x - edge.start.x, dy = edge.tip.y - edge.start.y
        let length = max(hypot(dx, dy), 1e-9)
        let ux = dx / length, uy = dy / length
        let w = edge.widthPoints
        cairo_set_line_width(cr, w)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        strokeSegment(edge.start, edge.end)
        if edge.isExcitatory {
            let half = 1.6 * w + 1.4
            polyline([edge.tip,
                      LayoutPoint(x: edge.end.x - uy * half, y: edge.end.y + ux * half),
                      LayoutPoint(x: edge.end.x + uy * half, y: edge.end.y - ux * half)])
            cairo_close_path(cr)
            cairo_fill(cr)
        } else {
            let half = (3 * w + 5) / 2
            cairo_set_line_width(cr, max(w, 1.2))
            strokeSegment(LayoutPoint(x: edge.tip.x - uy * half, y: edge.tip.y + ux * half),
                          LayoutPoint(x: edge.tip.x + uy * half, y: edge.tip.y - ux * half))
        }
    }
}
