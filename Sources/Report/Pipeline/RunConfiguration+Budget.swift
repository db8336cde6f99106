import Foundation
import Mechanisms
import Phenomena
import ReportKit

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
        /// Most ensemble members analysed as one mean. Measured: the default run takes 0.77 GB for one
        /// model and 2.3 GB for five members, about 0.38 GB per member, so 32 members need about 13 GB
        /// of this machine's 24 GiB.
        public static let maximumMembers = 32
        /// Largest number of phenomenon measurements of the causal tests and hypotheses, counted per
        /// member (an intervention on the ensemble mean runs every member): the default ensemble run
        /// makes about 400 in 20 s, so the limit is about 20 minutes of them.
        public static let maximumMemberMeasurements: Double = 20_000
        /// Most cells of the analysed model (the model card's limit).
        public static let maximumCells = 10_000
    }

    /// The analysed model as the budget sees it: its window, ensemble members, cells and first-layer
    /// units per member. ``beforeLoading`` is assumed when the configuration is checked on its own;
    /// ``RunPipeline`` checks again with the loaded model's scale before any work.
    public struct ModelScale: Sendable, Equatable {
        public var historyFrames: Double
        public var members: Int
        public var cells: Int
        public var layer1UnitsPerMember: Int

        public init(historyFrames: Double, members: Int = 1, cells: Int, layer1UnitsPerMember: Int) {
            self.historyFrames = historyFrames; self.members = members; self.cells = cells
            self.layer1UnitsPerMember = layer1UnitsPerMember
        }

        /// The paper's single model: 40 frames, 8 cells, 8 × 36 × 36 first-layer units.
        public static let beforeLoading = ModelScale(historyFrames: RunConfiguration.estimateHistoryFrames, members: 1,
                                                     cells: Int(RunConfiguration.estimateCells),
                                                     layer1UnitsPerMember: Int(RunConfiguration.estimateLayer1Units))
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
        /// Layer-1 gradient evaluations (analysed windows × α-points of the quadrature × members).
        public var gradientEvaluations: Double
        /// Phenomenon measurements of the causal tests and hypotheses, per member (see ``Budget``).
        public var memberMeasurements: Double
        /// The longest condition, frames, and the parameter that sets it.
        public var longestConditionFrames: Double
        public var longestConditionParameter: String
        /// The condition lists of the analysis with the largest ``bytes``.
        public var largestAnalysisParameters: String
    }

    /// Pixels of the model screen and layer-1 units per window assumed by the estimate (the paper's sizes).
    static let estimatePixelsPerFrame: Double = 50 * 50
    static let estimateLayer1Units: Double = 8 * 36 * 36
    /// The window assumed before the model is loaded (the paper's 40 frames); ``RunPipeline`` checks
    /// the budget again with the loaded model's own `historyFrames` before any work.
    public static let estimateHistoryFrames: Double = 40
    static let estimateCells: Double = 8
    /// Kept groups per reduction assumed by the causal-test estimate (the reduction's default at most).
    static let estimateKeptGroups = 8
    /// Receptive-field columns the bar analyses stimulate (the paper's population: x = 22 and 28 px).
    static let estimateColumns: Double = 2
}

extension PhenomenonKind {
    /// ``PhenomenonKind/cost(_:historyFrames:columns:)`` of this kind's protocol in `set`.
    static func cost(in set: PhenomenonParameterSet, historyFrames: Double, columns: Double) -> [ConditionCost] {
        cost(set[Self.self], historyFrames: historyFrames, columns: columns)
    }
}

extension RunConfiguration {

