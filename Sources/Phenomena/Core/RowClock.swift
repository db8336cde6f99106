import RetinaCore

/// Maps the rows of a model's rate matrix to movie frames and milliseconds.
///
/// Row `i` of `ResponseModel.rates(for:)` is the window whose newest frame is
/// `i + historyFrames − 1` (docs/method.md §2.1); when a movie was sliced before being shown to the
/// model, `firstRowFrame` also carries the slice offset. Times are `frame × 10 ms`
/// (``RetinaCore/Units/frameMilliseconds``).
public struct RowClock: Codable, Sendable, Equatable {
    /// Movie frame (in the un-sliced condition movie) that is the newest frame of row 0.
    public var firstRowFrame: Int

    public init(firstRowFrame: Int) { self.firstRowFrame = firstRowFrame }

    /// The clock of a model with `historyFrames` of memory shown the movie from `sliceStartFrame`
    /// on: row 0 ↔ frame `sliceStartFrame + historyFrames − 1`.
    public init(historyFrames: Int, sliceStartFrame: Int = 0) {
        self.firstRowFrame = sliceStartFrame + historyFrames - 1
    }

    /// Newest frame of (fractional) row `row`.
    @inlinable public func frame(ofRow row: Double) -> Double { row + Double(firstRowFrame) }

    /// Row whose newest frame is `frame` (may be negative or past the end; callers clamp).
    @inlinable public func row(ofFrame frame: Int) -> Int { frame - firstRowFrame }

    /// Milliseconds from event frame `eventFrame` to (fractional) row `row`:
    /// `(row + firstRowFrame − eventFrame) × 10 ms`.
    @inlinable public func milliseconds(row: Double, after eventFrame: Double) -> Double {
        (frame(ofRow: row) - eventFrame) * Units.frameMilliseconds
    }

    /// The rows whose newest frames lie `startMs…endMs` after `eventFrame`, clamped to
    /// `0..<rowCount` (nil when the window misses the trace). Bounds are inclusive, rounded inwards.
    public func rows(from startMs: Double, to endMs: Double, after eventFrame: Int, rowCount: Int) -> ClosedRange<Int>? {
        let base = row(ofFrame: eventFrame)
        let first = base + Int((startMs / Units.frameMilliseconds - 1e-9).rounded(.up))
        let last = base + Int((endMs / Units.frameMilliseconds + 1e-9).rounded(.down))
        let lo = max(0, first), hi = min(rowCount - 1, last)
        return lo <= hi ? lo...hi : nil
    }
}
