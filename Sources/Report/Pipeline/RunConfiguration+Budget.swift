import Foundation
import Mechanisms
import Phenomena

extension RunConfiguration {
    /// Pre-flight limits of one run: what a run may cost before it is refused (exit 64) — a guard
    /// against parameters that would exhaust memory (and abort, leaving partial output) or run for days.
    ///
    /// The estimate is an upper bound: for the default run it gives 4.4 GB and 2.7 million gradient
    /// evaluations (``estimate()``; the measured peak is 0.75 GB resident; the release build does
    /// about 85,000 evaluations per second on 2 cores). The memory limit leaves room for runs a few
    /// times larger than the default, the work limit for about 1.5 hours of integration (the default
    /// run at the maximum 10,000 IG steps fits), while parameter typos that need 10–10⁶× more are refused.
    public enum Budget {
        /// Largest estimated memory of one analysis (its stimulus movies and layer-1 arrays), bytes.
        public static let maximumBytes: Double = 16 * 1_073_741_824
        /// Largest estimated number of layer-1 gradient evaluations (windows × α-points), all analyses.
        public static let maximumGradientEvaluations: Double = 500_000_000
        /// Largest number of frames of one stimulus condition (10 ms frames: 10⁵ = 1,000 s).
        public static let maximumConditionFrames: Double = 100_000
    }

    /// What a run is estimated to cost, from the parameters alone (no model, no allocation).
    public struct CostEstimate: Sendable, Equatable {
        /// Frames of all stimulus conditions.
        public var frames: Double
        /// Analysed windows (rows the integrated gradients explain).
        public var analysedWindows: Double
        /// Bytes of the largest analysis: its condition movies on the 50 × 50 screen (4 bytes per
        /// pixel) plus six `[windows, 10368]` float arrays of its attributions (z, bias-free drive, Ĝ, A, …).
        public var bytes: Double
        /// Layer-1 gradient evaluations (analysed windows × α-points of the quadrature).
        public var gradientEvaluations: Double
        /// The longest condition, frames, and the parameter that sets it.
        public var longestConditionFrames: Double
        public var longestConditionParameter: String
        /// The condition lists of the analysis with the largest ``bytes``.
        public var largestAnalysisParameters: String
    }

    /// Pixels of the model screen and layer-1 units per window assumed by the estimate (the paper's sizes).
    static let estimatePixelsPerFrame: Double = 50 * 50
    static let estimateLayer1Units: Double = 8 * 36 * 36
    static let estimateHistoryFrames: Double = 40
    static let estimateCells: Double = 8
    /// Receptive-field columns the bar analyses stimulate (the paper's population: x = 22 and 28 px).
    static let estimateColumns: Double = 2

    /// Range checks of every phenomenon's parameters (also of phenomena not selected, so a value given
    /// on the command line is never silently accepted), then the cost estimate against ``Budget``.
    /// Called at the end of ``validate()``.
    /// - Throws: ``RunPipelineError/invalidParameter(name:expected:found:)`` or
    ///   ``RunPipelineError/overBudget(name:limit:estimate:)`` (exit 64) naming the parameter.
    public func validateRangesAndBudget() throws {
        func fail(_ name: String, _ expected: String, _ found: String) throws -> Never {
            throw RunPipelineError.invalidParameter(name: name, expected: expected, found: found)
        }
        if model.isEmpty { try fail("model", "a model file path", "\"\"") }
        if output.isEmpty { try fail("output", "a folder path", "\"\"") }
        if formats.isEmpty { try fail("formats", "one or more of png, svg, pdf", "none") }
        if Set(formats).count != formats.count { try fail("formats", "each format once", formats.map(\.rawValue).joined(separator: ",")) }
        if let cells = analysis.cells {
            if let bad = cells.first(where: { $0 < 0 }) { try fail("cells", "cell indices ≥ 0", "\(bad)") }
            if Set(cells).count != cells.count {
                try fail("cells", "each cell index once", cells.map(String.init).joined(separator: ","))
            }
        }
        do {
            try osr.validate(); try latency.validate(); try reversal.validate(); try anticipation.validate()
        } catch let PhenomenaError.invalidProtocol(parameter, expected, found) {
            try fail(Self.configurationKey(protocolParameter: parameter), expected, found)
        }
        let steps = analysis.integratedGradients.steps
        if steps > IntegratedGradientsSettings.maximumSteps {
            throw RunPipelineError.overBudget(name: "analysis.integratedGradients.steps",
                                              limit: "\(IntegratedGradientsSettings.maximumSteps) steps",
                                              estimate: "\(steps) steps")
        }
        let cost = estimate()
        if cost.longestConditionFrames > Budget.maximumConditionFrames {
            throw RunPipelineError.overBudget(name: cost.longestConditionParameter,
                                              limit: "\(Int(Budget.maximumConditionFrames)) frames per stimulus condition",
                                              estimate: "\(Self.text(cost.longestConditionFrames)) frames in one condition")
        }
        if cost.bytes > Budget.maximumBytes {
            throw RunPipelineError.overBudget(name: cost.largestAnalysisParameters, limit: Self.gigabytes(Budget.maximumBytes) + " of memory",
                                              estimate: "about " + Self.gigabytes(cost.bytes) + " of memory")
        }
        if cost.gradientEvaluations > Budget.maximumGradientEvaluations {
            throw RunPipelineError.overBudget(name: "analysis.integratedGradients.steps",
                                              limit: "\(Self.text(Budget.maximumGradientEvaluations)) gradient evaluations",
                                              estimate: "\(Self.text(cost.gradientEvaluations)) gradient evaluations "
                                                + "(\(Self.text(cost.analysedWindows)) windows × \(steps + 1) α-points)")
        }
    }

