import RetinaCore

/// Integrated-gradients attributions of any user stimulus, for the target `Σ_{j ∈ cells} r_j` (the
/// summed rate of the listed cells), from the gray screen (`docs/method.md` §4). Backs
/// `retina-report attribute`.
///
/// Row `i` of every result is the window ending at frame `i + historyFrames − 1` of the stimulus
/// (the `predict` convention). Completeness per window: `Σ A(i) = r(s_i) − r(0)` up to the gap
/// ``AttributionResult/gaps`` (Hz), which shrinks like `O(1/steps)` for the default right Riemann
/// sum on a ReLU network.
public enum StimulusAttribution {
    /// Where the attributions are taken.
    public enum Site: String, Codable, Sendable, CaseIterable {
        /// First-layer units, `[windows, C1, H1, W1]` (Eq. 2), e.g. (windows, 8, 36, 36).
        case layer1
        /// Stimulus pixels, `[windows, T, H, W]` (Eq. 1), e.g. (windows, 40, 50, 50); τ = T − 1 is the newest frame.
        case input
    }

    /// Attributions of `stimulus` for the summed rate of `cells`.
    ///
    /// - Parameters:
    ///   - steps, quadrature: the path-integral discretisation (``IntegrationQuadrature``); default
    ///     100 right-Riemann steps, the reference code's.
    ///   - threads: windows are split over this many threads.
    /// - Throws: ``MechanismsError/invalidSetting(name:expected:found:)`` for an empty or repeated cell
    ///   list, a cell out of range or too few steps; ``MechanismsError/shapeMismatch(parameter:expected:found:)``
    ///   when the stimulus frames are not the model's screen or it is shorter than one window.
    public static func attribute<M: LayerOneDifferentiable>(model: M, stimulus: Movie, cells: [Int], site: Site = .layer1,
                                                            steps: Int = 100, quadrature: IntegrationQuadrature = .rightRiemann,
                                                            threads: Int = 2) throws -> AttributionResult {
        try validate(cells: cells, cellCount: model.cellCount)
        guard stimulus.height == model.screen.height, stimulus.width == model.screen.width else {
            throw MechanismsError.shapeMismatch(parameter: "stimulus", expected: "frames of \(model.screen.height)x\(model.screen.width) pixels",
                                                found: "\(stimulus.height)x\(stimulus.width)")
        }
        guard stimulus.frames >= model.historyFrames else {
            throw MechanismsError.shapeMismatch(parameter: "stimulus", expected: "at least \(model.historyFrames) frames (one window)",
                                                found: "\(stimulus.frames) frames")
        }
        let settings = IntegratedGradientsSettings(steps: steps, quadrature: quadrature, target: .sumOfCells(cells), threads: threads)
        try settings.validate()
        let ig = IntegratedGradients(model: model, settings: settings)
        switch site {
        case .layer1: return try ig.attributeToLayer1(stimulus)
        case .input: return try ig.attributeToPixels(stimulus)
        }
    }

    /// Throws unless `cells` is a non-empty list of distinct indices in `0..<cellCount`.
    public static func validate(cells: [Int], cellCount: Int) throws {
        guard !cells.isEmpty else {
            throw MechanismsError.invalidSetting(name: "cells", expected: "at least one cell index", found: "an empty list")
        }
        if let bad = cells.first(where: { $0 < 0 || $0 >= cellCount }) {
            throw MechanismsError.invalidSetting(name: "cells", expected: "indices in 0..<\(cellCount)", found: "\(bad)")
        }
        if let repeated = cells.enumerated().first(where: { cells[..<$0.offset].contains($0.element) })?.element {
            throw MechanismsError.invalidSetting(name: "cells", expected: "distinct indices", found: "\(repeated) twice")
        }
    }
}
