import ArgumentParser
import ArrayIO
import Foundation
import Phenomena
import RetinaCNN
import RetinaCore
import RetinaSimulation
import ModelCards
import Training

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Measure the four phenomena and print the pass/fail table.",
        usage: """
        retina-report validate [--model <model>] [--ablate <ablate> ...]
        [--json <json> [--overwrite]] [--history <history>]
        """,
        discussion: """
        Without --model, measures the simulated ground-truth retina (optionally with planted \
        components ablated); with --model, measures a trained CNN on the same 50 × 50 stimuli \
        (unsmoothed output). The criteria are the project's acceptance criteria for OSR, latency \
        coding, motion reversal and motion anticipation.

        Memory coverage: with --history N the ground truth is restricted to its last N frames (gray \
        before), the best any model with an N-frame window could do, and the check prints how well \
        that restricted retina matches the full one; with --model the same check runs for the \
        model's own window (stored in its card, or measured on the card's simulated retina).
        """
    )

    @Option(help: "Measure this CNN (.safetensors) instead of the ground truth.") var model: String?
    @Option(parsing: .upToNextOption, help: "Ablate planted components of the ground truth.")
    var ablate: [RetinaAblation] = []
    @Option(help: "Also write the full validation (metrics, traces, criteria) as JSON.") var json: String?
    @Flag(help: "Replace an existing --json file.") var overwrite = false
    @Option(help: "Without --model: restrict the ground truth to its last N frames (a model's window) and check its memory coverage.")
    var history: Int?

    func run() throws {
        try reportingErrors {
            // The --json target is checked before any work (an existing file needs --overwrite; a
            // special file, a symbolic link or a missing folder is refused), as every output is.
            let jsonURL = try json.map { try OutputPath.checked($0, option: "--json", overwrite: overwrite) }
            if let model {
                guard ablate.isEmpty else { throw ValidationError("--ablate applies to the ground truth, not to --model") }
                guard history == nil else { throw ValidationError("--history restricts the ground truth; a --model has its own window") }
                let (network, metadata) = try BNCNN.load(contentsOf: URL(fileURLWithPath: model))
                var suite = PhenomenonSuite.validation
                suite.trimsToAnalysedFrames = true
                let validation = try suite.measure(network)
                print(validation.formattedTable(title: "CNN \(model)"), terminator: "")
                if let card = try ModelCard.from(metadata: metadata) {
                    if let coverage = try MemoryCoverage.of(card: card, windowFrames: network.historyFrames) {
                        print(coverage.summary)
                    } else {
                        print("memory coverage: not in this model's card (it is measured when `train --data` trains a model)")
                    }
                }
                if let jsonURL { try StableJSON.write(validation, to: jsonURL) }
                return
            }
            if let history {
                guard (1...TrainingRecipe.maximumHistoryFrames).contains(history) else {
                    throw ValidationError("--history: expected 1 … \(TrainingRecipe.maximumHistoryFrames) frames, found \(history)")
                }
                guard ablate.isEmpty else { throw ValidationError("--history and --ablate exclude each other") }
                let coverage = try MemoryCoverage.simulatedRetina(SimulatedRetina(), windowFrames: history,
                                                                  stimulus: TrainingRecipe.shipped.stimulus, seed: TrainingRecipe.shipped.seed)
                print(coverage.formattedTable(), terminator: "")
                print(coverage.summary)
                if let jsonURL { try StableJSON.write(coverage, to: jsonURL) }
                return
            }
            var retina = SimulatedRetina()
            if !ablate.isEmpty { retina = try retina.ablated(Set(ablate)) }
            var suite = PhenomenonSuite.validation
            suite.screenPolicy = .reduced
            let validation = try suite.measure(retina)
            let title = "Ground-truth retina" + (ablate.isEmpty ? "" : " (ablated: \(ablate.map(\.rawValue).joined(separator: ", ")))")
            print(validation.formattedTable(title: title), terminator: "")
            if let jsonURL { try StableJSON.write(validation, to: jsonURL) }
        }
    }
}
