import ArrayIO
import Foundation
import ModelCards
import RetinaCNN

/// Several BN-CNNs that differ only by their training seed, loaded from an ensemble directory
/// (``EnsembleFiles``) or from a list of model files, and checked to be averageable (docs/cluster.md §2).
///
/// Loading refuses (``EnsembleError``, exit 64; the message names the member file, the property, the
/// expected and the found value): no members; a `member-x.safetensors` whose seed does not parse;
/// unfinished members (a training checkpoint, temporary or partial file without the model — the
/// message says how to finish it); members that differ from the first in cells (count, or centres
/// unless every member was trained on a recording, whose centres each member estimates),
/// architecture, input normalisation (`norm_stats`), response pairing, data source, or — when the
/// members carry model cards — in any recipe field but the seed; a member with a card beside one
/// without; a file name whose seed differs from its card's; the same seed (or the same weights)
/// twice; and with `ensemble.json`, a listed seed without its member or a member it does not list.
public struct ModelEnsemble: Sendable {
    /// One member as stored (not yet adapted for analysis; see ``analysisModels()``).
    public struct Member: Sendable {
        /// The training seed: from the model card, else from the file name (nil for a card-less model
        /// given by path).
        public var seed: UInt64?
        public var file: URL
        public var model: BNCNN
        public var metadata: [String: String]
        public var card: ModelCard?
    }

    /// Members in ascending seed order (files without a seed last, in the order given).
    public var members: [Member]
    /// The ensemble directory's `ensemble.json`, when there is one.
    public var manifest: EnsembleManifest?
    /// The directory, when loaded from one.
    public var directory: URL?

    public var count: Int { members.count }
    /// Layer-1 channels of one member.
    public var channelsPerMember: Int { members.first?.model.architecture.conv1Channels ?? 0 }

    /// Loads every `member-<seed>.safetensors` of `directory` (and its `ensemble.json`, if any).
    /// More than `memberLimit` members are refused (``EnsembleError/invalidOption(option:expected:found:)``,
    /// exit 64) before any member is read.
    public static func load(directory: URL, memberLimit: Int = .max) throws -> ModelEnsemble {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw EnsembleError.notADirectory(path: directory.path)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        var finished: [UInt64: [String]] = [:]
        var unfinished: [(seed: UInt64, name: String, kind: EnsembleFiles.UnfinishedKind)] = []
        for name in names {
            switch EnsembleFiles.classify(name) {
            case .member(let seed): finished[seed, default: []].append(name)
            case .unfinished(let seed, let kind): unfinished.append((seed, name, kind))
            case .malformedMember: throw EnsembleError.badMemberName(path: directory.appendingPathComponent(name).path)
            case .other: break
            }
        }
        // A checkpoint or temporary file beside a finished model is a leftover of a run killed
        // between writing the model and cleaning up: the model is complete.
        for u in unfinished where finished[u.seed] == nil {
            throw incomplete(directory: directory, seed: u.seed, name: u.name, kind: u.kind)
        }
        let manifestURL = EnsembleFiles.manifestURL(in: directory)
        let manifest = FileManager.default.fileExists(atPath: manifestURL.path) ? try EnsembleManifest.read(contentsOf: manifestURL) : nil
        if let manifest {
            let listed = try SeedList(seeds: manifest.seeds)
            for seed in manifest.seeds where finished[seed] == nil {
                throw EnsembleError.missingMember(path: EnsembleFiles.memberURL(seed: seed, in: directory).path, manifest: manifestURL.path)
            }
            if let extra = finished.keys.sorted().first(where: { !manifest.seeds.contains($0) }) {
                throw EnsembleError.unlistedMember(path: directory.appendingPathComponent(finished[extra]![0]).path,
                                                   manifest: manifestURL.path, listed: listed.description)
            }
        }
        for (seed, files) in finished.sorted(by: { $0.key < $1.key }) where files.count > 1 {
            throw EnsembleError.duplicateMember(seed: "\(seed)", paths: files.map { directory.appendingPathComponent($0).path })
        }
        guard !finished.isEmpty else { throw EnsembleError.noMembers(directory: directory.path) }
        try checkCount(finished.count, limit: memberLimit, what: directory.path)
        var members: [Member] = []
        for seed in finished.keys.sorted() {
            let url = directory.appendingPathComponent(finished[seed]![0])
            var member = try readMember(url)
            if let cardSeed = member.card?.recipe.seed, cardSeed != seed {
                throw EnsembleError.seedMismatch(path: url.path, nameSeed: seed, cardSeed: cardSeed)
            }
            member.seed = seed
            members.append(member)
        }
        var ensemble = ModelEnsemble(members: members, manifest: manifest, directory: directory)
        try ensemble.checkConsistency()
        if let manifest { try ensemble.check(against: manifest, at: manifestURL) }
        ensemble.members.sort { ($0.seed ?? .max) < ($1.seed ?? .max) }
        return ensemble
    }

