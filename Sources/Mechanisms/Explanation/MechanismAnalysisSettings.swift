import RetinaCore

/// Settings shared by the four phenomenon analyses.
public struct MechanismAnalysisSettings: Codable, Sendable, Equatable {
    /// Cells whose mean rate is explained; nil = all cells. The bar analyses keep only the cells of
    /// one column (RF centre x within 0.5 px of the first chosen cell's), since a vertical bar gives
    /// every cell of a column the same stimulus.
    public var cells: [Int]?
    /// Integrated-gradients settings; the target is replaced by the mean over the explained cells.
    public var integratedGradients: IntegratedGradientsSettings
    /// Model-reduction settings.
    public var reduction: ReductionSettings
    /// SD of the Gaussian applied to OSR and latency traces before their metrics, ms (0 = raw; the
    /// prototype judged the CNN's jagged OSR at 20 ms, docs/ground-truth-retina.md §10).
    public var traceSmoothingSigmaMs: Double
    /// Fast/slow rule and scope for the channel types.
    public var fastSlowRule: FastSlowRule
    public var fastSlowScope: FastSlowScope
    /// Reference kernels for the channel types (lag order; see ``ChannelTyping``).
    public var referenceKernels: [String: [Double]]
    /// With reference kernels, a channel whose best reference match has Pearson r at least this is
    /// typed as that reference's pathway (``ChannelTyping/retypedByKernelMatch(_:minimumCorrelation:referenceTypes:)``),
    /// the latency rule's type kept beside it; nil = the latency rule only. Default 0.5.
    public var kernelMatchMinimumCorrelation: Double?
    /// Relative tolerance of the stimulus-symmetry check.
    public var symmetryTolerance: Float
    /// Rows of an explained condition that integrated gradients runs on. Default
    /// `.responseWindow(marginMs: 0)`: exactly the rows that count for importance (all rows for OSR
    /// and latency); widen it (or use `.all`) for more context in attribution figures, at about
    /// `steps` network evaluations per extra row.
    public var explainedRows: ExplainedRows

    public init(cells: [Int]? = nil, integratedGradients: IntegratedGradientsSettings = .init(),
                reduction: ReductionSettings = .init(), traceSmoothingSigmaMs: Double = 0,
                fastSlowRule: FastSlowRule = .twoMeans, fastSlowScope: FastSlowScope = .withinPolarity,
                referenceKernels: [String: [Double]] = [:], kernelMatchMinimumCorrelation: Double? = 0.5,
                symmetryTolerance: Float = 1e-6, explainedRows: ExplainedRows = .responseWindow(marginMs: 0)) {
        self.cells = cells; self.integratedGradients = integratedGradients; self.reduction = reduction
        self.traceSmoothingSigmaMs = traceSmoothingSigmaMs; self.fastSlowRule = fastSlowRule
        self.fastSlowScope = fastSlowScope; self.referenceKernels = referenceKernels
        self.kernelMatchMinimumCorrelation = kernelMatchMinimumCorrelation
        self.symmetryTolerance = symmetryTolerance; self.explainedRows = explainedRows
    }

    private enum CodingKeys: String, CodingKey {
        case cells, integratedGradients, reduction, traceSmoothingSigmaMs, fastSlowRule, fastSlowScope, referenceKernels
        case kernelMatchMinimumCorrelation, symmetryTolerance, explainedRows
    }

    /// Decodes settings; `explainedRows` may be absent (settings written before it existed, when
    /// every row was explained) and then reads as `.all`; an absent `kernelMatchMinimumCorrelation`
    /// reads as nil (the latency rule only, as such settings were run).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(cells: try c.decodeIfPresent([Int].self, forKey: .cells),
                  integratedGradients: try c.decode(IntegratedGradientsSettings.self, forKey: .integratedGradients),
                  reduction: try c.decode(ReductionSettings.self, forKey: .reduction),
                  traceSmoothingSigmaMs: try c.decode(Double.self, forKey: .traceSmoothingSigmaMs),
                  fastSlowRule: try c.decode(FastSlowRule.self, forKey: .fastSlowRule),
                  fastSlowScope: try c.decode(FastSlowScope.self, forKey: .fastSlowScope),
                  referenceKernels: try c.decode([String: [Double]].self, forKey: .referenceKernels),
                  kernelMatchMinimumCorrelation: try c.decodeIfPresent(Double.self, forKey: .kernelMatchMinimumCorrelation),
                  symmetryTolerance: try c.decode(Float.self, forKey: .symmetryTolerance),
                  explainedRows: try c.decodeIfPresent(ExplainedRows.self, forKey: .explainedRows) ?? .all)
    }
}

