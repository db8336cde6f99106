/// A stimulus movie: `frames × height × width` contrast values, row-major (t, y, x).
///
/// Contrast units: 0 is the mean (gray) luminance, −1 is a dark pixel of unit contrast.
/// One frame lasts ``Units/frameSeconds`` (10 ms); one pixel is ``Units/pixelMicrons`` (55 µm).
/// Invariant: `values.count == frames * height * width`.
public struct Movie: Sendable, Equatable {
    public var frames: Int
    public var height: Int
    public var width: Int
    /// Row-major contrast values, index `(t * height + y) * width + x`.
    public var values: [Float]

    /// Creates a movie; traps if the value count does not match the shape.
    public init(frames: Int, height: Int, width: Int, values: [Float]) {
        precondition(frames >= 0 && height > 0 && width > 0, "Movie shape must be positive")
        precondition(values.count == frames * height * width,
                     "Movie values (\(values.count)) do not match shape \(frames)x\(height)x\(width)")
        self.frames = frames; self.height = height; self.width = width; self.values = values
    }

    /// A gray (all-zero) movie.
    public init(frames: Int, height: Int, width: Int) {
        self.init(frames: frames, height: height, width: width,
                  values: [Float](repeating: 0, count: frames * height * width))
    }

    /// Largest contrast magnitude a movie read from a file may hold. Physical contrasts lie within
    /// a few units (−1 is black); at 10³⁰ the network's sums overflow Float and every rate becomes 0 Hz.
    public static let maximumAbsoluteContrast: Double = 1000

    /// Number of pixels in one frame.
    @inlinable public var pixelsPerFrame: Int { height * width }

    @inlinable public subscript(t: Int, y: Int, x: Int) -> Float {
        get { values[(t * height + y) * width + x] }
        set { values[(t * height + y) * width + x] = newValue }
    }

    /// Number of complete history windows of `history` frames: `frames − history + 1` (≥ 0).
    /// Window `i` covers frames `i ..< i + history`; its newest frame is `i + history − 1`.
    @inlinable public func windowCount(history: Int) -> Int { max(0, frames - history + 1) }

    /// A full-field movie (every pixel of frame t equals `trace[t]`).
    public static func fullField(_ trace: [Float], height: Int, width: Int) -> Movie {
        var v = [Float](repeating: 0, count: trace.count * height * width)
        let n = height * width
        for (t, c) in trace.enumerated() where c != 0 {
            for i in 0..<n { v[t * n + i] = c }
        }
        return Movie(frames: trace.count, height: height, width: width, values: v)
    }

    /// A movie uniform along y: every row of frame t equals `strip[t]` (a `width`-long profile).
    public static func verticallyUniform(_ strip: [[Float]], height: Int) -> Movie {
        let width = strip.first?.count ?? 1
        var v = [Float](repeating: 0, count: strip.count * height * width)
        for (t, row) in strip.enumerated() {
            precondition(row.count == width, "strip rows must share one width")
            for y in 0..<height { for x in 0..<width { v[(t * height + y) * width + x] = row[x] } }
        }
        return Movie(frames: strip.count, height: height, width: width, values: v)
    }

    /// Frames `range` as a new movie.
    public func slice(frames range: Range<Int>) -> Movie {
        let n = pixelsPerFrame
        return Movie(frames: range.count, height: height, width: width,
                     values: Array(values[(range.lowerBound * n)..<(range.upperBound * n)]))
    }
}
