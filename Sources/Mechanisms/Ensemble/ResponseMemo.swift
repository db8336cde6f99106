import Foundation
import RetinaCore

/// A movie's identity for ``ResponseMemo``: its shape and two independent 64-bit hashes of its
/// values' bit patterns (FNV-1a and a multiply–xorshift mix). Two different movies share a
/// fingerprint with probability about 2⁻¹²⁸ per pair.
public struct MovieFingerprint: Hashable, Sendable {
    public var frames: Int
    public var height: Int
    public var width: Int
    public var hashA: UInt64
    public var hashB: UInt64

    /// One pass over the pixels (about 0.1 s for the 60 million values of the reversal suite).
    public init(_ movie: Movie) {
        frames = movie.frames; height = movie.height; width = movie.width
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x9e37_79b9_7f4a_7c15
        movie.values.withUnsafeBufferPointer { p in
            for v in p {
                let bits = UInt64(v.bitPattern)
                a = (a ^ bits) &* 0x0000_0100_0000_01b3
                b = (b &+ bits) &* 0xbf58_476d_1ce4_e5b9
                b ^= b >> 31
            }
        }
        hashA = a; hashB = b
    }
}

/// Rates already computed in one run, by model variant and movie, so that a model shown the same
/// movie twice is evaluated once: an ensemble member unsilenced by an intervention, or measured
/// alone after the mean was (robustness), reuses the rates the mean's run computed.
///
/// A *variant* names a model exactly (e.g. `member 3: c2, c5` — member 3 with its channels 2 and 5
/// silenced); callers must give different models different names. Variants can be grouped in a
/// *sweep* (``registerSweep(_:compute:)``): the first time any of them meets a movie, all of them
/// are computed by one call and stored. Thread-safe; a sweep being computed for a movie is
/// computed once (other callers wait for it). Entries live as long as the memo (rates only:
/// rows × cells floats per movie and variant).
public final class ResponseMemo: @unchecked Sendable {
    private struct Key: Hashable { var variant: String; var movie: MovieFingerprint }
    private struct SweepKey: Hashable { var sweep: Int; var movie: MovieFingerprint }
    private struct Sweep { var variants: [String]; var compute: @Sendable (Movie) throws -> [RateMatrix] }
    private var store: [Key: RateMatrix] = [:]
    private var sweeps: [Sweep] = []
    private var sweepOf: [String: Int] = [:]
    private var running: [SweepKey: DispatchGroup] = [:]
    private let lock = NSLock()
    /// Look-ups answered from the memo and computed, for reports and tests.
    public private(set) var hits = 0
    public private(set) var misses = 0

    public init() {}

    /// The stored rates of `variant` on the movie, or `compute()` stored under that key.
    public func rates(variant: String, movie: MovieFingerprint, compute: () throws -> RateMatrix) rethrows -> RateMatrix {
        let key = Key(variant: variant, movie: movie)
        lock.lock()
        if let known = store[key] { hits += 1; lock.unlock(); return known }
        lock.unlock()
        let r = try compute()
        lock.lock(); store[key] = r; misses += 1; lock.unlock()
        return r
    }

    /// As ``rates(variant:movie:compute:)``, but a variant of a registered sweep is computed with
    /// the whole sweep (`movie` is what the sweep is shown; `fingerprint` its identity).
    public func rates(variant: String, movie: Movie, fingerprint: MovieFingerprint,
                      compute: () throws -> RateMatrix) throws -> RateMatrix {
        let key = Key(variant: variant, movie: fingerprint)
        while true {
            lock.lock()
            if let known = store[key] { hits += 1; lock.unlock(); return known }
            guard let id = sweepOf[variant] else {
                lock.unlock()
                return try rates(variant: variant, movie: fingerprint, compute: compute)
            }
            let sweepKey = SweepKey(sweep: id, movie: fingerprint)
            if let group = running[sweepKey] {
                lock.unlock()
                group.wait()          // then read the stored result (or compute alone if it failed)
                continue
            }
            let group = DispatchGroup()
            group.enter()
            running[sweepKey] = group
            let sweep = sweeps[id]
            lock.unlock()
            defer {
                lock.lock(); running[sweepKey] = nil; lock.unlock()
                group.leave()
            }
            let all: [RateMatrix]
            do { all = try sweep.compute(movie) } catch {
                lock.lock(); sweepOf[variant] = nil; lock.unlock()    // let this variant compute alone
                throw error
            }
            guard all.count == sweep.variants.count else {
                throw MechanismsError.shapeMismatch(parameter: "sweep rates", expected: "\(sweep.variants.count) rate matrices",
                                                    found: "\(all.count)")
            }
            lock.lock()
            for (v, r) in zip(sweep.variants, all) { store[Key(variant: v, movie: fingerprint)] = r }
            misses += 1
            lock.unlock()
            return all[sweep.variants.firstIndex(of: variant)!]
        }
    }

    /// Groups `variants` (distinct names) into a sweep: `compute(movie)` returns their rates, in
    /// order. A variant already in another sweep moves to this one.
    public func registerSweep(_ variants: [String], compute: @escaping @Sendable (Movie) throws -> [RateMatrix]) {
        guard !variants.isEmpty else { return }
        lock.lock()
        sweeps.append(Sweep(variants: variants, compute: compute))
        for v in variants { sweepOf[v] = sweeps.count - 1 }
        lock.unlock()
    }

    /// Forgets every entry and sweep (e.g. when a phenomenon's stimuli will not be shown again).
    public func removeAll() {
        lock.lock(); store.removeAll(); sweeps.removeAll(); sweepOf.removeAll(); lock.unlock()
    }
}
