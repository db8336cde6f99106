import Foundation
import ModelCards
import RetinaCNN

extension ModelEnsemble {
    /// Checks that every member can be averaged with the first (see the type's documentation); the
    /// first difference found is thrown, naming the member and the first member as reference.
    func checkConsistency() throws {
        guard let first = members.first else { throw EnsembleError.noMembers(directory: directory?.path ?? "(no model files given)") }
        let reference = first.file.path
        let referenceNormalisation = try StimulusNormalisation.from(metadata: first.metadata)
        let referencePairing = try ResponsePairing.from(metadata: first.metadata)
        for m in members.dropFirst() {
            func refuse(_ property: String, _ expected: String, _ found: String) -> EnsembleError {
                .memberMismatch(path: m.file.path, property: property, expected: expected, found: found, reference: reference)
            }
            let (a, b) = (first.model.architecture, m.model.architecture)
            if a.cells != b.cells { throw refuse("cell count", "\(a.cells)", "\(b.cells)") }
            for (name, x, y) in Self.inferenceFields(a, b) where x != y {
                throw refuse("architecture (\(name))", x, y)
            }
            // Members of a recording estimate the centres from their own filters (CellFilterEstimation):
            // they may differ, and the analyses use their mean (``analysisModels()``).
            let estimated = first.card?.dataSource != nil && m.card?.dataSource != nil
            if let e = Self.centresDifference(first.model.cellCentres, m.model.cellCentres),
               !(estimated && first.model.cellCentres?.count == m.model.cellCentres?.count) {
                throw refuse("cell centres", e.expected, e.found)
            }
            let normalisation = try StimulusNormalisation.from(metadata: m.metadata)
            if normalisation != referenceNormalisation {
                throw refuse("input normalisation (\(StimulusNormalisation.metadataKey))", Self.describe(referenceNormalisation), Self.describe(normalisation))
            }
            let pairing = try ResponsePairing.from(metadata: m.metadata)
            if pairing != referencePairing { throw refuse("response pairing", referencePairing.rawValue, pairing.rawValue) }
            switch (first.card, m.card) {
            case (nil, nil):
                break
            case (.some, nil):
                throw refuse("model card", "a model card (as the reference has)", "none")
            case (nil, .some):
                throw refuse("model card", "none (as the reference has none)", "a model card")
            case let (c0?, c?):
                if c0.recipe.withoutSeed != c.recipe.withoutSeed {
                    throw refuse("training recipe (anything but the seed)",
                                 "recipe \(c0.recipe.fingerprint.prefix(12))",
                                 "recipe \(c.recipe.fingerprint.prefix(12)), differing in " + c0.recipe.differingFields(from: c.recipe).joined(separator: ", "))
                }
                if let d = Self.dataSourceDifference(c0.dataSource, c.dataSource) { throw refuse("data source", d.expected, d.found) }
            }
        }
        // The same seed twice (from the cards: a renamed copy), or the same weights twice.
        var bySeed: [UInt64: [String]] = [:]
        for m in members { if let s = m.seed { bySeed[s, default: []].append(m.file.path) } }
        if let (seed, paths) = bySeed.sorted(by: { $0.key < $1.key }).first(where: { $0.value.count > 1 }) {
            throw EnsembleError.duplicateMember(seed: "\(seed)", paths: paths)
        }
        for i in members.indices {
            for j in members.indices where j > i && members[i].model.parameters == members[j].model.parameters {
                throw EnsembleError.duplicateMember(seed: "\(members[i].seed.map(String.init) ?? "?") (identical weights)",
                                                    paths: [members[i].file.path, members[j].file.path])
            }
        }
    }

    /// With `ensemble.json`: every member's recipe (seed aside) must be the manifest's.
    func check(against manifest: EnsembleManifest, at url: URL) throws {
        for m in members {
            guard let card = m.card else {
                throw EnsembleError.memberMismatch(path: m.file.path, property: "model card", expected: "a model card with the recipe of '\(url.path)'",
                                                   found: "none", reference: url.path)
            }
            if card.recipe.withoutSeed != manifest.recipe {
                throw EnsembleError.memberMismatch(
                    path: m.file.path, property: "training recipe (anything but the seed)",
                    expected: "recipe \(manifest.recipeHash.prefix(12))",
                    found: "recipe \(card.recipe.fingerprint.prefix(12)), differing in " + manifest.recipe.differingFields(from: card.recipe).joined(separator: ", "),
                    reference: url.path)
            }
        }
    }

    /// The architecture fields that change inference (noise σ and BN momentum only act in training).
    static func inferenceFields(_ a: BNCNNArchitecture, _ b: BNCNNArchitecture) -> [(String, String, String)] {
        [("historyFrames", "\(a.historyFrames)", "\(b.historyFrames)"),
         ("screen", "\(a.height)x\(a.width)", "\(b.height)x\(b.width)"),
         ("conv1Channels", "\(a.conv1Channels)", "\(b.conv1Channels)"),
         ("conv1Kernel", "\(a.conv1Kernel)", "\(b.conv1Kernel)"),
         ("conv2Channels", "\(a.conv2Channels)", "\(b.conv2Channels)"),
         ("conv2Kernel", "\(a.conv2Kernel)", "\(b.conv2Kernel)"),
         ("batchNorm", a.batchNorm.rawValue, b.batchNorm.rawValue),
         ("bnEpsilon", "\(a.bnEpsilon)", "\(b.bnEpsilon)")]
    }

    static func centresDifference(_ a: [(y: Double, x: Double)]?, _ b: [(y: Double, x: Double)]?) -> (expected: String, found: String)? {
        func text(_ c: [(y: Double, x: Double)]?) -> String {
            c.map { $0.map { "(\($0.y), \($0.x))" }.joined(separator: " ") } ?? "none"
        }
        switch (a, b) {
        case (nil, nil): return nil
        case let (x?, y?) where x.count == y.count && zip(x, y).allSatisfy({ $0.y == $1.y && $0.x == $1.x }): return nil
        default: return (text(a), text(b))
        }
    }

    static func describe(_ n: StimulusNormalisation?) -> String {
        n.map { "mean \($0.mean), std \($0.std)" } ?? "none (contrast input)"
    }

    /// The recording identity (file, checksum, cells, crop, pairing); accuracy may differ by seed.
    static func dataSourceDifference(_ a: RecordingDataSource?, _ b: RecordingDataSource?) -> (expected: String, found: String)? {
        func identity(_ d: RecordingDataSource?) -> String {
            guard let d else { return "the simulated retina" }
            return "\(d.kind) '\(d.fileName)' sha256 \(d.sha256 ?? "none"), cells \(d.cellIDs), crop \(d.crop.map { "\($0)" } ?? "none")"
        }
        let (x, y) = (identity(a), identity(b))
        return x == y ? nil : (x, y)
    }
}
