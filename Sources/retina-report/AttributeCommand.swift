import ArgumentParser
import ArrayIO
import Foundation
import Mechanisms
import RetinaCNN

struct AttributeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attribute",
        abstract: "Integrated-gradients attributions of a stimulus for the summed rate of chosen cells.",
        usage: """
        retina-report attribute --stimulus <stimulus> --cells <cells>
        --output <output> [--model <model>] [--overwrite] [--steps <steps>]
        [--quadrature <quadrature>] [--site <site>]
        """,
        discussion: """
        The stimulus is an NPY float32/float64 array T × H × W in contrast units (10 ms frames) on the \
        model's screen. The target is the sum of the listed cells' rates; the baseline is the gray \
        screen.

        The output is float32: (windows, C1, H1, W1) layer-1 attributions A_cxy (8 × 36 × 36 \
        for the paper's model) with --site layer1, or (windows, T, H, W) pixel attributions (40 × 50 × 50) \
        with --site input, in Hz. Row i is the window ending at frame i + history − 1, as in `predict`. \
        Beside the output, <output stem>.completeness.npy holds one completeness gap per window, \
        Σ A − (r(s) − r(0)) in Hz.
        """
    )

    enum Site: String, ExpressibleByArgument, CaseIterable {
        case layer1, input
    }

    @Option(help: "Model weights (.safetensors).") var model: String = ModelLocation.shippedPath
    @Option(help: "Stimulus movie (.npy, T × H × W).") var stimulus: String
    @Option(help: "Cells whose summed rate is explained, comma-separated indices (e.g. 0,3).") var cells: String
    @Option(help: "Output attributions (.npy); an existing file is replaced only with --overwrite.") var output: String
    @Flag(help: "Replace existing output files (never a folder, device, pipe or symbolic link).") var overwrite = false
    @Option(help: "Quadrature steps N (rightRiemann: N − 1 gradient evaluations).") var steps: Int = 100
    @Option(help: "Path-integral rule: rightRiemann (reference code), trapezoid or gaussLegendre (the spelling of run --quadrature).")
    var quadrature: IntegrationQuadrature = .rightRiemann
    @Option(help: "Attribution site: layer1 (first-layer units) or input (stimulus pixels).") var site: Site = .layer1

    /// `A.npy` → `A.completeness.npy`; a name without `.npy` gets `.completeness.npy` appended.
    static func completenessPath(for output: String) -> String {
        output.hasSuffix(".npy") ? String(output.dropLast(4)) + ".completeness.npy" : output + ".completeness.npy"
    }

    /// Parses `0,3` into `[0, 3]`.
    static func parseCells(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.map { Int($0) }
        guard !text.isEmpty, values.allSatisfy({ $0 != nil && $0! >= 0 }), Set(values).count == values.count else {
            throw ValidationError("--cells: expected distinct comma-separated cell indices ≥ 0 (e.g. 0,3), found '\(text)'")
        }
        return values.map { $0! }
    }

    func run() throws {
        let chosen = try Self.parseCells(cells)
        guard steps >= 2, steps <= IntegratedGradientsSettings.maximumSteps else {
            throw ValidationError("--steps: expected 2 … \(IntegratedGradientsSettings.maximumSteps), found \(steps)")
        }
        try reportingErrors {
            let outputURL = try OutputPath.checked(output, overwrite: overwrite)
            let gapsURL = try OutputPath.checked(Self.completenessPath(for: output), overwrite: overwrite)
            // A model with stored normalisation (recording-trained or imported) takes raw units.
            let (loaded, metadata) = try BNCNN.load(contentsOf: URL(fileURLWithPath: model))
            let network = try loaded.adaptedForInput(.raw, metadata: metadata)
            if let bad = chosen.first(where: { $0 >= network.cellCount }) {
                throw ValidationError("--cells: expected indices in 0..<\(network.cellCount) (the model's cells), found \(bad)")
            }
            let movie = try NPYArray.read(contentsOf: URL(fileURLWithPath: stimulus)).movie(source: stimulus)
            guard movie.height == network.screen.height, movie.width == network.screen.width else {
                throw ValidationError("--stimulus: expected frames of \(network.screen.height)x\(network.screen.width) pixels "
                                      + "(the model's screen), found \(movie.height)x\(movie.width) in '\(stimulus)'")
            }
            guard movie.frames >= network.historyFrames else {
                throw ValidationError("--stimulus: expected at least \(network.historyFrames) frames (one window), "
                                      + "found \(movie.frames) in '\(stimulus)'")
            }
            let result = try StimulusAttribution.attribute(model: network, stimulus: movie, cells: chosen,
                                                           site: site == .layer1 ? .layer1 : .input,
                                                           steps: steps, quadrature: quadrature)
            let gapsPath = Self.completenessPath(for: output)
            try NPYArray(shape: result.shape, values: result.attributions).write(to: outputURL, replacingExisting: overwrite)
            try NPYArray(shape: [result.windows], values: result.gaps.map(Float.init)).write(to: gapsURL, replacingExisting: overwrite)
            note("\(result.windows) windows; largest completeness gap \(String(format: "%.3g", result.maxAbsoluteGap)) Hz")
            print(output)
            print(gapsPath)
        }
    }
}
