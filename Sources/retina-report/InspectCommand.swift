import ArgumentParser
import Foundation
import ModelCards
import RetinaCNN
import Training

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print a model's architecture, tensors and metadata (model card), or list and check an ensemble folder.",
        discussion: """
        Given a folder of member-<seed>.safetensors files (made by `train --output-dir DIR --seeds …`), \
        lists the members and checks that they form one ensemble: the same cells, architecture, \
        input normalisation, response pairing and recipe but the seed, no unfinished members (exit 64 \
        naming the member file otherwise).

        `--store-coverage OUT` writes a copy of a single model whose card carries the memory-coverage \
        check (measured now on the card's simulated retina for a card written before the check \
        existed); the tensors and every other metadata entry are copied unchanged.
        """)

    @Argument(help: "Model weights (.safetensors), or an ensemble folder.") var model: String = ModelLocation.shippedPath
    @Option(name: .customLong("store-coverage"),
            help: ArgumentHelp("Write a copy of the model with the memory-coverage check stored in its card to this file.",
                               valueName: "out"))
    var storeCoverage: String?
    @Flag(help: "Replace an existing --store-coverage file.") var overwrite = false

    func run() throws {
        try reportingErrors {
            let url = URL(fileURLWithPath: model)
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: model, isDirectory: &isFolder)
            if exists, isFolder.boolValue, storeCoverage == nil {
                print(EnsembleDescription.text(try ModelEnsemble.load(directory: url)), terminator: "")
                return
            }
            if let storeCoverage {
                if exists, isFolder.boolValue {
                    throw ValidationError("--store-coverage: expected a single model file, found the folder '\(model)'")
                }
                let destination = try OutputPath.checked(storeCoverage, option: "--store-coverage", overwrite: overwrite)
                if destination.resolvingSymlinksInPath().path == url.resolvingSymlinksInPath().path {
                    throw ValidationError("--store-coverage: expected a new file, found the model itself ('\(model)')")
                }
                let coverage = try MemoryCoverage.storeInCard(of: url, writingTo: destination)
                print("wrote \(storeCoverage): \(coverage.summary)")
                return
            }
            let (network, metadata) = try BNCNN.load(contentsOf: url)
            print(try ModelDescription.text(model: network, metadata: metadata, path: model), terminator: "")
        }
    }
}
