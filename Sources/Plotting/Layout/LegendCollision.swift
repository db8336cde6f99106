/// Whether a legend box would cover data: the figure-space geometry of each element (polyline
/// segments, band fills sampled at their x values, marker boxes and error bars, step outlines, stimulus
/// blocks, reference lines, heatmap rectangles) tested against the box. Spans (light background
/// shading) and text annotations do not count.
enum LegendCollision {
    static func collides(_ box: LayoutRect, axes: Axes, layout: AxesLayout) -> Bool {
        hits(box, axes: axes, layout: layout, stopAtFirst: true) > 0
    }

    /// Number of primitives crossing `box` (used to pick the least bad corner).
    static func hits(_ box: LayoutRect, axes: Axes, layout: AxesLayout, stopAtFirst: Bool = false) -> Int {
        var count = 0
        func polyline(_ xs: [Double], _ ys: [Double]) -> Bool {
            let points = zip(xs, ys).map { layout.point($0, $1) }
            if points.count == 1 { return box.contains(points[0]) }
            for i in 1..<max(points.count, 1) where box.intersectsSegment(points[i - 1], points[i]) {
                count += 1
                if stopAtFirst { return true }
            }
            return false
        }
        func rect(_ r: LayoutRect) -> Bool {
            if box.intersects(r) { count += 1; return stopAtFirst }
            return false
        }
        for element in axes.elements {
            switch element {
            case .line(let s):
                if polyline(s.x, s.y) { return count }
            case .band(let s):
                if polyline(s.x, s.lower) || polyline(s.x, s.upper) { return count }
                for i in s.x.indices {
                    let x = layout.xPosition(s.x[i])
                    guard x >= box.minX, x <= box.maxX else { continue }
                    let top = layout.yPosition(max(s.lower[i], s.upper[i]))
                    let bottom = layout.yPosition(min(s.lower[i], s.upper[i]))
                    if rect(LayoutRect(x: x, y: top, width: 0.001, height: bottom - top)) { return count }
                }
            case .scatter(let s):
                let half = s.marker.sizePoints / 2
                for i in s.x.indices {
                    let p = layout.point(s.x[i], s.y[i])
                    if rect(LayoutRect(x: p.x - half, y: p.y - half, width: 2 * half, height: 2 * half)) { return count }
                    if let e = s.yError?[i], polyline([s.x[i], s.x[i]], [s.y[i] - e, s.y[i] + e]) { return count }
                }
            case .step(let s):
                var xs: [Double] = [], ys: [Double] = []
                for i in s.values.indices {
                    xs += [s.edges[i], s.edges[i + 1]]
                    ys += [s.values[i], s.values[i]]
                }
                if polyline(xs, ys) { return count }
            case .blocks(let s):
                for b in s.blocks {
                    let a = layout.point(b.start, max(b.level, s.baseline)), c = layout.point(b.end, min(b.level, s.baseline))
                    if rect(LayoutRect(x: a.x, y: a.y, width: c.x - a.x, height: c.y - a.y)) { return count }
                }
            case .reference(let r):
                switch r.geometry {
                case .vertical(let x):
                    if polyline([x, x], [layout.y.lower, layout.y.upper]) { return count }
                case .horizontal(let y):
                    if polyline([layout.x.lower, layout.x.upper], [y, y]) { return count }
                case .affine(let slope, let intercept):
                    let xs = [layout.x.lower, layout.x.upper]
                    if polyline(xs, xs.map { slope * $0 + intercept }) { return count }
                }
            case .heatmap(let h):
                let a = layout.point(h.xLower, h.yUpper), c = layout.point(h.xUpper, h.yLower)
                if rect(LayoutRect(x: min(a.x, c.x), y: min(a.y, c.y), width: abs(c.x - a.x), height: abs(c.y - a.y))) {
                    return count
                }
            case .span, .text, .scaleBar:
                break
            }
        }
        return count
    }
}
