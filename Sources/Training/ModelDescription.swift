import Foundation
import ModelCards
import RetinaCNN

/// Human-readable summary of a model file, printed by `inspect`.
///
/// Text from the file (recipe name, stop reason, criterion names, metadata) passes through
/// ``sanitized(_:)``: control characters (ESC sequences that retitle the terminal, newlines that
/// forge lines) are shown as `\u{…}` escapes. Numbers are printed with `%.…f`, never via `Int(…)`.
public enum ModelDescription {
    public static func text(model: BNCNN, metadata: [String: String], path: String) throws -> String {
        let a = model.architecture
        var lines: [String] = []
        lines.append("model: \(sanitized(path))")
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
            lines.append("training: recipe '\(sanitized(card.recipe.name))', seed \(card.recipe.seed), \(card.samplesSeen) samples in \(fmt(card.trainingSeconds / 60)) min (\(fmt(card.samplesPerSecond, 0)) samples/s), kept step \(card.keptStep); \(sanitized(card.stopReason))")
            if let d = card.dataSource {
                lines += RecordingDataSourceDescription.lines(d, card: card).map(sanitized)
            } else {
                lines.append("data: \(card.trainWindows) train / \(card.validationWindows) validation / \(card.testWindows) test windows from the simulated retina")
                lines.append("held-out correlation with ground truth: mean \(fmt(card.meanHeldOutCorrelation, 3)); per cell " + card.heldOutCorrelation.map { fmt($0, 3) }.joined(separator: " "))
            }
            if let criteria = card.phenomenonCriteria {
                lines.append("phenomena: \(criteria.filter(\.passed).count) of \(criteria.count) criteria passed")
                for c in criteria {
                    lines.append("  [\(c.passed ? "pass" : "FAIL")] \(sanitized(c.name)): \(c.measured.map { fmt($0, 3) } ?? "n/a") \(sanitized(c.unit)) (\(sanitized(c.thresholdDescription)))")
                }
            }
            if let m = card.memoryCoverage {
                lines.append(sanitized(m.summary))
            } else {
                lines.append("memory coverage: not in this card (written before the check existed); `retina-report validate --model` measures it for a model of the simulated retina")
            }
            lines.append("tool version: \(sanitized(card.toolVersion))")
        }
        let other = metadata.keys.filter { ![ModelCard.metadataKey, BNCNN.architectureMetadataKey, BNCNN.cellCentresMetadataKey, RecordingDataSource.metadataKey].contains($0) }.sorted()
        if !other.isEmpty { lines.append("other metadata: " + other.map { "\(sanitized($0))=\(sanitized(String(metadata[$0]!.prefix(60))))" }.joined(separator: ", ")) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `%.<digits>f`; magnitudes ≥ 10¹⁵ in `%.3g` (a fixed-point 1e300 would be 300 digits).
    static func fmt(_ x: Double, _ digits: Int = 1) -> String {
        abs(x) >= 1e15 ? String(format: "%.3g", x) : String(format: "%.\(digits)f", x)
    }

    /// `text` with every control character (C0, DEL, C1; also U+2028/2029 line separators) replaced by
    /// a visible `\u{…}` escape, so file content cannot move the cursor or forge output lines.
    public static func sanitized(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                out += "\\u{" + String(v, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