    /// Range checks of every phenomenon's parameters (also of phenomena not selected, so a value given
    /// on the command line is never silently accepted), then the cost estimate against ``Budget``.
    /// Called at the end of ``validate()``.
    /// - Throws: ``RunPipelineError/invalidParameter(name:expected:found:)`` or
    ///   ``RunPipelineError/overBudget(name:limit:estimate:)`` (exit 64) naming the parameter.
    public func validateRangesAndBudget(scale: ModelScale = .beforeLoading) throws {
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
            try protocols.validate(Phenomenon.allCases)
        } catch let PhenomenaError.invalidProtocol(parameter, expected, found) {
            try fail(Self.configurationKey(protocolParameter: parameter), expected, found)
        }
        let steps = analysis.integratedGradients.steps
        if steps > IntegratedGradientsSettings.maximumSteps {
            throw RunPipelineError.overBudget(name: "analysis.integratedGradients.steps",
                                              limit: "\(IntegratedGradientsSettings.maximumSteps) steps",
                                              estimate: "\(steps) steps")
        }
        if scale.members > Budget.maximumMembers {
            throw RunPipelineError.overBudget(name: "ensemble members", limit: "\(Budget.maximumMembers) members",
                                              estimate: "\(scale.members) members (about \(Self.gigabytes(0.38 * 1_073_741_824 * Double(scale.members))) of memory)")
        }
        if scale.cells > Budget.maximumCells {
            throw RunPipelineError.overBudget(name: "cells (the model's)", limit: "\(Budget.maximumCells) cells",
                                              estimate: "\(scale.cells) cells")
        }
        let cost = estimate(scale: scale)
        if cost.memberMeasurements > Budget.maximumMemberMeasurements {
            throw RunPipelineError.overBudget(name: causal.hypotheses.isEmpty ? "causal" : "causal.hypotheses",
                                              limit: "\(Self.text(Budget.maximumMemberMeasurements)) phenomenon measurements (per member)",
                                              estimate: "\(Self.text(cost.memberMeasurements)) (\(causal.hypotheses.count) hypotheses × 3 "
                                                + "interventions + the causal tests, × \(scale.members) member\(scale.members == 1 ? "" : "s"))")
        }
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
    public func estimate(scale: ModelScale = .beforeLoading) -> CostEstimate {
        let historyFrames = scale.historyFrames
        let members = Double(max(1, scale.members))
        // Memory is estimated for one member's arrays (the estimate already bounds the measured peak
        // about 6× over); members are bounded by ``Budget/maximumMembers`` from the measured cost per
        // member instead, while the work (gradient evaluations, measurements) scales with them.
        let layer1Units = Double(scale.layer1UnitsPerMember)
        let cells = Double(analysis.cells?.count ?? scale.cells)
        let columns = min(cells, Self.estimateColumns)
        // Each selected phenomenon's conditions, from its kind (no phenomenon is named here).
        let perPhenomenon: [(id: Phenomenon, costs: [ConditionCost])] = phenomena.compactMap { id in
            id.kind.map { (id, $0.cost(in: protocols, historyFrames: historyFrames, columns: columns)) }
        }
        let all = perPhenomenon.flatMap { p in p.costs.map { (id: p.id, cost: $0) } }
        let frames = all.reduce(0.0) { $0 + $1.cost.frames * $1.cost.count }
        let windows = all.reduce(0.0) { $0 + $1.cost.explainedWindows * $1.cost.count }
        let longest = all.max { $0.cost.frames < $1.cost.frames }
        let points = Double(analysis.integratedGradients.steps) + 1
        func bytesOf(_ c: ConditionCost) -> Double {
            c.count * (c.frames * Self.estimatePixelsPerFrame * 4 + c.explainedWindows * layer1Units * 4 * 6
                       + c.frames * Double(scale.cells) * 4 * 4)
        }
        let bytes = perPhenomenon.map { p in p.costs.reduce(0.0) { $0 + bytesOf($1) } }
        let largest = bytes.indices.max { bytes[$0] < bytes[$1] }
        let largestParameter = largest.flatMap { i in
            perPhenomenon[i].costs.max { bytesOf($0) < bytesOf($1) }.map { "\(perPhenomenon[i].id.rawValue).\($0.parameter)" }
        }
        // Causal tests: per phenomenon the full model, up to `estimateKeptGroups` singles, all kept,
        // all but kept, the control and the four pathway types; each hypothesis three interventions.
        let perTest = 1 + (causal.includeSingles ?? true ? Self.estimateKeptGroups : 0) + 3 + 4
        let measurements = causal.enabled
            ? (Double(perPhenomenon.count * perTest) + 3 * Double(causal.hypotheses.count)) * members : 0
        return CostEstimate(frames: frames, analysedWindows: windows, bytes: bytes.max() ?? 0,
                            gradientEvaluations: windows * points * members, memberMeasurements: measurements,
                            longestConditionFrames: longest?.cost.frames ?? 0,
                            longestConditionParameter: longest.map { "\($0.id.rawValue).\($0.cost.parameter)" } ?? "phenomena",
                            largestAnalysisParameters: largestParameter ?? "phenomena")
    }

    static func gigabytes(_ bytes: Double) -> String { String(format: "%.1f GB", bytes / 1_073_741_824) }

    static func text(_ x: Double) -> String {
        x < 1e15 ? String(Int64(x.rounded())) : String(format: "%.3g", x)
    }
}