/// Which rows of an explained condition integrated gradients runs on. IG costs about `steps`
/// network evaluations (forward and backward above layer 1) per row, so on long bar movies it is
/// run around the response only; every row still takes part in the reduced-model fit and in the
/// phenomenon metrics (responses are computed for all rows).
///
/// The response window of a condition is the rows that count for importance: for motion reversal
/// from 100 ms before the reversal to ``Phenomena/ReversalProtocol/burstWindowEndMs`` after it, for
/// motion anticipation the rows while the bar centre is within
/// ``Phenomena/AnticipationProtocol/peakSearchHalfWidthPixels`` of the RF centre. OSR and latency
/// conditions have none (every row counts), so they are always explained on every row.
extension MechanismAnalysisSettings {
    /// Longest trace smoothing, ms (a Gaussian σ of 10 s is already far beyond any response).
    public static let maximumTraceSmoothingSigmaMs = 10_000.0

    /// Range checks of the settings a user can set (`--set analysis.…`), before any work:
    /// `traceSmoothingSigmaMs` 0 … 10,000 ms, `kernelMatchMinimumCorrelation` −1 … 1 (a correlation),
    /// `symmetryTolerance` 0 … 1 (relative), the explained-rows margin 0 … 100,000 ms, and
    /// ``IntegratedGradientsSettings/validate()`` / ``ReductionSettings/validate()``.
    /// Throws ``MechanismsError/invalidSetting(name:expected:found:)`` naming the key below `analysis`.
    public func validateRanges() throws {
        func fail(_ name: String, _ expected: String, _ found: Any) -> MechanismsError {
            .invalidSetting(name: name, expected: expected, found: "\(found)")
        }
        guard traceSmoothingSigmaMs.isFinite, (0...Self.maximumTraceSmoothingSigmaMs).contains(traceSmoothingSigmaMs) else {
            throw fail("traceSmoothingSigmaMs", "0 … \(Int(Self.maximumTraceSmoothingSigmaMs)) ms", traceSmoothingSigmaMs)
        }
        if let r = kernelMatchMinimumCorrelation, !(r >= -1 && r <= 1) {
            throw fail("kernelMatchMinimumCorrelation", "a correlation in −1 … 1 (or null: off)", r)
        }
        guard symmetryTolerance >= 0, symmetryTolerance <= 1 else {
            throw fail("symmetryTolerance", "a relative tolerance in 0 … 1", symmetryTolerance)
        }
        if case .responseWindow(let margin) = explainedRows, !(margin >= 0 && margin <= 100_000) {
            throw fail("explainedRows.responseWindow.marginMs", "0 … 100000 ms", margin)
        }
    }
}

public enum ExplainedRows: Codable, Sendable, Equatable {
    /// Every analysed row.
    case all
    /// The response window widened by `marginMs` on both sides (clamped to the analysed rows); every
    /// row when the condition has no response window.
    case responseWindow(marginMs: Double)

    /// The rows to explain for a condition of `rowCount` rows with response window `window`.
    func rows(responseWindow window: Range<Int>?, rowCount: Int) -> Range<Int> {
        guard case .responseWindow(let margin) = self, let window else { return 0..<rowCount }
        let pad = Int((max(0, margin) / Units.frameMilliseconds).rounded(.up))
        return max(0, window.lowerBound - pad)..<min(rowCount, window.upperBound + pad)
    }
}
