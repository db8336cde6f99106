import Foundation

/// What `retina-report cache info` shows: the folder, its entries by kind, their size, and the
/// oldest and newest use.
public struct StepCacheInfo: Sendable, Equatable {
    public var directory: String
    public var entries: Int
    public var bytes: Int64
    /// Entries and bytes per kind of result (`analysis`, `figures`, …), sorted by kind; entries whose
    /// header cannot be read count as `unreadable`.
    public var kinds: [Kind]
    public var oldestUse: Date?
    public var newestUse: Date?

    public struct Kind: Sendable, Equatable {
        public var kind: String
        public var entries: Int
        public var bytes: Int64
    }

    /// The lines `cache info` prints.
    public var lines: [String] {
        var out = ["cache folder: \(directory)",
                   "entries: \(entries), \(ByteCount.text(bytes))"]
        for k in kinds { out.append("  \(k.kind): \(k.entries) (\(ByteCount.text(k.bytes)))") }
        let format = ISO8601DateFormatter()
        if let oldestUse, let newestUse {
            out.append("last used: \(format.string(from: newestUse)); least recently used: \(format.string(from: oldestUse))")
        }
        return out
    }
}

extension StepCache {
    /// The folder's entries as ``StepCacheInfo`` (reads only each entry's header).
    public func info() -> StepCacheInfo {
        let listed = listEntries()
        var kinds: [String: StepCacheInfo.Kind] = [:]
        for entry in listed {
            let kind = Self.peekKind(entry.url) ?? "unreadable"
            kinds[kind, default: .init(kind: kind, entries: 0, bytes: 0)].entries += 1
            kinds[kind, default: .init(kind: kind, entries: 0, bytes: 0)].bytes += entry.bytes
        }
        return StepCacheInfo(directory: directory.path, entries: listed.count, bytes: listed.reduce(0) { $0 + $1.bytes },
                             kinds: kinds.values.sorted { $0.kind < $1.kind },
                             oldestUse: listed.first?.lastUse, newestUse: listed.last?.lastUse)
    }

    /// The kind in the header of the entry file at `url` (its first 64 KiB), without verifying it.
    static func peekKind(_ url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let prefix = try? handle.read(upToCount: 1 << 16) else { return nil }
        return StepCacheEntry.peekHeader(prefix)?.kind
    }
}
