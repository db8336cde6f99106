import Foundation

/// Human-readable summary of a loaded (hence consistent) ensemble, printed by `inspect DIR`.
public enum EnsembleDescription {
    public static func text(_ ensemble: ModelEnsemble) -> String {
        let s = ModelDescription.sanitized
        var lines: [String] = []
        if let d = ensemble.directory { lines.append("ensemble: \(s(d.path))") }
        let first = ensemble.members[0]
        let a = first.model.architecture
        lines.append("members: \(ensemble.count), each a BN-CNN of \(a.conv1Channels) layer-1 channels (\(a.conv1Channels)@\(a.conv1Kernel)×\(a.conv1Kernel), \(a.historyFrames) frames × \(a.height) × \(a.width) px) and \(a.cells) cells")
        lines.append("ensemble layer 1: \(ensemble.count * a.conv1Channels) channels; member k's channel c is channel k·\(a.conv1Channels) + c")
        if let card = first.card {
            lines.append("recipe: '\(s(card.recipe.name))', \(card.recipe.trainingSamples) samples, hash \(card.recipe.fingerprint.prefix(12)) (shared by every member; only the seed differs)")
        } else {
            lines.append("recipe: unknown (the members carry no model card)")
        }
        if let m = ensemble.manifest {
            lines.append("ensemble.json: seeds \((try? SeedList(seeds: m.seeds))?.description ?? "\(m.seeds)"), recipe hash \(m.recipeHash.prefix(12))")
        }
        for m in ensemble.members {
            var line = "  seed \(m.seed.map(String.init) ?? "?"): \(s(m.file.lastPathComponent))"
            if let card = m.card {
                line += String(format: ", held-out r %.3f, %d samples in %.1f min", card.meanHeldOutCorrelation, card.samplesSeen, card.trainingSeconds / 60)
                if let criteria = card.phenomenonCriteria { line += ", \(criteria.filter(\.passed).count) of \(criteria.count) phenomenon criteria" }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
