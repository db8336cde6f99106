import ArgumentParser
import Foundation
import Phenomena
import Report
import RetinaCNN
import ReportKit
import ModelCards

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure engine throughput (inference, a training step, layer-1 IG) or, with --analyses, the four analyses.",
        usage: """
        retina-report bench [--steps <steps>] [--workers <workers>]
        [--ig-windows <ig-windows>] [--history <history>]
        retina-report bench --analyses [--model <model>]
        """,
        discussion: """
        Build with -c release. Compare the engine numbers with Benchmarks/pytorch_reference.py in \
        the same session, at the same --history.

        --analyses times the phenomenon analyses of `retina-report run` on --model with the run's \
        settings (no export, figures or report); target: all four under 60 s on 2 cores.
        """)

    @Option(help: "Timed training steps.") var steps: Int = 10
    @Option(help: "Worker threads (training).") var workers: Int = 2
    @Flag(help: "Time the four phenomenon analyses instead of the engine.") var analyses = false
    @Option(help: "Model for --analyses (.safetensors).") var model: String = "Assets/model/bncnn-groundtruth.safetensors"
    @Option(help: "Windows of the layer-1 IG measurement (100 α-steps each); more windows, steadier figures.")
    var igWindows: Int = 8
    @Option(help: "Input window of the benchmarked network, frames (train's default; 40 is the paper's).")
    var history: Int = TrainingRecipe.defaultHistoryFrames

    func run() throws {
        try reportingErrors {
            if analyses {
                print("BLAS: \(BLASCoreType.runtimeDescription)")
                let timings = try AnalysesBenchmark.run(RunConfiguration(model: model))
                for t in timings {
                    print(t.phenomenon.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
                          + String(format: " %6.1f s  (%d conditions, %d explained windows, max gap %.3f %% of the response range)",
                                   t.seconds, t.conditions, t.explainedWindows, 100 * t.maxGapOverResponseRange))
                }
                let total = timings.reduce(0) { $0 + $1.seconds }
                print(String(format: "all four      %6.1f s", total) + "  (target < 60 s: \(total < 60 ? "met" : "NOT met"))")
                return
            }
            var config = EngineBenchmarkConfiguration()
            config.trainingSteps = steps
            config.workers = workers
            guard igWindows >= 1 else { throw ValidationError("--ig-windows must be ≥ 1, found \(igWindows)") }
            config.integratedGradientWindows = igWindows
            guard (1...TrainingRecipe.maximumHistoryFrames).contains(history) else {
                throw ValidationError("--history: expected 1 … \(TrainingRecipe.maximumHistoryFrames) frames, found \(history)")
            }
            config.architecture = BNCNNArchitecture(cells: 8, historyFrames: history)
            print("network: BN-CNN, window \(history) frames, 8 cells, \(workers) worker(s)")
            print("BLAS: \(BLASCoreType.runtimeDescription)")
            let r = try EngineBenchmark.run(config)
            print(String(format: "inference          %8.0f windows/s", r.inferenceSamplesPerSecond))
            print(String(format: "training (batch %d) %8.0f samples/s  (median step %.1f ms)", config.batchSize,
                         r.trainingSamplesPerSecond, r.trainingStepSecondsMedian * 1000))
            print(String(format: "layer-1 IG         %8.0f window·α-steps/s", r.integratedGradientStepsPerSecond))
        }
    }
}
