import Foundation
import Mechanisms
import Phenomena

/// Wall-clock of the phenomenon analyses alone — integrated gradients, pooling, channel typing,
/// reduction and metrics, without export, figures or report — with exactly the settings and
/// protocols of `retina-report run` for the same configuration. `retina-report bench --analyses`
/// prints it; the target is all four under 60 s on 2 cores (issue #4).
public enum AnalysesBenchmark {
    /// One analysis's timing.
    public struct Timing: Sendable, Equatable {
        public var phenomenon: Phenomenon
        public var seconds: Double
        /// Conditions analysed and windows explained by integrated gradients.
        public var conditions: Int
        public var explainedWindows: Int
        /// Largest completeness gap over the response range (a sanity check that the work was real).
        public var maxGapOverResponseRange: Double
    }

    /// Runs `config.phenomena` in order and times each; throws the first analysis error.
    public static func run(_ config: RunConfiguration, clock: any WallClock = SystemWallClock()) throws -> [Timing] {
        try config.validate()
        let (model, card) = try RunPipeline.loadModel(config)
        let (settings, groundTruth) = RunPipeline.analysisInputs(config, card: card)
        return try config.phenomena.map { p in
            let t0 = clock.now()
            let outcome = try RunPipeline.analyse(p, model: model, config: config, settings: settings, groundTruth: groundTruth)
            let seconds = clock.now().timeIntervalSince(t0)
            func timing<M>(_ a: MechanismAnalysis<M>) -> Timing {
                Timing(phenomenon: p, seconds: seconds, conditions: a.conditions.count,
                       explainedWindows: a.conditions.reduce(0) { $0 + ($1.explainedRows?.count ?? 0) },
                       maxGapOverResponseRange: a.completeness.maxGapOverResponseRange)
            }
            switch outcome {
            case .osr(let a): return timing(a)
            case .latency(let a): return timing(a)
            case .reversal(let a): return timing(a)
            case .anticipation(let a): return timing(a)
            case .failed(_, _, let message):
                throw RunPipelineError.invalidParameter(name: p.rawValue, expected: "a completed analysis", found: message)
            }
        }
    }
}