    /// The cost of the selected analyses (see ``CostEstimate``). Assumes ``validate()``'s range checks
    /// passed (finite, positive speeds and whole-frame periods); uses Double arithmetic throughout, so
    /// absurd values give absurd estimates, never an overflow.
    public func estimate() -> CostEstimate {
        let history = Self.estimateHistoryFrames
        let cells = Double(analysis.cells?.count ?? Int(Self.estimateCells))
        let columns = min(cells, Self.estimateColumns)
        var conditions: [(frames: Double, analysed: Double, parameter: String, count: Double, analysis: Int)] = []
        if phenomena.contains(.osr) {
            let lead = max(Double(osr.leadInFrames), history)
            for periodMs in osr.periodsMs {
                let p = (periodMs / 10).rounded()
                let flashes = max(Double(osr.flashesPerTrain), (Double(osr.minimumTrainFrames) / p).rounded(.down) + 1)
                let frames = lead + flashes * p + Double(osr.framesAfterOmission)
                let analysed = min(frames - lead, Double(osr.trainWindowPeriods) * p + Double(osr.framesAfterOmission))
                conditions.append((frames, analysed, "osr.periodsMs", 1, 0))
            }
        }
        if phenomena.contains(.latency) {
            let lead = max(Double(latency.leadInFrames), history)
            let after = Double(latency.stepDurationFrames) + Double(latency.framesAfterStep)
            conditions.append((lead + after, after, "latency.framesAfterStep", Double(latency.contrasts.count), 1))
        }
        if phenomena.contains(.reversal) {
            let lead = max(Double(reversal.leadInFrames), history)
            let points = Double(reversal.reversalOffsetsPixels.count) * columns
            for v in reversal.speedsPixelsPerFrame {
                let approach = max(1, (reversal.approachDistancePixels / v).rounded())
                let frames = lead + approach + 1 + Double(reversal.framesAfterReversal)
                let analysed = min(frames - lead, (reversal.recordBeforeReversalMs / 10).rounded() + 1 + Double(reversal.framesAfterReversal))
                conditions.append((frames, analysed, "reversal.speedsPixelsPerFrame", points * 2, 2))
            }
        }
        if phenomena.contains(.anticipation) {
            let lead = max(Double(anticipation.leadInFrames), history)
            let span = 2 * anticipation.travelPixels + 50
            for v in anticipation.speedsPixelsPerFrame {
                let motion = (span / v).rounded() + 1
                conditions.append((lead + motion, motion, "anticipation.speedsPixelsPerFrame", Double(anticipation.directions.count), 3))
            }
            let after = Double(anticipation.framesAfterFlash)
            conditions.append((lead + after, after, "anticipation.framesAfterFlash",
                               Double(anticipation.flashOffsetsPixels.count) * columns, 3))
        }
        let frames: Double = conditions.reduce(0.0) { $0 + $1.frames * $1.count }
        let windows: Double = conditions.reduce(0.0) { $0 + $1.analysed * $1.count }
        let longest = conditions.max { $0.frames < $1.frames }
        let points = Double(analysis.integratedGradients.steps) + 1
        var perAnalysis = [Double](repeating: 0, count: 4)
        for c in conditions {
            let movieBytes: Double = c.frames * Self.estimatePixelsPerFrame * 4
            let arrayBytes: Double = c.analysed * Self.estimateLayer1Units * 4 * 6
            perAnalysis[c.analysis] += c.count * (movieBytes + arrayBytes)
        }
        let bytes = perAnalysis.max() ?? 0
        let lists = ["osr.periodsMs", "latency.contrasts", "reversal.speedsPixelsPerFrame / reversal.reversalOffsetsPixels",
                     "anticipation.speedsPixelsPerFrame / anticipation.flashOffsetsPixels"]
        let largest = perAnalysis.indices.max { perAnalysis[$0] < perAnalysis[$1] } ?? 0
        return CostEstimate(frames: frames, analysedWindows: windows, bytes: bytes,
                            gradientEvaluations: windows * points,
                            longestConditionFrames: longest?.frames ?? 0,
                            longestConditionParameter: longest?.parameter ?? "phenomena",
                            largestAnalysisParameters: lists[largest])
    }

    static func gigabytes(_ bytes: Double) -> String { String(format: "%.1f GB", bytes / 1_073_741_824) }

    static func text(_ x: Double) -> String {
        x < 1e15 ? String(Int64(x.rounded())) : String(format: "%.3g", x)
    }
}
