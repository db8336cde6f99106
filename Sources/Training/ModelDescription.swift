import Foundation
import RetinaCNN

/// Human-readable summary of a model file, printed by `inspect`.
public enum ModelDescription {
    public static func text(model: BNCNN, metadata: [String: String], path: String) throws -> String {
        let a = model.architecture
        var lines: [String] = []
        lines.append("model: \(path)")
        lines.append("architecture: BN-CNN, input \(a.historyFrames) frames × \(a.height) × \(a.width) px (\(a.historyFrames * 10) ms history)")
        lines.append("  conv1 \(a.conv1Channels)@\(a.conv1Kernel)×\(a.conv1Kernel) valid → \(a.conv1Channels)×\(a.layer1Height)×\(a.layer1Width) = \(a.layer1Units) units → batch norm (\(a.batchNorm.rawValue)) → ReLU")
        lines.append("  conv2 \(a.conv2Channels)@\(a.conv2Kernel)×\(a.conv2Kernel) valid → \(a.conv2Channels)×\(a.layer2Height)×\(a.layer2Width) = \(a.layer2Units) units → batch norm → ReLU")
        lines.append("  dense \(a.layer2Units) → \(a.cells) cells (no bias) → batch norm → softplus (Hz)")
        let parameterCount = a.conv1WeightCount + a.conv1Channels + a.conv2WeightCount + a.conv2Channels + a.denseWeightCount
            + 2 * (a.bn1Count + a.bn2Count + a.cells)
        lines.append("  trainable parameters: \(parameterCount); batch-norm eps \(a.bnEpsilon); training noise σ \(a.noiseSigma)")
        if let centres = model.cellCentres {
            lines.append("cell centres (y, x px): " + centres.map { "(\(fmt($0.y)), \(fmt($0.x)))" }.joined(separator: " "))
        }
        if let card = try ModelCard.from(metadata: metadata) {
            lines.append("training: recipe '\(card.recipe.name)', seed \(card.recipe.seed), \(card.samplesSeen) samples in \(fmt(card.trainingSeconds / 60)) min (\(Int(card.samplesPerSecond)) samples/s), kept step \(card.keptStep); \(card.stopReason)")
            if let d = card.dataSource {
                lines += RecordingDataSourceDescription.lines(d, card: card)
            } else {
                lines.append("data: \(card.trainWindows) train / \(card.validationWindows) validation / \(card.testWindows) test windows from the simulated retina")
                lines.append("held-out correlation with ground truth: mean \(fmt(card.meanHeldOutCorrelation, 3)); per cell " + card.heldOutCorrelation.map { fmt($0, 3) }.joined(separator: " "))
            }
            if let criteria = card.phenomenonCriteria {
                lines.append("phenomena: \(criteria.filter(\.passed).count) of \(criteria.count) criteria passed")
                for c in criteria {
                    lines.append("  [\(c.passed ? "pass" : "FAIL")] \(c.name): \(c.measured.map { fmt($0, 3) } ?? "n/a") \(c.unit) (\(c.thresholdDescription))")
                }
            }
            lines.append("tool version: \(card.toolVersion)")
        }
        let other = metadata.keys.filter { ![ModelCard.metadataKey, BNCNN.architectureMetadataKey, BNCNN.cellCentresMetadataKey, RecordingDataSource.metadataKey].contains($0) }.sorted()
        if !other.isEmpty { lines.append("other metadata: " + other.map { "\($0)=\(metadata[$0]!.prefix(60))" }.joined(separator: ", ")) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func fmt(_ x: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }
}
