import Foundation
import Phenomena

/// Whether a model's input window covers the memory of the cells it models (docs/method.md §3.1,
/// "History window").
///
/// Two measurements, both per cell:
/// - a long-window linear filter `k(τ)`, τ = 0 … `filterFrames − 1` frames before the response bin
///   (ridge regression of the response on the stimulus projected onto the cell's spatial
///   receptive field, ``filterFrames`` ≫ the window), and the share of its absolute weight outside
///   the lags the model sees, `Σ_{τ ∉ window} |k(τ)| / Σ_τ |k(τ)|` (weight, not energy `k²`: a
///   shallow slow lobe matters for sustained stimuli in proportion to its integral, and on the
///   simulated retina's filters the energy share past 40 frames is 1–1.5 % where the weight share is
///   9–12 % and the truncated retina loses 38 % of its variance);
/// - for a model of the simulated retina only, the retina itself restricted to the window
///   (``RetinaCore/WindowTruncatedModel``): Pearson r and FEV against the full retina on sampled bins
///   of a held-out movie, and every phenomenon criterion on the truncated retina — what any model with
///   this window can at best show.
///
/// ``coverage`` is the headline: the truncated retina's mean FEV for the simulated retina (it
/// includes the nonlinear memory the linear filter misses), else `1 −` the mean weight share
/// outside the window. Below ``warningThreshold`` the window is too short for these cells.
public struct MemoryCoverage: Codable, Sendable, Equatable {
    public enum Source: String, Codable, Sendable {
        /// The simulated ground-truth retina (the truncation is measured exactly).
        case simulatedRetina
        /// A recording's training data (linear filters only).
        case recording
    }

    public struct Cell: Codable, Sendable, Equatable {
        public var cell: Int
        /// The linear filter, index τ = frames before the response bin (0 = the bin's own frame), in
        /// response units per unit of projected contrast.
        public var filter: [Double]
        /// The null filter (the fit with stimulus and response unrelated): |k_null(τ)| is the chance level.
        public var null: [Double]?
        /// Share of the weight above chance, `Σ_{τ outside} max(0, |k| − |k_null|) / Σ_τ max(0, |k| − |k_null|)`,
        /// on lags the model does not see (0 … 1).
        public var weightOutsideWindow: Double
        /// The window-truncated retina against the full retina (simulated retina only).
        public var truncatedCorrelation: Double?
        public var truncatedFEV: Double?

        public init(cell: Int, filter: [Double], null: [Double]? = nil, weightOutsideWindow: Double,
                    truncatedCorrelation: Double? = nil, truncatedFEV: Double? = nil) {
            self.cell = cell; self.filter = filter; self.null = null; self.weightOutsideWindow = weightOutsideWindow
            self.truncatedCorrelation = truncatedCorrelation; self.truncatedFEV = truncatedFEV
        }
    }

    public var source: Source
    /// The model's window, frames of 10 ms.
    public var windowFrames: Int
    /// The lags the model sees start here: 0 for the tool's window-end pairing, 1 for deep-retina's
    /// next-bin pairing (the window ends one frame before the bin).
    public var firstLagFrames: Int
    /// Taps of the long-window filters (≥ `windowFrames + firstLagFrames`).
    public var filterFrames: Int
    public var cells: [Cell]
    /// Response bins compared for the truncated retina (simulated retina only).
    public var sampledBins: Int?
    /// Every phenomenon criterion on the window-truncated retina, and on the full retina with the
    /// same suite (simulated retina only).
    public var truncatedCriteria: [CriterionResult]?
    public var retinaCriteria: [CriterionResult]?
    /// What the filters and truncation were measured on ("held-out movie of 6000 frames, seed …",
    /// "training movie of `file`").
    public var data: String

