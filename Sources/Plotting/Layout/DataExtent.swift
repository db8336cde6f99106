/// The range of data values an axes must show, per axis; `nil` where nothing constrains it.
public struct DataExtent: Codable, Sendable, Equatable {
    public var x: ClosedRange<Double>?
    public var y: ClosedRange<Double>?

    public init(x: ClosedRange<Double>? = nil, y: ClosedRange<Double>? = nil) {
        self.x = x
        self.y = y
    }

    /// The smallest extent containing both.
    public func union(_ other: DataExtent) -> DataExtent {
        DataExtent(x: Self.merge(x, other.x), y: Self.merge(y, other.y))
    }

    static func merge(_ a: ClosedRange<Double>?, _ b: ClosedRange<Double>?) -> ClosedRange<Double>? {
        switch (a, b) {
        case let (a?, b?): return min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
        case let (a?, nil): return a
        case let (nil, b): return b
        }
    }

    static func range(_ values: [Double], positiveOnly: Bool) -> ClosedRange<Double>? {
        let usable = values.filter { $0.isFinite && (!positiveOnly || $0 > 0) }
        guard let lo = usable.min(), let hi = usable.max() else { return nil }
        return lo...hi
    }
}

extension Axes {
    /// Extent of everything drawn: lines, bands, points with their error bars, steps, blocks (and their
    /// baseline), spans along their axis, vertical/horizontal reference lines, heatmap rectangles. Text
    /// and affine reference lines do not count. On a log axis only positive values count.
    public func dataExtent() -> DataExtent {
        let xPositive = x.scale == .log10, yPositive = y.scale == .log10
        var extent = DataExtent()
        func add(xs: [Double], ys: [Double]) {
            extent = extent.union(DataExtent(x: DataExtent.range(xs, positiveOnly: xPositive),
                                             y: DataExtent.range(ys, positiveOnly: yPositive)))
        }
        for element in elements {
            switch element {
            case .line(let s): add(xs: s.x, ys: s.y)
            case .band(let s): add(xs: s.x, ys: s.lower + s.upper)
            case .scatter(let s):
                let ye = s.yError ?? Array(repeating: 0, count: s.y.count)
                let xe = s.xError ?? Array(repeating: 0, count: s.x.count)
                add(xs: zip(s.x, xe).flatMap { [$0 - $1, $0 + $1] }, ys: zip(s.y, ye).flatMap { [$0 - $1, $0 + $1] })
            case .step(let s): add(xs: s.edges, ys: s.values)
            case .blocks(let s):
                add(xs: s.blocks.flatMap { [$0.start, $0.end] }, ys: s.blocks.map(\.level) + [s.baseline])
            case .span(let s):
                if s.orientation == .vertical { add(xs: [s.from, s.to], ys: []) } else { add(xs: [], ys: [s.from, s.to]) }
            case .reference(let r):
                switch r.geometry {
                case .vertical(let v): add(xs: [v], ys: [])
                case .horizontal(let v): add(xs: [], ys: [v])
                case .affine: break
                }
            case .text, .scaleBar: break
            case .heatmap(let h): add(xs: [h.xLower, h.xUpper], ys: [h.yLower, h.yUpper])
            }
        }
        return extent
    }
}
