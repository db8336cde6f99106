import ArgumentParser
import Foundation
import RetinaCNN

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure engine throughput: inference, a training step (batch 64), layer-1 IG.",
        discussion: "Build with -c release. Compare with Benchmarks/pytorch_reference.py in the same session.")

    @Option(help: "Timed training steps.") var steps: Int = 10
    @Option(help: "Worker threads (training).") var workers: Int = 2

    func run() throws {
        try reportingErrors {
            var config = EngineBenchmarkConfiguration()
            config.trainingSteps = steps
            config.workers = workers
            let r = try EngineBenchmark.run(config)
            print(String(format: "inference          %8.0f windows/s", r.inferenceSamplesPerSecond))
            print(String(format: "training (batch %d) %8.0f samples/s  (median step %.1f ms)", config.batchSize,
                         r.trainingSamplesPerSecond, r.trainingStepSecondsMedian * 1000))
            print(String(format: "layer-1 IG         %8.0f window·α-steps/s", r.integratedGradientStepsPerSecond))
        }
    }
}
