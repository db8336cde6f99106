import RetinaCore

/// Renders a full-height bar with an anti-aliased, sub-pixel position.
///
/// Pixel `x` covers `[x − ½, x + ½)` (pixel centres at integers `0 … W−1`); a bar of width `w`
/// centred at `c` covers `[c − w/2, c + w/2]`. Pixel value = `contrast × covered fraction`, so a
/// bar fully on screen sums to `width × contrast` over a row. Tanaka draws on a 5× grid and
/// box-averages back (docs/method.md §6.3); that equals this coverage up to 0.2 px rounding of the
/// edges. Shared by the reversal and anticipation stimuli.
public struct BarRenderer: Codable, Sendable, Equatable {
    /// Bar width in pixels (> 0).
    public var widthPixels: Double
    /// Contrast of a fully covered pixel (−1 = dark bar).
    public var contrast: Double

    /// The bar speeds the reversal and anticipation protocols accept, px/frame: 0.01 … 10
    /// (0.055 … 55 mm/s at 55 µm per px and 10 ms frames; the protocols use 0.08 … 0.6). Slower bars
    /// need tens of thousands of frames per sweep; faster ones jump a fifth of the 50-px screen per frame.
    public static let speedRangePixelsPerFrame: ClosedRange<Double> = 0.01...10
    /// ``speedRangePixelsPerFrame`` as text for error messages.
    public static let speedRangeText = "finite speeds of 0.01 … 10 px/frame"

    public init(widthPixels: Double, contrast: Double) {
        precondition(widthPixels > 0, "bar width must be positive")
        self.widthPixels = widthPixels; self.contrast = contrast
    }

    /// Covered fraction of pixel `x` by a bar centred at `centrePixels`, in `[0, 1]`.
    @inlinable public func coverage(pixel x: Int, centrePixels c: Double) -> Double {
        let lo = max(Double(x) - 0.5, c - widthPixels / 2)
        let hi = min(Double(x) + 0.5, c + widthPixels / 2)
        return max(0, min(1, hi - lo))
    }

    /// One row of the bar on a screen `widthPixels` wide; nil centre = gray row.
    public func row(centrePixels c: Double?, screenWidthPixels width: Int) -> [Float] {
        guard let c else { return [Float](repeating: 0, count: width) }
        return (0..<width).map { Float(contrast * coverage(pixel: $0, centrePixels: c)) }
    }

    /// A movie with one bar position per frame (nil = gray frame), uniform along y.
    public func movie(centresPixels: [Double?], screen: StimulusScreen) -> Movie {
        let strip = centresPixels.map { row(centrePixels: $0, screenWidthPixels: screen.widthPixels) }
        return Movie.verticallyUniform(strip, height: screen.heightPixels)
    }
}
