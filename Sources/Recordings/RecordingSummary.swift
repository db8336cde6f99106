import Foundation
import RetinaCore

/// What `inspect-data` prints: the file's structure (HDF5 groups and datasets with shape and dtype)
/// and what the reader made of it (frame rate, frame size, cells, splits, repeats, duration,
/// warnings).
public enum RecordingSummary {
    /// Lines describing every group and dataset of an HDF5 file (depth-first, name order).
    /// `text` with control and bidirectional-formatting characters written as `\u{…}`, so a name
    /// from a file cannot move the terminal's cursor, colour it or reverse the text.
    public static func printable(_ text: String) -> String {
        UnsafeText.escaped(text)
    }

    public static func hdf5Tree(path: String, maxEntries: Int = 200) throws -> [String] {
        let file = try HDF5File(readingAt: path)
        var lines: [String] = []
        func walk(_ group: String, depth: Int) throws {
            for name in try file.children(of: group) {
                guard lines.count < maxEntries else { return }
                let full = (group == "/" ? "" : group) + "/" + name
                let indent = String(repeating: "  ", count: depth)
                if file.isGroup(full) {
                    let type = file.stringAttribute(full, "neurodata_type").map { " (\(printable($0)))" } ?? ""
                    lines.append("\(indent)\(printable(name))/\(type)")
                    try walk(full, depth: depth + 1)
                } else if file.isDataset(full), let i = try? file.info(full) {
                    lines.append("\(indent)\(printable(name))  \(i.shape) \(i.typeName)")
                }
            }
        }
        try walk("/", depth: 1)
        if lines.count >= maxEntries { lines.append("  … (more entries not shown)") }
        return lines
    }

    /// A description of a read recording.
    public static func text(_ r: Recording) -> String {
        var lines: [String] = []
        let (h, w) = r.frameSize
        lines.append("format: \(r.provenance.format)")
        lines.append(String(format: "frame period: %.4g ms in the file%@; bins of 10 ms", r.sourceFramePeriodSeconds * 1000,
                            abs(r.sourceFramePeriodSeconds - 0.01) > 1e-4 ? " (resampled)" : ""))
        lines.append("frame size: \(h) × \(w) px")
        lines.append("cells: \(r.cellCount) (\(r.cellIDs.prefix(12).joined(separator: ", "))\(r.cellCount > 12 ? ", …" : ""))")
        lines.append("responses: \(r.responseUnit == .spikeCountsPerBin ? "spike counts per 10 ms bin" : "rates in Hz")")
        func describe(_ name: String, _ s: Recording.Split) {
            let v = s.stimulus.values
            let lo = v.min() ?? 0, hi = v.max() ?? 0
            let mean = v.reduce(0.0) { $0 + Double($1) } / Double(max(1, v.count))
            let rate = s.responses.reduce(0.0) { $0 + Double($1) } / Double(max(1, s.responses.count)) * Double(r.hertzPerResponseUnit)
            lines.append(String(format: "%@: %d frames (%.1f s); stimulus %.4g … %.4g (mean %.4g); mean response %.2f Hz%@", name, s.frames,
                                Double(s.frames) * 0.01, Double(lo), Double(hi), mean, rate,
                                s.repeatCount > 0 ? "; \(s.repeatCount) repeats" : ""))
        }
        describe("train", r.train)
        if let t = r.test { describe("test", t) } else { lines.append("test: none (a held-out block of the training movie will be used)") }
        for (role, path) in r.provenance.datasets.sorted(by: { $0.key < $1.key }) { lines.append("  \(role): \(path)") }
        for w in r.provenance.warnings { lines.append("warning: \(w)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
