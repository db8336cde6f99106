import ArrayIO
import Foundation
import ModelCards

/// `ensemble.json`: what `train --seeds` set out to train — the seeds and the recipe they share.
/// Optional in an ensemble directory; when present, the loader requires exactly the listed members,
/// each trained with this recipe (``TrainingRecipe/withoutSeed``).
///
/// Written atomically (``StableJSON``) before the first member trains; every Slurm array task of one
/// ensemble writes the same content, so concurrent writes are harmless.
public struct EnsembleManifest: Codable, Sendable, Equatable {
    /// Always ``formatName``.
    public var format: String
    public var version: Int
    /// Ascending member seeds.
    public var seeds: [UInt64]
    /// ``TrainingRecipe/fingerprint`` of ``recipe``.
    public var recipeHash: String
    /// The shared recipe, seed 0 (each member's seed is in ``seeds`` and in its model card).
    public var recipe: TrainingRecipe

    public static let formatName = "retina-report ensemble"
    public static let currentVersion = 1

    public init(seeds: SeedList, recipe: TrainingRecipe) {
        format = Self.formatName; version = Self.currentVersion
        self.seeds = seeds.seeds
        self.recipe = recipe.withoutSeed
        recipeHash = recipe.fingerprint
    }

    /// Reads and checks `ensemble.json` (65 when it is not one; the message names the file).
    public static func read(contentsOf url: URL) throws -> EnsembleManifest {
        let m = try StableJSON.read(EnsembleManifest.self, contentsOf: url)
        guard m.format == formatName, m.version == currentVersion else {
            throw ArrayIOError.malformedContent(path: url.path, reason: "expected format '\(formatName)' version \(currentVersion), found '\(m.format)' version \(m.version)")
        }
        guard m.seeds.count <= SeedList.maximumCount else {
            throw ArrayIOError.malformedContent(path: url.path, reason: "'seeds' must list at most \(SeedList.maximumCount) seeds, found \(m.seeds.count)")
        }
        guard !m.seeds.isEmpty, Set(m.seeds).count == m.seeds.count else {
            throw ArrayIOError.malformedContent(path: url.path, reason: "'seeds' must list distinct seeds, found \(m.seeds)")
        }
        return m
    }

    /// Writes atomically (replacing an older manifest).
    public func write(to url: URL) throws {
        try StableJSON.write(self, to: url)
    }
}
