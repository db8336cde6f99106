import ArrayIO
import Foundation
import RetinaCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder one run writes, created under a hidden temporary name and renamed into place whole.
///
/// Life cycle: ``create(in:runID:)`` refuses early if `<output>/<run-id>` exists, removes stale
/// partial folders of earlier runs that were killed (``removeStalePartialFolders(in:)``), then makes
/// `<output>/.<run-id>.partial-<pid>-<random>` and holds an advisory lock (`flock`) on it while open; files are written inside it (``write(_:to:producedBy:)``
/// or, for files written by other libraries such as Cairo, ``url(for:)`` + ``recordFile(_:producedBy:)``);
/// ``commit()`` renames it atomically to `<output>/<run-id>` without ever replacing an existing
/// folder. So a folder under the final name is always complete, and `<output>/<run-id>` is never
/// overwritten.
///
/// On failure ``abandon(_:)`` applies a ``FailurePolicy``; the default keeps the data as
/// `<output>/<run-id>.failed` (see ``FailurePolicy/keepAsFailed``). ``run(in:runID:failurePolicy:_:)``
/// wraps the whole life cycle. Writes are thread-safe. While open, the partial folder is registered
/// with ``InterruptCleanup``, so an interrupted run (Ctrl-C) removes it, and every change to it runs
/// inside ``InterruptCleanup/whileWriting(_:)``. If any file inside it could not be written
/// (``AtomicFile/failedWrites(under:)``, e.g. a full disk), ``commit()`` refuses (exit 74) and
/// ``abandon(_:)`` removes the folder: a folder under the final name is always complete.
public final class RunFolder: @unchecked Sendable {
    /// What to do with the partial folder when the run fails.
    public enum FailurePolicy: String, Hashable, Codable, Sendable {
        /// Rename it to `<run-id>.failed` (or `<run-id>.failed-2`, … if taken). The default: a long
        /// run's data, figures and the manifest recording the failed step survive for diagnosis,
        /// under a name no tool mistakes for a finished run.
        case keepAsFailed
        /// Delete it.
        case remove
    }

    /// Where the folder is in its life cycle.
    public enum State: Hashable, Sendable {
        case open
        case committed(URL)
        case abandoned(URL?)
    }

    public let runID: RunID
    /// The parent folder (`--output`).
    public let outputDirectory: URL
    /// `<output>/<run-id>`, where the folder will be after ``commit()``.
    public let finalURL: URL
    /// The hidden folder being written, `<output>/.<run-id>.partial-<random>`.
    public let partialURL: URL
    /// Whether ``commit()`` may replace an existing folder at ``finalURL`` (``create(in:runID:replacingExisting:)``).
    public let replacesExisting: Bool

    private let lock = NSLock()
    private var _state: State = .open
    private var _outputs: [String: OutputRecord] = [:]
    private let interruptToken: InterruptCleanup.Token
    /// Descriptor of the partial folder holding its `flock` (released on close or process death).
    private var lockDescriptor: Int32

    private init(runID: RunID, outputDirectory: URL, partialURL: URL, token: InterruptCleanup.Token, lockDescriptor: Int32,
                 replacesExisting: Bool) {
        self.replacesExisting = replacesExisting
        self.runID = runID
        self.outputDirectory = outputDirectory
        self.finalURL = outputDirectory.appendingPathComponent(runID.rawValue, isDirectory: true)
        self.partialURL = partialURL
        self.interruptToken = token
        self.lockDescriptor = lockDescriptor
    }

    deinit { if lockDescriptor >= 0 { close(lockDescriptor) } }

    /// Creates `output` (and missing parents) for run folders.
    /// - Throws: ``RunFolderError/cannotCreate(path:reason:)`` (exit 73) with a sentence naming the
    ///   path in the way (a regular file, a read-only or virtual file system, permissions).
    public static func prepareOutputDirectory(_ output: URL) throws {
        try InterruptCleanup.whileWriting { try FolderCreation.makeFolders(output) }
    }

