import ArrayIO
import Foundation
import ReportKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The content-addressed store of `run`'s step results (`--cache DIR`): one file per entry,
/// `<DIR>/entries/<key>.entry` (``StepCacheEntry``), written with the tool's one atomic writer
/// (``ArrayIO/AtomicFile``), so a reader sees a whole entry or none.
///
/// - Lookups verify every entry (``StepCacheEntry/decode(_:expectedKey:)``); an entry that fails is
///   deleted and reported as ``Lookup/invalid(_:)`` — never trusted — and the caller recomputes it.
/// - Last use is the entry file's modification time: a hit touches it, a store writes it.
///   ``evict()`` deletes the least recently used entries until the entries fit in ``limitBytes``.
/// - Several processes may share one folder: entries are immutable once written (the same key always
///   holds the same result, so concurrent writers of one key write equal bytes), writes are atomic
///   renames, and an entry deleted by another process's eviction is simply a miss.
public final class StepCache: Sendable {
    /// Version of the entry layout and of the cached values' meaning; part of every key and every
    /// entry's header. Bump it when a cached type changes meaning.
    public static let schemaVersion = 2
    /// The default size limit, 4 GiB.
    public static let defaultLimitBytes: Int64 = 4 << 30
    /// Temporary files of writers that died are removed after this many seconds.
    static let staleTemporarySeconds: TimeInterval = 3600

    /// The cache folder (`--cache`).
    public let directory: URL
    /// Entries beyond this many bytes are evicted, least recently used first (`--cache-limit`).
    public let limitBytes: Int64

    var entriesFolder: URL { directory.appendingPathComponent("entries", isDirectory: true) }

    /// Opens (creating when missing) the cache folder `directory`.
    /// - Throws: `RunPipelineError.invalidParameter` naming `--cache` when `directory` exists and is
    ///   not a folder, or `--cache-limit` when `limitBytes` ≤ 0; `RunFolderError.cannotCreate`
    ///   (exit 73) when the folder cannot be made.
    public init(directory: URL, limitBytes: Int64 = StepCache.defaultLimitBytes) throws {
        guard limitBytes > 0 else {
            throw RunPipelineError.invalidParameter(name: "--cache-limit", expected: ByteCount.expected, found: "\(limitBytes) bytes")
        }
        let directory = directory.standardizedFileURL
        var info = stat()
        if stat(directory.path, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
            throw RunPipelineError.invalidParameter(name: "--cache", expected: "a folder (created when missing)",
                                                    found: "'\(directory.path)', which is a file")
        }
        try RunFolder.prepareOutputDirectory(directory.appendingPathComponent("entries", isDirectory: true))
        let tag = directory.appendingPathComponent("CACHEDIR.TAG")
        if !FileManager.default.fileExists(atPath: tag.path) {
            // The standard tag (bford.info/cachedir) that tells backup tools to skip the folder.
            try? AtomicFile.write(Data("Signature: 8a477f597d28d172789f06886806bc55\n# retina-report step cache (retina-report cache info|clear)\n".utf8),
                                  to: tag)
        }
        self.directory = directory
        self.limitBytes = limitBytes
    }

    /// The default folder: `$XDG_CACHE_HOME/retina-report` when that is an absolute path, else
    /// `~/.cache/retina-report`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("retina-report", isDirectory: true)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".cache/retina-report", isDirectory: true)
    }

    /// What a lookup found.
    public enum Lookup: Sendable {
        case hit(StepCacheEntry)
        case miss
        /// There was an entry under the key, but it was not trusted (and is now deleted).
        case invalid(StepCacheEntry.Invalid)
    }

    func url(for key: StepCacheKey) -> URL { entriesFolder.appendingPathComponent("\(key.hex).entry") }

    /// The entry under `key`, verified; a hit counts as a use (its time is touched).
    public func lookup(_ key: StepCacheKey) -> Lookup {
        let url = url(for: key)
        guard let data = try? Data(contentsOf: url) else { return .miss }
        do {
            let entry = try StepCacheEntry.decode(data, expectedKey: key)
            _ = utimes(url.path, nil)
            return .hit(entry)
        } catch let invalid as StepCacheEntry.Invalid {
            discard(key)
            return .invalid(invalid)
        } catch {
            discard(key)
            return .invalid(.malformed(reason: "\(error)"))
        }
    }

    /// Deletes the entry under `key` (one that did not decode as its step's values, say).
    public func discard(_ key: StepCacheKey) {
        _ = unlink(url(for: key).path)
    }

    /// Writes `entry` under its key (replacing an entry of the same key).
    /// - Throws: `ArrayIOError` (exit 73/74) when the file cannot be written.
    public func store(_ entry: StepCacheEntry) throws {
        try AtomicFile.write(try entry.encoded(), to: url(for: entry.key))
    }

    /// One entry file as `info` and eviction see it.
    struct Listed {
        var url: URL
        var bytes: Int64
        var lastUse: Date
    }

    /// Every entry file, least recently used first (ties by name); temporary files of writers that
    /// died more than ``staleTemporarySeconds`` ago are removed on the way.
    func listEntries(now: Date = Date()) -> [Listed] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: entriesFolder.path)) ?? []
        var out: [Listed] = []
        for name in names {
            let url = entriesFolder.appendingPathComponent(name)
            var info = stat()
            guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            let modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
            if name.hasPrefix(".") {
                if name.contains(".tmp-"), now.timeIntervalSince(modified) > Self.staleTemporarySeconds { _ = unlink(url.path) }
                continue
            }
            guard name.hasSuffix(".entry") else { continue }
            out.append(Listed(url: url, bytes: Int64(info.st_size), lastUse: modified))
        }
        return out.sorted { ($0.lastUse, $0.url.lastPathComponent) < ($1.lastUse, $1.url.lastPathComponent) }
    }

    /// What an eviction did.
    public struct Eviction: Sendable, Equatable {
        public var removedEntries: Int
        public var removedBytes: Int64
        public var keptBytes: Int64
    }

    /// Deletes entries, least recently used first, until the rest fit in ``limitBytes``.
    @discardableResult
    public func evict() -> Eviction {
        let entries = listEntries()
        var total = entries.reduce(Int64(0)) { $0 + $1.bytes }
        var removed = 0, removedBytes: Int64 = 0
        for entry in entries where total > limitBytes {
            if unlink(entry.url.path) == 0 || errno == ENOENT {
                total -= entry.bytes
                removed += 1
                removedBytes += entry.bytes
            }
        }
        return Eviction(removedEntries: removed, removedBytes: removedBytes, keptBytes: total)
    }

    /// Deletes every entry (and leftover temporary files); returns how many entries and bytes.
    @discardableResult
    public func clear() -> (entries: Int, bytes: Int64) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: entriesFolder.path)) ?? []
        var count = 0, bytes: Int64 = 0
        for name in names {
            let path = entriesFolder.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, unlink(path) == 0 else { continue }
            if name.hasSuffix(".entry") && !name.hasPrefix(".") { count += 1; bytes += Int64(info.st_size) }
        }
        return (count, bytes)
    }
}
