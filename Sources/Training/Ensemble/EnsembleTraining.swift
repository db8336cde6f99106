import ArrayIO
import Foundation
import ModelCards
import RetinaCNN
import RetinaSimulation
import Recordings

/// `train --seeds S --output-dir DIR` (and one Slurm array task of it): the members of one ensemble,
/// trained one after the other with the same recipe and their own seeds, into
/// `DIR/member-<seed>.safetensors` (``EnsembleFiles``; docs/cluster.md §1).
///
/// On the simulated retina (default) each seed also draws its own data; on a recording
/// (``RecordingMembers``, `train --data F --output-dir DIR`) every member sees the same recording and
/// the seed sets initialisation, batches and noise. Recording training keeps no checkpoint, so a
/// recording member interrupted mid-training starts again from scratch.
///
/// Every member is resumable on its own (`member-<seed>.safetensors.checkpoint`, written after every
/// validation and removed when the member is written). Before any work, ``prepare()`` decides per
/// member (``Action``):
///
/// | member file | checkpoint | options | action |
/// |---|---|---|---|
/// | exists, same recipe | – | – | skipped (never replaced) |
/// | exists, other recipe | – | – | refused (64) |
/// | exists | – | `--overwrite` | trained again from scratch |
/// | missing | exists | `--resume` | continued from the checkpoint (a checkpoint of another recipe: 65) |
/// | missing | exists | `--overwrite` | trained from scratch |
/// | missing | exists | neither | refused (64): the checkpoint would be lost |
/// | missing | missing | – | trained |
///
/// With the full seed list (``manifestSeeds``) `ensemble.json` is written (atomically) before the
/// first member trains; an existing one of another recipe, or listing seeds the new list drops, is
/// refused unless `--overwrite` (a longer list grows the ensemble). Without it (a single `--seed-from-env` task), an existing `ensemble.json` must list
/// the seed and share the recipe.
public struct EnsembleTraining: Sendable {
    public enum Action: Equatable, Sendable {
        case train
        case resume(checkpoint: URL)
        case skip
    }

    public struct MemberPlan: Equatable, Sendable {
        public var seed: UInt64
        public var model: URL
        public var checkpoint: URL
        public var action: Action
    }

    /// What happened to one member.
    public struct MemberOutcome: Sendable {
        public var plan: MemberPlan
        /// The trained model and card (nil when skipped).
        public var trained: TrainedModel?
    }

    public var directory: URL
    /// The shared recipe; its `seed` is replaced by each member's.
    public var recipe: TrainingRecipe
    /// The members this invocation trains (ascending).
    public var seeds: [UInt64]
    /// The whole ensemble, written to `ensemble.json`; nil = leave the manifest alone.
    public var manifestSeeds: SeedList?
    public var resume: Bool
    public var overwrite: Bool
    public var measurePhenomena: Bool
    public var retina: SimulatedRetina
    /// When set, the members are trained on this recording (``recipe`` is then the recipe as the
    /// recording adjusts it: cells, frame size, split lengths; see ``onRecording(_:directory:recipe:seeds:manifestSeeds:overwrite:)``).
    public var recording: RecordingMembers?

    /// A recording every member is trained on, and how the file is identified in the model cards.
    public struct RecordingMembers: Sendable {
        public var recording: Recording
        public var source: RecordingTrainingSession.SourceInfo
        public var pairing: ResponsePairing
        public init(recording: Recording, source: RecordingTrainingSession.SourceInfo, pairing: ResponsePairing) {
            self.recording = recording; self.source = source; self.pairing = pairing
        }
    }

    /// The members of an ensemble trained on `members.recording`: `recipe` is first adjusted to the
    /// recording exactly as a single `train --data` run adjusts it (throws the same errors, e.g. a
    /// kernel that does not fit the frame), so `ensemble.json` and the members' cards agree.
    public static func onRecording(_ members: RecordingMembers, directory: URL, recipe: TrainingRecipe, seeds: [UInt64],
                                   manifestSeeds: SeedList?, overwrite: Bool = false) throws -> EnsembleTraining {
        let adjusted = try RecordingTrainingSession(recording: members.recording, source: members.source, recipe: recipe,
                                                    pairing: members.pairing).recipe
        var t = EnsembleTraining(directory: directory, recipe: adjusted, seeds: seeds, manifestSeeds: manifestSeeds, resume: false,
                                 overwrite: overwrite, measurePhenomena: false)
        t.recording = members
        return t
    }

