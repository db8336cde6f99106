import Foundation

/// File names inside an ensemble directory (docs/cluster.md §1):
///
/// | name | what |
/// |---|---|
/// | `member-<seed>.safetensors` | a finished member: an ordinary model file (model card in its metadata) |
/// | `member-<seed>.safetensors.checkpoint` | the training checkpoint of an unfinished member (removed when it finishes) |
/// | `.member-<seed>.safetensors.tmp-<UUID>` | an atomic write in progress (or killed) |
/// | `member-<seed>.safetensors.partial` | a partial copy |
/// | `ensemble.json` | optional: the seeds and the recipe (``EnsembleManifest``), written by `train --seeds` |
///
/// Anything else (Slurm logs, notes, `member-3.txt`) is ignored; a `member-x.safetensors` whose seed does
/// not parse is refused. `<seed>` is decimal without sign.
public enum EnsembleFiles {
    public static let manifestName = "ensemble.json"
    static let prefix = "member-"
    static let suffix = ".safetensors"
    static let checkpointSuffix = ".checkpoint"
    static let partialSuffix = ".partial"

    /// `member-<seed>.safetensors`.
    public static func memberName(seed: UInt64) -> String { "\(prefix)\(seed)\(suffix)" }
    public static func memberURL(seed: UInt64, in directory: URL) -> URL {
        directory.appendingPathComponent(memberName(seed: seed))
    }
    /// The member's training checkpoint: `member-<seed>.safetensors.checkpoint`.
    public static func checkpointURL(seed: UInt64, in directory: URL) -> URL {
        directory.appendingPathComponent(memberName(seed: seed) + checkpointSuffix)
    }
    public static func manifestURL(in directory: URL) -> URL { directory.appendingPathComponent(manifestName) }

    /// What one directory entry is.
    enum Entry: Equatable {
        case member(seed: UInt64)
        /// A checkpoint, temporary or partial file of the member with `seed`.
        case unfinished(seed: UInt64, kind: UnfinishedKind)
        /// A `member-….safetensors` name whose seed does not parse.
        case malformedMember
        case other
    }

    enum UnfinishedKind: Equatable { case checkpoint, temporary, partial }

    /// Classifies a file name.
    static func classify(_ name: String) -> Entry {
        func seed(_ text: Substring) -> UInt64? {
            guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit) else { return nil }
            return UInt64(text)
        }
        // `.member-<seed>.safetensors.tmp-<UUID>` (AtomicFile's temporary name).
        if name.hasPrefix("." + prefix), let range = name.range(of: suffix + ".tmp-") {
            let digits = name[name.index(name.startIndex, offsetBy: prefix.count + 1)..<range.lowerBound]
            return seed(digits).map { .unfinished(seed: $0, kind: .temporary) } ?? .other
        }
        guard name.hasPrefix(prefix) else { return .other }
        var rest = name.dropFirst(prefix.count)
        var kind: UnfinishedKind?
        if rest.hasSuffix(suffix + checkpointSuffix) { kind = .checkpoint; rest = rest.dropLast(checkpointSuffix.count) }
        else if rest.hasSuffix(suffix + partialSuffix) { kind = .partial; rest = rest.dropLast(partialSuffix.count) }
        guard rest.hasSuffix(suffix) else { return .other }
        guard let s = seed(rest.dropLast(suffix.count)) else { return .malformedMember }
        return kind.map { .unfinished(seed: s, kind: $0) } ?? .member(seed: s)
    }
}
