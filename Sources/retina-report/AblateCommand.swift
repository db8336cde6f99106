import ArgumentParser
import ArrayIO
import Foundation
import RetinaCNN

struct AblateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ablate",
        abstract: "Silence first-layer channels or units of a model and write the result as a model file.",
        usage: """
        retina-report ablate [--channels <channels>] [--units <units>]
        --output <output> [--model <model>] [--overwrite]
        """,
        discussion: """
        Silenced units are clamped to their gray-screen pre-activation (the conv1 bias; a gray screen \
        is zero contrast). Whole channels (--channels 2,5) get their conv1 kernel zeroed, bias kept. \
        Units (--units c3@x10-14, map columns x, optionally @yA-B map rows; default every row) are \
        silenced through their per-unit BN1 (γ = 0, β = the BN1 output at the bias), which needs a \
        per-unit batch-norm model.

        The output is an ordinary model file (predict, validate, run and inspect accept it); its \
        metadata keeps the input's and adds 'silencing' (JSON of what was silenced, merged with any \
        earlier silencing).
        """
    )

    @Option(help: "Model weights (.safetensors).") var model: String = ModelLocation.shippedPath
    @Option(help: "Channels to silence, comma-separated indices (e.g. 2,5).") var channels: String?
    @Option(help: "Units to silence: comma-separated cN@xA-B[@yA-B] in layer-1 map coordinates (e.g. c3@x10-14).") var units: String?
    @Option(help: "Output model (.safetensors).") var output: String
    @Flag(help: "Replace an existing output file.") var overwrite = false

    /// Parses `2,5` into `[2, 5]`.
    static func parseChannels(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.map { Int($0) }
        guard !text.isEmpty, values.allSatisfy({ $0 != nil && $0! >= 0 }) else {
            throw ValidationError("--channels: expected comma-separated channel indices ≥ 0 (e.g. 2,5), found '\(text)'")
        }
        return values.map { $0! }
    }

    func run() throws {
        guard channels != nil || units != nil else { throw ValidationError("give --channels and/or --units to silence") }
        let chosen = try channels.map(Self.parseChannels) ?? []
        try reportingErrors {
            let regions = try units.map(Layer1Silencing.parseRegions) ?? []
            let outputURL = URL(fileURLWithPath: output)
            if FileManager.default.fileExists(atPath: output) && !overwrite {
                throw ArrayIOError.cannotCreate(path: output, reason: "it exists; pass --overwrite to replace it")
            }
            let (network, metadata) = try BNCNN.load(contentsOf: URL(fileURLWithPath: model))
            var silencing = Layer1Silencing(channels: chosen, regions: regions).normalised()
            let silenced = try network.silenced(silencing)
            if let earlier = metadata[BNCNN.silencingMetadataKey],
               let previous = try? JSONDecoder().decode(Layer1Silencing.self, from: Data(earlier.utf8)) {
                silencing = previous.union(silencing)
            }
            var out = metadata
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            out[BNCNN.silencingMetadataKey] = String(decoding: try encoder.encode(silencing), as: UTF8.self)
            try silenced.save(to: outputURL, metadata: out)
            note("silenced \(silencing)")
            print(output)
        }
    }
}