    public init(directory: URL, recipe: TrainingRecipe, seeds: [UInt64], manifestSeeds: SeedList?, resume: Bool = false,
                overwrite: Bool = false, measurePhenomena: Bool = true, retina: SimulatedRetina = SimulatedRetina()) {
        self.directory = directory; self.recipe = recipe; self.seeds = Array(Set(seeds)).sorted()
        self.manifestSeeds = manifestSeeds; self.resume = resume; self.overwrite = overwrite
        self.measurePhenomena = measurePhenomena; self.retina = retina
    }

    /// The recipe of the member with `seed`.
    public func recipe(seed: UInt64) -> TrainingRecipe {
        var r = recipe
        r.seed = seed
        return r
    }

    /// Checks everything that can be checked before training (recipe, seeds, the directory, the
    /// manifest, every existing member and checkpoint), creates the directory, and returns the plan.
    /// Writes nothing else.
    public func prepare() throws -> [MemberPlan] {
        try recipe.validate()
        if recording == nil { try recipe.validateSimulatedData() }
        guard !seeds.isEmpty else { throw EnsembleError.invalidOption(option: "--seeds", expected: "at least one seed", found: "none") }
        if let all = manifestSeeds, let stray = seeds.first(where: { !all.seeds.contains($0) }) {
            throw EnsembleError.invalidOption(option: "seed", expected: "one of the ensemble's seeds \(all)", found: "\(stray)")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw ArrayIOError.cannotCreate(path: directory.path, reason: "--output-dir must be a folder; a file is in the way")
            }
        } else {
            do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
                throw ArrayIOError.cannotCreate(path: directory.path, reason: "cannot create the ensemble folder: \(error.localizedDescription)")
            }
        }
        try checkManifest()
        return try seeds.map(plan)
    }

    func checkManifest() throws {
        let url = EnsembleFiles.manifestURL(in: directory)
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let existing = try EnsembleManifest.read(contentsOf: url)
        if existing.recipe != recipe.withoutSeed, !overwrite {
            throw EnsembleError.manifestMismatch(path: url.path, field: "recipe", expected: "\(existing.recipeHash.prefix(12))",
                                                 found: "\(recipe.fingerprint.prefix(12)) (differing in \(existing.recipe.differingFields(from: recipe).joined(separator: ", ")))")
        }
        // Growing an ensemble (1-3 → 1-5) keeps its members; dropping listed seeds needs --overwrite.
        if let all = manifestSeeds, !Set(existing.seeds).isSubset(of: all.seeds), !overwrite {
            throw EnsembleError.manifestMismatch(path: url.path, field: "seeds", expected: "\(try SeedList(seeds: existing.seeds)) or a list containing them",
                                                 found: "\(all)")
        }
        if manifestSeeds == nil, let stray = seeds.first(where: { !existing.seeds.contains($0) }) {
            throw EnsembleError.manifestMismatch(path: url.path, field: "seeds", expected: "one of \(try SeedList(seeds: existing.seeds))", found: "\(stray)")
        }
    }

    func plan(_ seed: UInt64) throws -> MemberPlan {
        let model = EnsembleFiles.memberURL(seed: seed, in: directory)
        let checkpoint = EnsembleFiles.checkpointURL(seed: seed, in: directory)
        let fm = FileManager.default
        var plan = MemberPlan(seed: seed, model: model, checkpoint: checkpoint, action: .train)
        if fm.fileExists(atPath: model.path) {
            try AtomicFile.checkTarget(model, replacingExisting: true)   // a folder or link in the way: 73
            if overwrite { return plan }
            let member = try ModelEnsemble.readMember(model)
            guard let card = member.card else {
                throw EnsembleError.existingMemberDiffers(path: model.path, reason: "has no model card (it was not trained by train --seeds)")
            }
            if card.recipe != recipe(seed: seed) {
                let fields = recipe(seed: seed).differingFields(from: card.recipe) + (card.recipe.seed != seed ? ["seed"] : [])
                throw EnsembleError.existingMemberDiffers(path: model.path, reason: "was trained with another recipe (differing in \(fields.joined(separator: ", ")))")
            }
            if let found = Self.dataIdentity(card.dataSource), found != expectedDataIdentity {
                throw EnsembleError.existingMemberDiffers(path: model.path, reason: "was trained on \(found), not on \(expectedDataIdentity)")
            } else if card.dataSource == nil, recording != nil {
                throw EnsembleError.existingMemberDiffers(path: model.path, reason: "was trained on the simulated retina, not on \(expectedDataIdentity)")
            }
            plan.action = .skip
            return plan
        }
        if fm.fileExists(atPath: checkpoint.path) {
            if resume && !overwrite { plan.action = .resume(checkpoint: checkpoint) }
            else if !overwrite { throw EnsembleError.unusedCheckpoint(path: checkpoint.path) }
        }
        return plan
    }

    /// The data a member's card names: nil for the simulated retina, else file, checksum, cells, crop.
    static func dataIdentity(_ d: RecordingDataSource?) -> String? {
        d.map { identity(fileName: $0.fileName, sha256: $0.sha256, cells: $0.selectedCells, crop: $0.crop) }
    }

    /// What this invocation trains on, in ``dataIdentity(_:)``'s words.
    var expectedDataIdentity: String {
        recording.map { Self.identity(fileName: $0.source.fileName, sha256: $0.source.sha256, cells: $0.source.selectedCells,
                                      crop: $0.source.crop) } ?? "the simulated retina"
    }

    /// `'cells.h5' (sha256 …, cells all, crop none)`.
    static func identity(fileName: String, sha256: String?, cells: [Int]?, crop: [Int]?) -> String {
        "'\(fileName)' (sha256 \(sha256 ?? "none"), cells \(cells.map { "\($0)" } ?? "all"), crop \(crop.map { "\($0)" } ?? "none"))"
    }

    /// Trains (or skips) every planned member in order, writing `ensemble.json` first when the seed
    /// list is known. `observer` gets each member's seed and progress; `finished` each outcome as soon
    /// as the member is written.
    public func run(_ plans: [MemberPlan], observer: @escaping @Sendable (UInt64, TrainingProgress) -> Void = { _, _ in },
                    finished: (MemberOutcome) -> Void = { _ in }) throws -> [MemberOutcome] {
        if let all = manifestSeeds {
            let url = EnsembleFiles.manifestURL(in: directory)
            let manifest = EnsembleManifest(seeds: all, recipe: recipe)
            let existing = FileManager.default.fileExists(atPath: url.path) ? try? EnsembleManifest.read(contentsOf: url) : nil
            if existing != manifest { try manifest.write(to: url) }
        }
        var outcomes: [MemberOutcome] = []
        for plan in plans {
            var outcome = MemberOutcome(plan: plan, trained: nil)
            if plan.action != .skip {
                let checkpoint: TrainingCheckpoint?
                if case .resume(let url) = plan.action { checkpoint = try TrainingCheckpoint.read(contentsOf: url) } else { checkpoint = nil }
                let seed = plan.seed
                let trained: TrainedModel
                if let r = recording {
                    trained = try RecordingTrainingSession(recording: r.recording, source: r.source, recipe: recipe(seed: seed),
                                                           pairing: r.pairing, observer: { observer(seed, $0) }).run()
                } else {
                    let session = try TrainingSession(recipe: recipe(seed: seed), retina: retina, resume: checkpoint,
                                                      observer: { observer(seed, $0) })
                    trained = try session.run(checkpointURL: plan.checkpoint, measurePhenomena: measurePhenomena)
                }
                let bytes = try trained.model.safeTensors(metadata: try trained.card.metadata()).encoded()
                try AtomicFile.write(bytes, to: plan.model, replacingExisting: overwrite)
                try? FileManager.default.removeItem(at: plan.checkpoint)
                outcome.trained = trained
            }
            finished(outcome)
            outcomes.append(outcome)
        }
        return outcomes
    }
}
