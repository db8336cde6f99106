/// One row of the ablation table of docs/answer-key.md §2: a planted component removed.
///
/// Each row of docs/answer-key.md §2 also re-calibrates the output scale; ``SimulatedRetina/ablated(_:recalibrate:)``
/// does that by default (``SimulatedRetina/recalibrated()``).
public enum RetinaAblation: String, Codable, Sendable, CaseIterable {
    /// No OFF → ganglion excitation: `w_off = 0`.
    case noOffToGanglion
    /// No ON-fast input: `w_onf = 0`.
    case noOnFast
    /// No ON-slow input: `w_ons = 0`.
    case noOnSlow
    /// No ON input at all: `w_onf = w_ons = 0`.
    case noOn
    /// No amacrine gating of the ON terminal: `a_on = 0`.
    case noAmacrineGating
    /// No amacrine → ganglion inhibition: `a_g = 0` for every cell.
    case noAmacrineToGanglion
    /// No amacrine at all: `a_on = 0` and `a_g = 0`.
    case noAmacrine
    /// No ganglion divisive gain control: `κ = 0` for every cell.
    case noGainControl
    /// Amacrine without threshold: `θ_A = 0`.
    case linearAmacrine

    /// The shared parameters with this component removed.
    public func apply(to p: RetinaParameters) -> RetinaParameters {
        var p = p
        switch self {
        case .noOffToGanglion: p.offToGanglionWeight = 0
        case .noOnFast: p.onFastWeight = 0
        case .noOnSlow: p.onSlowWeight = 0
        case .noOn: p.onFastWeight = 0; p.onSlowWeight = 0
        case .noAmacrineGating, .noAmacrine: p.amacrineOnGating = 0
        case .linearAmacrine: p.amacrineThreshold = 0
        case .noAmacrineToGanglion, .noGainControl: break
        }
        return p
    }

    /// The per-cell parameters with this component removed (`g_ref` unchanged; re-calibrate separately).
    public func apply(to c: GanglionCellParameters) -> GanglionCellParameters {
        var c = c
        switch self {
        case .noAmacrineToGanglion, .noAmacrine: c.amacrineWeight = 0
        case .noGainControl: c.gainControlStrength = 0
        default: break
        }
        return c
    }
}

extension RetinaParameters {
    /// These parameters with every ablation in `ablations` applied (order does not matter).
    public func applying(_ ablations: Set<RetinaAblation>) -> RetinaParameters {
        RetinaAblation.allCases.filter(ablations.contains).reduce(self) { $1.apply(to: $0) }
    }
}

extension GanglionCellParameters {
    /// This cell with every ablation in `ablations` applied (`g_ref` unchanged).
    public func applying(_ ablations: Set<RetinaAblation>) -> GanglionCellParameters {
        RetinaAblation.allCases.filter(ablations.contains).reduce(self) { $1.apply(to: $0) }
    }
}
