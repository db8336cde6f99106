import Foundation
import RetinaCore

/// A movie's identity for ``ResponseMemo``: its shape and two independent 64-bit hashes of its
/// values' bit patterns (each the combination of four interleaved multiply–xorshift streams, so the
/// pass is not one long dependency chain). Two different movies share a fingerprint with
/// probability about 2⁻¹²⁸ per pair; fingerprints live only in memory (any change of the mix is safe).
public struct MovieFingerprint: Hashable, Sendable {
    public var frames: Int
    public var height: Int
    public var width: Int
    public var hashA: UInt64
    public var hashB: UInt64

    /// One pass over the pixels.
    public init(_ movie: Movie) {
        frames = movie.frames; height = movie.height; width = movie.width
        var a = SIMD4<UInt64>(0xcbf2_9ce4_8422_2325, 0x1000_0000_01b3, 0x2545_f491_4f6c_dd1d, 0x9e37_79b9_7f4a_7c15)
        var b = SIMD4<UInt64>(0x9e37_79b9_7f4a_7c15, 0xd6e8_feb8_6659_fd93, 0xa076_1d64_78bd_642f, 0xe703_7ed1_a0b4_28db)
        let ka = SIMD4<UInt64>(repeating: 0x0000_0100_0000_01b3), kb = SIMD4<UInt64>(repeating: 0xbf58_476d_1ce4_e5b9)
        movie.values.withUnsafeBufferPointer { p in
            let n = p.count, quads = n / 4
            for q in 0..<quads {
                let v = SIMD4<UInt64>(UInt64(p[4 * q].bitPattern), UInt64(p[4 * q + 1].bitPattern),
                                      UInt64(p[4 * q + 2].bitPattern), UInt64(p[4 * q + 3].bitPattern))
                a = (a ^ v) &* ka
                b = (b &+ v) &* kb
                b ^= b &>> 31
            }
            for i in (4 * quads)..<n {
                let v = UInt64(p[i].bitPattern)
                a[0] = (a[0] ^ v) &* ka[0]
                b[0] = (b[0] &+ v) &* kb[0]; b[0] ^= b[0] >> 31
            }
        }
        func fold(_ x: SIMD4<UInt64>) -> UInt64 {
            var h: UInt64 = 0
            for i in 0..<4 { h = (h ^ x[i]) &* 0x9e37_79b9_7f4a_7c15; h ^= h >> 32 }
            return h
        }
        hashA = fold(a); hashB = fold(b)
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