    /// Loads the given model files as an ensemble (`run --model A --model B`); seeds come from the
    /// model cards.
    public static func load(files: [URL], memberLimit: Int = .max) throws -> ModelEnsemble {
        guard !files.isEmpty else { throw EnsembleError.noMembers(directory: "(no model files given)") }
        try checkCount(files.count, limit: memberLimit, what: "the model files given")
        let members = try files.map(readMember)
        var ensemble = ModelEnsemble(members: members, manifest: nil, directory: nil)
        try ensemble.checkConsistency()
        ensemble.members = members.enumerated().sorted { a, b in
            (a.element.seed ?? .max, a.offset) < (b.element.seed ?? .max, b.offset)
        }.map(\.element)
        return ensemble
    }

    static func checkCount(_ count: Int, limit: Int, what: String) throws {
        guard count > limit else { return }
        throw EnsembleError.invalidOption(option: "ensemble members (\(what))",
                                          expected: "at most \(limit) (the run's memory budget: about 0.38 GB per member)",
                                          found: "\(count)")
    }

    /// A member as stored: the model, its metadata and its card (read errors name the file).
    static func readMember(_ url: URL) throws -> Member {
        let (model, metadata) = try BNCNN.load(contentsOf: url)
        let card = try ModelCard.from(metadata: metadata)
        return Member(seed: card?.recipe.seed, file: url, model: model, metadata: metadata, card: card)
    }

    /// The refusal of an unfinished member, with how to finish it.
    static func incomplete(directory: URL, seed: UInt64, name: String, kind: EnsembleFiles.UnfinishedKind) -> EnsembleError {
        let model = EnsembleFiles.memberURL(seed: seed, in: directory).path
        let file = directory.appendingPathComponent(name).path
        let resume = "finish it with the same `retina-report train --output-dir \(directory.path) --seeds \(seed) … --resume` it was started with (the checkpoint records its recipe)"
        switch kind {
        case .checkpoint:
            return .incompleteMember(path: model, evidence: "'\(file)' is a training checkpoint and the model was not written yet (training is running or was interrupted)",
                                     howToFinish: resume)
        case .temporary:
            return .incompleteMember(path: model, evidence: "'\(file)' is a write in progress (or one killed part-way)",
                                     howToFinish: "wait for the writer, or remove the file and re-run its training")
        case .partial:
            return .incompleteMember(path: model, evidence: "'\(file)' is a partial copy",
                                     howToFinish: "finish the copy (rename it to \(EnsembleFiles.memberName(seed: seed))) or remove it")
        }
    }

    /// The members as the analyses need them — the run pipeline's `loadModel` steps: input in Weber
    /// contrast (`adaptedForInput(.weberContrast, metadata:)`) and rows aligned to the responses they
    /// predict (`alignedToResponses`). All members share normalisation and pairing (checked).
    /// Centres that differ (members of a recording, each estimating them) are replaced by their
    /// mean over the members, so every member is shown the same stimuli.
    public func analysisModels() throws -> [BNCNN] {
        let models = try members.map {
            try $0.model.adaptedForInput(.weberContrast, metadata: $0.metadata)
                .alignedToResponses(ResponsePairing.from(metadata: $0.metadata))
        }
        guard let centres = Self.meanCentres(models.map(\.cellCentres)) else { return models }
        return models.map { $0.withCellCentres(centres) }
    }

    /// The members' cell centres averaged per cell (y and x), when every member has them and they
    /// differ; nil otherwise (nothing to replace).
    static func meanCentres(_ all: [[(y: Double, x: Double)]?]) -> [(y: Double, x: Double)]? {
        let known = all.compactMap { $0 }
        guard known.count == all.count, let first = known.first, known.count > 1,
              known.contains(where: { c in zip(c, first).contains { $0.y != $1.y || $0.x != $1.x } }) else { return nil }
        let k = Double(known.count)
        return first.indices.map { j in
            (y: known.reduce(0.0) { $0 + $1[j].y } / k, x: known.reduce(0.0) { $0 + $1[j].x } / k)
        }
    }
}
