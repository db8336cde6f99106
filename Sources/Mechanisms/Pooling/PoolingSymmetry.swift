import RetinaCore

/// A stimulus symmetry that lets layer-1 attributions be pooled exactly (`docs/method.md` §4.3).
public enum PoolingSymmetry: String, Codable, Sendable {
    /// Every frame spatially uniform (full-field flashes, steps): pool over x and y to channels (Eq. 3).
    case fullField
    /// Every column uniform along y (full-height bars moving along x): pool over rows to
    /// channel × column (Eq. 4).
    case verticalBars

    /// Throws ``MechanismsError/symmetryViolated(symmetry:frame:y:x:value:reference:tolerance:)`` naming
    /// the first pixel (in t, y, x order) that differs from its reference by more than
    /// `relativeTolerance · max|s|`. The reference is the frame's pixel (0, 0) for ``fullField`` and the
    /// column's top pixel (0, x) for ``verticalBars``. A gray movie always passes.
    public func check(_ movie: Movie, relativeTolerance: Float = 1e-6) throws {
        var peak: Float = 0
        for v in movie.values { peak = max(peak, abs(v)) }
        let tolerance = relativeTolerance * peak
        let (h, w) = (movie.height, movie.width)
        for t in 0..<movie.frames {
            let frame = t * h * w
            for y in 0..<h {
                for x in 0..<w {
                    let reference = self == .fullField ? movie.values[frame] : movie.values[frame + x]
                    let value = movie.values[frame + y * w + x]
                    if abs(value - reference) > tolerance {
                        throw MechanismsError.symmetryViolated(symmetry: rawValue, frame: t, y: y, x: x, value: value,
                                                               reference: reference, tolerance: tolerance)
                    }
                }
            }
        }
    }

    /// Pooled positions per channel: 1 for ``fullField``, `W1` for ``verticalBars``.
    public func columns(_ g: Conv1Geometry) -> Int { self == .fullField ? 1 : g.mapWidth }

    /// Map positions summed into one pooled value: `H1 · W1` or `H1`.
    public func positionsPerPooledUnit(_ g: Conv1Geometry) -> Int { self == .fullField ? g.mapSize : g.mapHeight }

    /// Sums a layer-1 array `[windows, C1, H1, W1]` over the pooled axes → `[windows, C1, columns]`
    /// (Double accumulation, rows added in order, so the result does not depend on the split over
    /// the two threads). No symmetry check: use ``SymmetryPooling`` for attributions.
    public func sum(_ values: [Float], windows: Int, geometry g: Conv1Geometry) -> [Float] {
        let cols = columns(g), (h1, w1) = (g.mapHeight, g.mapWidth), maps = windows * g.channels
        precondition(values.count == windows * g.unitsPerWindow, "layer-1 array does not match \(windows) windows")
        let full = self == .fullField
        return ParallelChunks.map(ranges: ParallelChunks.split(maps, parts: 2)) { range in
            var out = [Float](repeating: 0, count: range.count * cols)
            var acc = [Double](repeating: 0, count: w1)
            values.withUnsafeBufferPointer { v in
                for m in range {
                    let base = v.baseAddress! + m * h1 * w1
                    for x in 0..<w1 { acc[x] = 0 }
                    for y in 0..<h1 {
                        let row = base + y * w1
                        for x in 0..<w1 { acc[x] += Double(row[x]) }
                    }
                    let o = (m - range.lowerBound) * cols
                    if full { out[o] = Float(acc.reduce(0, +)) } else { for x in 0..<w1 { out[o + x] = Float(acc[x]) } }
                }
            }
            return out
        }.flatMap { $0 }
    }

    /// The mean over the pooled axes (`sum / positionsPerPooledUnit`), `[windows, C1, columns]`.
    public func mean(_ values: [Float], windows: Int, geometry g: Conv1Geometry) -> [Float] {
        let n = Float(positionsPerPooledUnit(g))
        return sum(values, windows: windows, geometry: g).map { $0 / n }
    }
}

/// One pooled first-layer unit: a channel (full field) or a channel at one map column (bars).
public struct PooledUnit: Codable, Sendable, Hashable, CustomStringConvertible {
    /// Layer-1 channel index.
    public var channel: Int
    /// Layer-1 map column (x), nil when pooled over the whole map.
    public var column: Int?

    public init(channel: Int, column: Int? = nil) { self.channel = channel; self.column = column }

    /// `c3` or `c3@x12`.
    public var description: String { column.map { "c\(channel)@x\($0)" } ?? "c\(channel)" }
}