    public init(source: Source, windowFrames: Int, firstLagFrames: Int, filterFrames: Int, cells: [Cell],
                sampledBins: Int? = nil, truncatedCriteria: [CriterionResult]? = nil, retinaCriteria: [CriterionResult]? = nil,
                data: String) {
        self.source = source; self.windowFrames = windowFrames; self.firstLagFrames = firstLagFrames
        self.filterFrames = filterFrames; self.cells = cells; self.sampledBins = sampledBins
        self.truncatedCriteria = truncatedCriteria; self.retinaCriteria = retinaCriteria; self.data = data
    }

    /// Below this coverage `train`, `inspect` and the report warn (0.95).
    public static let warningThreshold = 0.95

    /// Mean over cells of the truncated retina's FEV (simulated retina), else 1 − the mean weight
    /// share outside the window.
    public var coverage: Double {
        let fev = cells.compactMap(\.truncatedFEV)
        if source == .simulatedRetina, fev.count == cells.count, !fev.isEmpty { return fev.reduce(0, +) / Double(fev.count) }
        return 1 - meanWeightOutsideWindow
    }

    public var meanWeightOutsideWindow: Double {
        cells.isEmpty ? 0 : cells.reduce(0) { $0 + $1.weightOutsideWindow } / Double(cells.count)
    }

    public var isSufficient: Bool { coverage >= Self.warningThreshold }

    /// Criteria met on the truncated retina, of those the full retina meets (nil without them).
    public var truncatedCriteriaMet: (met: Int, ofRetina: Int, total: Int)? {
        guard let t = truncatedCriteria, let r = retinaCriteria, t.count == r.count else { return nil }
        let both = zip(t, r).filter { $0.passed && $1.passed }.count
        return (both, r.filter(\.passed).count, t.count)
    }

    /// The share outside the window of a filter `k` (index = lag in frames) for a model that sees
    /// lags `firstLag ..< firstLag + window`, weight above the chance level `null` (zero when nil):
    /// `Σ_{τ outside} w(τ) / Σ_τ w(τ)` with `w = max(0, |k| − |k_null|)` (0 for a filter at chance).
    public static func weightOutside(_ k: [Double], null: [Double]? = nil, window: Int, firstLag: Int) -> Double {
        let w = k.indices.map { t -> Double in
            let chance = null.flatMap { $0.indices.contains(t) ? abs($0[t]) : nil } ?? 0
            return max(0, abs(k[t]) - chance)
        }
        let total = w.reduce(0, +)
        guard total > 0 else { return 0 }
        let seen = max(0, min(k.count, firstLag))..<max(0, min(k.count, firstLag + window))
        let inside = seen.reduce(0.0) { $0 + w[$1] }
        return max(0, min(1, (total - inside) / total))
    }

    /// One line for `inspect`, `validate` and `train`.
    public var summary: String {
        let pct = { (x: Double) in String(format: "%.1f %%", 100 * x) }
        var s = "memory coverage of the \(windowFrames)-frame (\(windowFrames * 10) ms) window: \(pct(coverage))"
        switch source {
        case .simulatedRetina:
            let r = cells.compactMap(\.truncatedCorrelation), f = cells.compactMap(\.truncatedFEV)
            if let lo = f.min(), let hi = f.max(), let rl = r.min(), let rh = r.max() {
                s += String(format: " (the simulated retina restricted to the window: r %.3f–%.3f, FEV %.2f–%.2f over %d cells",
                            rl, rh, lo, hi, cells.count)
                if let n = sampledBins { s += ", \(n) bins of a held-out movie" }
                s += ")"
            }
            if let c = truncatedCriteriaMet {
                s += "; the truncated retina meets \(c.met) of the \(c.ofRetina) phenomenon criteria the full retina meets"
            }
        case .recording:
            s += " (linear filters over \(filterFrames) frames: \(pct(meanWeightOutsideWindow)) of their absolute weight lies outside the window)"
        }
        if !isSufficient {
            s += String(format: ". Below %.0f %%: the window is shorter than these cells' memory; a longer --history may be needed",
                        100 * Self.warningThreshold)
        }
        return s
    }
}
