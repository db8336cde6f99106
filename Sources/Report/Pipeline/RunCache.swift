import ArrayIO
import Foundation
import ReportKit

/// The step cache as one run uses it: the store (nil with `--no-cache`), the run's folder and step
/// recorder, and which of each step's parts came from the cache (for the manifest's `fromCache`).
///
/// ``value(_:step:kind:files:compute:)`` is the one way a step reads or fills the cache: on a hit it
/// writes the entry's files into the run folder (through ``ReportKit/RunFolder/write(_:to:mediaType:producedBy:)``,
/// the atomic writer) and returns the decoded value; on a miss it runs `compute` (which writes its
/// files into the run folder as without a cache), then stores the value with those files' bytes.
/// An entry that is not trusted (``StepCacheEntry/Invalid``) is reported once as a warning and recomputed;
/// a cache that cannot be written is reported once and the run goes on without storing.
final class RunCache: @unchecked Sendable {
    let store: StepCache?
    let keys: StepKeys
    let folder: RunFolder
    let recorder: StepRecorder
    private let lock = NSLock()
    private var uses: [String: (hits: Int, misses: Int)] = [:]
    private var storeFailed = false

    init(store: StepCache?, keys: StepKeys, folder: RunFolder, recorder: StepRecorder) {
        self.store = store; self.keys = keys; self.folder = folder; self.recorder = recorder
    }

    var enabled: Bool { store != nil }

    /// `make()` when caching, nil otherwise (so a run without a cache computes no key).
    func key(_ make: (StepKeys) throws -> StepCacheKey) throws -> StepCacheKey? {
        guard enabled else { return nil }
        return try make(keys)
    }

    /// The value under `key` (its files restored into the run folder), or `compute()` stored under
    /// it; `files`: the run-folder paths of the files `compute` wrote for this value (data files,
    /// figure files), stored with it. Without a cache (`key` nil) just `compute()`.
    func value<V: Codable>(_ key: StepCacheKey?, step: String, kind: String, files: (V) -> [String],
                           compute: () throws -> V) throws -> V {
        guard let key, let store else { return try compute() }
        if let cached = try restored(V.self, key, step: step, from: store) { return cached }
        note(step, hit: false)
        let value = try compute()
        save(value, key, step: step, kind: kind, files: files(value), in: store)
        return value
    }

    /// The value under `key` when it is there and trusted (files restored), nil otherwise; counts
    /// the hit, but not a miss (the caller decides whether the step computes).
    func lookup<V: Codable>(_ type: V.Type, _ key: StepCacheKey?, step: String) throws -> V? {
        guard let key, let store else { return nil }
        return try restored(V.self, key, step: step, from: store)
    }

    /// Stores `value` under `key` after the caller computed it (a miss of ``lookup(_:_:step:)``).
    func save<V: Codable>(_ value: V, _ key: StepCacheKey?, step: String, kind: String, files: [String] = []) {
        guard let key, let store else { return }
        note(step, hit: false)
        save(value, key, step: step, kind: kind, files: files, in: store)
    }

    private func restored<V: Codable>(_ type: V.Type, _ key: StepCacheKey, step: String, from store: StepCache) throws -> V? {
        switch store.lookup(key) {
        case .miss:
            return nil
        case let .invalid(why):
            warn(step, key, why)
            return nil
        case let .hit(entry):
            let value: V
            do {
                value = try StepCacheCoding.decode(V.self, from: entry.value)
            } catch let why as StepCacheEntry.Invalid {
                store.discard(key)
                warn(step, key, why)
                return nil
            }
            for file in entry.files {
                try folder.write(file.bytes, to: file.path, mediaType: file.mediaType, producedBy: file.producedBy)
            }
            note(step, hit: true)
            return value
        }
    }

    private func save<V: Codable>(_ value: V, _ key: StepCacheKey, step: String, kind: String, files: [String], in store: StepCache) {
        do {
            let records = folder.outputs
            let stored = try files.map { path -> StepCacheEntry.File in
                guard let record = records.first(where: { $0.path == path }) else {
                    throw RunFolderError.writeFailed(path: path, reason: "the step did not record it in the run folder")
                }
                return StepCacheEntry.File(path: path, mediaType: record.mediaType, producedBy: record.producedBy,
                                           bytes: try Data(contentsOf: folder.url(for: path)))
            }
            try store.store(StepCacheEntry(key: key, step: step, kind: kind, value: StepCacheCoding.encode(value), files: stored))
        } catch {
            let first = lock.withLock { () -> Bool in defer { storeFailed = true }; return !storeFailed }
            if first { recorder.warn("cache: cannot store results in \(store.directory.path) (\(error)); the run goes on without storing", inReport: false) }
        }
    }

    private func warn(_ step: String, _ key: StepCacheKey, _ why: StepCacheEntry.Invalid) {
        recorder.warn("cache: the entry \(key) of '\(step)' was not trusted (\(why)); recomputed", inReport: false)
    }

    private func note(_ step: String, hit: Bool) {
        lock.withLock {
            var u = uses[step] ?? (0, 0)
            if hit { u.hits += 1 } else { u.misses += 1 }
            uses[step] = u
        }
    }

    /// Per step: true when every cached part of it came from the cache, false when a part was
    /// computed or the step uses no cache; empty without a cache.
    var fromCache: [String: Bool] {
        guard enabled else { return [:] }
        return lock.withLock {
            Dictionary(uniqueKeysWithValues: recorder.steps.map { s in (s.name, uses[s.name].map { $0.misses == 0 && $0.hits > 0 } ?? false) })
        }
    }
}