    /// Creates the partial folder for `runID` under `output` (creating `output` if needed).
    ///
    /// With `replacingExisting` an existing folder at `<output>/<run-id>` is swapped out atomically
    /// by ``commit()`` (the caller decides it may be replaced, e.g. `compare --overwrite` onto an
    /// earlier comparison); until then it stays untouched, so a failed run leaves it as it was.
    /// - Throws: ``RunFolderError/alreadyExists(path:)`` (exit 73) if `<output>/<run-id>` exists and
    ///   `replacingExisting` is false; ``RunFolderError/cannotCreate(path:reason:)`` (exit 73) if a
    ///   folder cannot be made.
    public static func create(in output: URL, runID: RunID, replacingExisting: Bool = false) throws -> RunFolder {
        let output = output.standardizedFileURL
        let final = output.appendingPathComponent(runID.rawValue)
        var info = stat()
        if lstat(final.path, &info) == 0 {
            if !replacingExisting || (info.st_mode & S_IFMT) != S_IFDIR { throw RunFolderError.alreadyExists(path: final.path) }
        }
        try prepareOutputDirectory(output)
        removeStalePartialFolders(in: output)
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let partial = output.appendingPathComponent(".\(runID.rawValue).partial-\(getpid())-\(suffix)", isDirectory: true)
        return try InterruptCleanup.whileWriting {
            guard mkdir(partial.path, 0o777) == 0 else {
                throw RunFolderError.cannotCreate(path: partial.path, reason: FolderCreation.reason(errno: errno, folder: partial.path))
            }
            let token = InterruptCleanup.register(partial)
            let descriptor = open(partial.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if descriptor >= 0 { _ = flock(descriptor, LOCK_EX | LOCK_NB) }
            return RunFolder(runID: runID, outputDirectory: output, partialURL: partial, token: token, lockDescriptor: descriptor,
                             replacesExisting: replacingExisting)
        }
    }

    public var state: State { lock.withLock { _state } }

    /// Every file recorded so far, sorted by path.
    public var outputs: [OutputRecord] {
        lock.withLock { _outputs.values.sorted { $0.path < $1.path } }
    }

    /// The absolute URL of `relativePath` inside the partial folder, creating its parent folders.
    /// Use it for files other libraries write themselves; then call ``recordFile(_:producedBy:)``.
    /// - Throws: ``RunFolderError/unsafePath(_:)``, ``RunFolderError/closed(path:)``,
    ///   ``RunFolderError/cannotCreate(path:reason:)``.
    public func url(for relativePath: String) throws -> URL {
        guard RelativePath.isSafe(relativePath) else { throw RunFolderError.unsafePath(relativePath) }
        try requireOpen()
        let url = partialURL.appendingPathComponent(relativePath)
        let parent = url.deletingLastPathComponent()
        try InterruptCleanup.whileWriting {
            // Inside the gate: after an interruption removed the partial folder, nothing re-creates it.
            try requireOpen()
            guard FolderCreation.isFolder(partialURL.path) else {
                throw RunFolderError.writeFailed(path: partialURL.path, reason: "the partial run folder disappeared")
            }
            try FolderCreation.makeFolders(parent)
        }
        return url
    }

    /// The absolute URL of the folder `relativePath` inside the partial folder, creating it (and its
    /// parents) inside the interrupt write gate — use it instead of `FileManager.createDirectory` on a
    /// path inside the run folder, which could re-create the partial folder after an interruption
    /// removed it.
    public func folderURL(for relativePath: String) throws -> URL {
        let url = try self.url(for: relativePath)
        try InterruptCleanup.whileWriting {
            try requireOpen()
            try FolderCreation.makeFolders(url)
        }
        return url
    }

    /// Writes `data` atomically to `relativePath` and records it as an output.
    /// - Parameters:
    ///   - mediaType: defaults to ``MediaType/forPath(_:)``.
    ///   - producedBy: the step name recorded in the manifest.
    /// - Returns: the record (path, media type, SHA-256, size, step).
    @discardableResult
    public func write(_ data: Data, to relativePath: String, mediaType: String? = nil,
                      producedBy: String) throws -> OutputRecord {
        let url = try url(for: relativePath)
        do {
            try AtomicFile.write(data, to: url)
        } catch let error as ToolError {
            throw RunFolderError.writeFailed(path: url.path, reason: error.description)
        }
        let record = OutputRecord(path: relativePath, mediaType: mediaType ?? MediaType.forPath(relativePath),
                                  sha256: SHA256.hex(data), byteSize: Int64(data.count),
                                  producedBy: producedBy)
        try store(record)
        return record
    }

    /// ``write(_:to:mediaType:producedBy:)`` for UTF-8 text.
    @discardableResult
    public func write(text: String, to relativePath: String, mediaType: String? = nil,
                      producedBy: String) throws -> OutputRecord {
        try write(Data(text.utf8), to: relativePath, mediaType: mediaType, producedBy: producedBy)
    }

    /// Records a file already written inside the folder (hashing it now).
    /// - Throws: ``RunFolderError/writeFailed(path:reason:)`` if it is missing or unreadable.
    @discardableResult
    public func recordFile(_ relativePath: String, mediaType: String? = nil,
                           producedBy: String) throws -> OutputRecord {
        guard RelativePath.isSafe(relativePath) else { throw RunFolderError.unsafePath(relativePath) }
        try requireOpen()
        let url = partialURL.appendingPathComponent(relativePath)
        let size: Int64
        let hash: String
        do {
            size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value ?? 0
            hash = try SHA256.hex(fileAt: url)
        } catch {
            throw RunFolderError.writeFailed(path: url.path, reason: "cannot read it back to hash it: \(error.localizedDescription)")
        }
        let record = OutputRecord(path: relativePath, mediaType: mediaType ?? MediaType.forPath(relativePath),
                                  sha256: hash, byteSize: size, producedBy: producedBy)
        try store(record)
        return record
    }

    /// Renames the partial folder to ``finalURL``.
    /// - Returns: ``finalURL``.
    /// - Throws: ``RunFolderError/alreadyExists(path:)`` if the final folder appeared meanwhile (the
    ///   partial folder is left open, so the caller can ``abandon(_:)`` it);
    ///   ``RunFolderError/closed(path:)`` if already committed or abandoned.
    @discardableResult
    public func commit() throws -> URL {
        try lock.withLock {
            guard case .open = _state else { throw RunFolderError.closed(path: partialURL.path) }
            let failed = AtomicFile.failedWrites(under: partialURL)
            if let first = failed.first {
                throw RunFolderError.writeFailed(
                    path: first, reason: "\(failed.count) file(s) of the run could not be written (is the disk full?); "
                        + "the run folder is not committed")
            }
            var outcome = InterruptCleanup.whileWriting { DirectoryRename.renameNoReplace(partialURL, to: finalURL) }
            if outcome == .destinationExists, replacesExisting {
                // Swap the new folder in; the old content is then under the partial name and removed.
                outcome = InterruptCleanup.whileWriting {
                    let swapped = DirectoryRename.exchange(partialURL, finalURL)
                    if swapped == .renamed { try? FileManager.default.removeItem(at: partialURL) }
                    return swapped
                }
            }
            switch outcome {
            case .renamed:
                _state = .committed(finalURL)
                InterruptCleanup.unregister(interruptToken)
                releaseLock()
                return finalURL
            case .destinationExists:
                throw RunFolderError.alreadyExists(path: finalURL.path)
            case .failed(let e):
                throw RunFolderError.cannotCreate(path: finalURL.path,
                                                  reason: "rename from \(partialURL.lastPathComponent) failed: \(String(cString: strerror(e)))")
            }
        }
    }

    /// Ends a failed run. Never throws: failure handling must not hide the original error.
    /// - Returns: where the folder's content now is (`<run-id>.failed…`), or `nil` if removed.
    @discardableResult
    public func abandon(_ policy: FailurePolicy = .keepAsFailed) -> URL? {
        lock.withLock {
            guard case .open = _state else {
                if case .abandoned(let url) = _state { return url }
                return nil
            }
            var kept: URL?
            // A folder with files that could not be written (a full disk) is removed, not kept.
            let effectivePolicy = AtomicFile.failedWrites(under: partialURL).isEmpty ? policy : .remove
            InterruptCleanup.whileWriting {
            if effectivePolicy == .keepAsFailed {
                for attempt in 1...100 {
                    let name = runID.rawValue + ".failed" + (attempt == 1 ? "" : "-\(attempt)")
                    let target = outputDirectory.appendingPathComponent(name, isDirectory: true)
                    let outcome = DirectoryRename.renameNoReplace(partialURL, to: target)
                    if outcome == .renamed { kept = target; break }
                    if outcome != .destinationExists { break }
                }
            }
            if kept == nil { try? FileManager.default.removeItem(at: partialURL) }
            }
            InterruptCleanup.unregister(interruptToken)
            releaseLock()
            _state = .abandoned(kept)
            return kept
        }
    }

    /// Runs `body` in a fresh run folder and commits it; if `body` (or the commit) throws, the folder
    /// is abandoned with `failurePolicy` and the error rethrown — nothing appears under the final name.
    /// - Returns: the committed folder's URL and `body`'s result.
    public static func run<T>(in output: URL, runID: RunID, failurePolicy: FailurePolicy = .keepAsFailed,
                              _ body: (RunFolder) throws -> T) throws -> (url: URL, value: T) {
        let folder = try create(in: output, runID: runID)
        do {
            let value = try body(folder)
            let url = try folder.commit()
            return (url, value)
        } catch {
            folder.abandon(failurePolicy)
            throw error
        }
    }

    private func releaseLock() {
        if lockDescriptor >= 0 { close(lockDescriptor); lockDescriptor = -1 }
    }

    private func requireOpen() throws {
        try lock.withLock {
            guard case .open = _state else { throw RunFolderError.closed(path: partialURL.path) }
        }
    }

    private func store(_ record: OutputRecord) throws {
        try lock.withLock {
            guard case .open = _state else { throw RunFolderError.closed(path: partialURL.path) }
            _outputs[record.path] = record
        }
    }
}
