import Mechanisms
import RetinaCore
import ReportKit

extension ReportAssembler {
    /// The evidence behind every channel's type: its peak latency and polarity, the latency rule's
    /// type, the best reference-kernel match with its Pearson r, the type used and what decided it.
    /// Empty without channel types.
    static func channelTypeEvidence(_ table: ChannelTypeTable?) -> [ReportBlock] {
        guard let table, !table.types.isEmpty else { return [] }
        let thresholds = table.thresholdsMilliseconds.sorted { $0.key < $1.key }
            .map { ($0.key == "all" ? "" : "\($0.key) ") + "\(NumberText.fixed($0.value, decimals: 0)) ms" }.joined(separator: ", ")
        let matched = table.types.contains { $0.bestReference != nil }
        var text = "Fast/slow thresholds of the latency rule: \(thresholds)."
        if let r = table.kernelMatchMinimumCorrelation, matched {
            text += " With the simulated retina's pathway kernels as references, a channel whose temporal filter correlates with its best "
                + "match at Pearson r ≥ \(NumberText.fixed(r, decimals: 2)) takes that pathway's type (the amacrine kernel stands for OFF "
                + "slow); the latency rule's type is shown beside it. The latency threshold is relative to the other channels, so a "
                + "channel peaking at 90 ms can be \"fast\" next to 200 ms channels although its kernel is the planted slow one."
        }
        let rows = table.types.map { t -> [RichText] in
            [RichText("c\(t.channel)"), RichText(NumberText.fixed(t.peakLatencyMilliseconds, decimals: 0)), RichText(t.ruleLabel),
             RichText(t.bestReference.map { "\($0) (r \(NumberText.fixed(t.bestReferenceCorrelation, decimals: 2)))" } ?? "—"),
             .strong(t.label), RichText(t.typedBy == .kernelMatch ? "kernel match" : "latency rule")]
        }
        return [
            .paragraph(RichText(text + " ") + .table("methods-channel-types") + " gives the evidence for every channel."),
            .table(ReportTable(id: "methods-channel-types",
                               header: ["Channel", "Peak latency (ms)", "Latency rule", "Best kernel match", "Type", "Decided by"],
                               rows: rows, alignments: [.left, .right, .left, .left, .left, .left],
                               caption: "First-layer channel types and the evidence behind them (peak latency of the dominant lobe of "
                                + "the spatially summed filter; best match: the reference kernel with the largest Pearson r).")),
        ]
    }
}
