import RetinaCore

/// Where attributions live.
public enum AttributionSite: String, Codable, Sendable {
    /// First-layer units, shape `[windows, C1, H1, W1]` (Eq. 2).
    case layer1
    /// Stimulus pixels, shape `[windows, T, H, W]` (Eq. 1); τ = T − 1 is the newest frame.
    case pixels
}

/// Integrated-gradients attributions of one target over every window of a movie, with the
/// completeness check.
///
/// Completeness (exact for the continuous integral): `Σ_i A_i(w) = r(s_w) − r(0)` where `r(0)` is the
/// target at the gray window (layer-1 input `z = b`). The discretised sum misses it by
/// `gaps[w] = Σ_i A_i(w) − (r(s_w) − r(0))` (Hz; captum's convergence delta).
///
/// `relativeGaps[w] = gaps[w] / max(|r(s_w) − r(0)|, f · R, 1e-6 Hz)` where `f` is
/// ``IntegratedGradientsSettings/relativeGapFloor`` (default 0.01) and `R` is the range of the target
/// over all windows and the baseline, `max(r(s_·), r(0)) − min(r(s_·), r(0))`. The floor keeps windows
/// whose response barely differs from baseline from producing huge ratios of two tiny numbers; the
/// 1e-6 Hz term only matters when the target is constant.
public struct AttributionResult: Codable, Sendable {
    /// Attribution site.
    public var site: AttributionSite
    /// First-layer geometry of the model.
    public var geometry: Conv1Geometry
    /// Number of windows (rows).
    public var windows: Int
    /// Attributions, Hz, row-major with the shape given by ``shape``.
    public var attributions: [Float]
    /// Layer 1 only: the integrated effective weights `Ĝ = Σ_k ω_k ∂r/∂z(α_k)` (`[windows, C1, H1, W1]`,
    /// Hz per unit of z), so `attributions = Ĝ ∘ (z − b)`. Nil for pixels.
    public var effectiveWeights: [Float]?
    /// The first-layer bias `b` (`[C1]`): the gray-screen preactivation, so `L = z − b`.
    public var layer1Bias: [Float]
    /// Target `r(s_w)` per window, Hz.
    public var targetRatesHz: [Float]
    /// Target at the gray screen `r(0)`, Hz (the spontaneous rate; the same for every window).
    public var baselineRateHz: Float
    /// All cells' rates at every window (row i = window ending at frame i + T − 1).
    public var cellRatesHz: RateMatrix
    /// Completeness gap per window, Hz.
    public var gaps: [Double]
    /// Relative completeness gap per window (see the type's documentation).
    public var relativeGaps: [Double]
    /// The settings used.
    public var settings: IntegratedGradientsSettings

    /// `[windows, C1, H1, W1]` for layer 1, `[windows, T, H, W]` for pixels.
    public var shape: [Int] {
        switch site {
        case .layer1: return [windows, geometry.channels, geometry.mapHeight, geometry.mapWidth]
        case .pixels: return [windows, geometry.history, geometry.screenHeight, geometry.screenWidth]
        }
    }

    /// Values per window.
    public var valuesPerWindow: Int { site == .layer1 ? geometry.unitsPerWindow : geometry.pixelsPerWindow }

    /// Sum of the attributions of window `w`.
    public func total(window w: Int) -> Double {
        let n = valuesPerWindow
        var s = 0.0
        for i in (w * n)..<((w + 1) * n) { s += Double(attributions[i]) }
        return s
    }

    /// Largest `|gap|`, Hz.
    public var maxAbsoluteGap: Double { gaps.map(abs).max() ?? 0 }
    /// Largest `|relative gap|`.
    public var maxRelativeGap: Double { relativeGaps.map(abs).max() ?? 0 }

    /// The relative gaps for given absolute gaps, responses and baseline (definition above).
    public static func relativeGaps(gaps: [Double], targetRatesHz: [Float], baselineRateHz: Float, floor: Double) -> [Double] {
        let values = targetRatesHz.map(Double.init) + [Double(baselineRateHz)]
        let range = (values.max() ?? 0) - (values.min() ?? 0)
        return zip(gaps, targetRatesHz).map { gap, r in
            gap / max(abs(Double(r) - Double(baselineRateHz)), floor * range, 1e-6)
        }
    }
}
