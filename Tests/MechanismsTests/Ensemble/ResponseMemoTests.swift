import XCTest
import RetinaCNN
import RetinaCore
@testable import Mechanisms

final class ResponseMemoTests: XCTestCase {
    func testFingerprintSeparatesMoviesThatDifferInOneValueOrShape() {
        let m = EnsembleFixture.movie(frames: 10, seed: 1)
        XCTAssertEqual(MovieFingerprint(m), MovieFingerprint(m))
        var changed = m
        changed.values[changed.values.count / 2] = changed.values[changed.values.count / 2].nextUp
        XCTAssertNotEqual(MovieFingerprint(m), MovieFingerprint(changed))
        XCTAssertNotEqual(MovieFingerprint(Movie(frames: 2, height: 3, width: 4)), MovieFingerprint(Movie(frames: 2, height: 4, width: 3)))
    }

    /// With a memo the ensemble gives bit-identical rates, unsilenced and silenced, and each member
    /// measured alone after the mean (robustness) is answered from the memo.
    func testMemoisedEnsembleIsBitIdenticalAndReusesMemberRates() throws {
        let members = try EnsembleFixture.members()
        let memo = ResponseMemo()
        let plain = try EnsembleModel(members: members)
        let cached = try EnsembleModel(members: members, memo: memo)
        let movie = EnsembleFixture.movie(frames: 20, seed: 2)
        XCTAssertEqual(try cached.rates(for: movie), try plain.rates(for: movie))
        XCTAssertEqual(memo.misses, 3); XCTAssertEqual(memo.hits, 0)

        // Members alone: all three from the memo, equal to the members' own rates.
        for k in members.indices {
            XCTAssertEqual(try cached.memberResponseModel(k).rates(for: movie), try members[k].rates(for: movie))
        }
        XCTAssertEqual(memo.hits, 3)

        // Silencing channels of member 1 only: members 0 and 2 are unchanged and come from the memo.
        let silencing = Layer1Silencing(channels: [cached.layout.channelsPerMember + 1])
        let before = memo.hits
        XCTAssertEqual(try cached.silencedResponseModel(silencing).rates(for: movie),
                       try plain.silencedResponseModel(silencing).rates(for: movie))
        XCTAssertEqual(memo.hits - before, 2)
        XCTAssertEqual(memo.misses, 4)
        XCTAssertNotEqual(try cached.silencedResponseModel(silencing).rates(for: movie), try plain.rates(for: movie))

        // Another movie is another entry.
        _ = try cached.rates(for: EnsembleFixture.movie(frames: 20, seed: 3))
        XCTAssertEqual(memo.misses, 7)
        memo.removeAll()
        _ = try cached.rates(for: movie)
        XCTAssertEqual(memo.misses, 10)
    }

    func testVariantNamesMustCoverEveryModel() throws {
        let members = try EnsembleFixture.members()
        XCTAssertThrowsError(try MeanResponseModel(models: members, memo: ResponseMemo(), variants: ["a"])) { e in
            XCTAssertTrue("\(e)".contains("memo variants"), "\(e)")
        }
    }

    /// A registered sweep computes all its variants the first time any of them meets a movie (one
    /// call), later look-ups of the others are hits; two threads asking at once still compute once;
    /// a variant outside the sweep computes alone; removeAll forgets the sweep.
    func testSweepComputesItsVariantsOnceTogether() throws {
        let memo = ResponseMemo()
        let movie = EnsembleFixture.movie(frames: 6, seed: 4), print = MovieFingerprint(movie)
        final class Counter: @unchecked Sendable { var calls = 0; let lock = NSLock()
            func tick() { lock.lock(); calls += 1; lock.unlock() } }
        let counter = Counter()
        @Sendable func matrix(_ v: Float) -> RateMatrix { RateMatrix(rows: 1, cells: 1, valuesHz: [v]) }
        memo.registerSweep(["a", "b", "c"]) { _ in
            counter.tick(); Thread.sleep(forTimeInterval: 0.05)
            return [matrix(1), matrix(2), matrix(3)]
        }
        let results = try ParallelChunks.run(ranges: [0..<1, 1..<2]) { r in
            try r.map { i in try memo.rates(variant: i == 0 ? "b" : "c", movie: movie, fingerprint: print) { XCTFail(); return matrix(-1) } }
        }.flatMap { $0 }
        XCTAssertEqual(results.map(\.valuesHz), [[2], [3]])
        XCTAssertEqual(counter.calls, 1)
        XCTAssertEqual(try memo.rates(variant: "a", movie: movie, fingerprint: print) { matrix(-1) }.valuesHz, [1])
        XCTAssertEqual(counter.calls, 1)
        XCTAssertEqual(try memo.rates(variant: "d", movie: movie, fingerprint: print) { matrix(4) }.valuesHz, [4])
        memo.removeAll()
        XCTAssertEqual(try memo.rates(variant: "a", movie: movie, fingerprint: print) { matrix(5) }.valuesHz, [5])
        XCTAssertEqual(counter.calls, 1)
    }

    /// A sweep that fails passes its error on, and the variant then computes alone.
    func testFailingSweepThrowsThenComputesAlone() throws {
        struct Boom: Error {}
        let memo = ResponseMemo()
        let movie = EnsembleFixture.movie(frames: 6, seed: 5), print = MovieFingerprint(movie)
        memo.registerSweep(["a", "b"]) { _ in throw Boom() }
        XCTAssertThrowsError(try memo.rates(variant: "a", movie: movie, fingerprint: print) { RateMatrix(rows: 1, cells: 1, valuesHz: [0]) }) {
            XCTAssertTrue($0 is Boom)
        }
        XCTAssertEqual(try memo.rates(variant: "a", movie: movie, fingerprint: print) { RateMatrix(rows: 1, cells: 1, valuesHz: [7]) }.valuesHz, [7])
    }

    /// An ensemble's silencing sweep gives the rates of silencing one intervention at a time (within
    /// 1e-5 of the largest rate) and computes each member's silencings in one call per movie.
    func testEnsembleSweepMatchesPlainSilencing() throws {
        let members = try EnsembleFixture.members()
        let memo = ResponseMemo()
        let plain = try EnsembleModel(members: members)
        let swept = try EnsembleModel(members: members, memo: memo)
        let c = swept.layout.channelsPerMember
        let silencings = [Layer1Silencing(channels: [1, c + 2]), Layer1Silencing(channels: [2 * c]),
                          Layer1Silencing(regions: [.init(channel: c, columns: 0...2)])]
        try swept.prepareSilencingSweep(silencings)
        let movie = EnsembleFixture.movie(frames: 20, seed: 6)
        for s in silencings {
            let a = try swept.silencedResponseModel(s).rates(for: movie), b = try plain.silencedResponseModel(s).rates(for: movie)
            let scale = b.valuesHz.map { abs($0) }.max()!
            XCTAssertLessThanOrEqual(zip(a.valuesHz, b.valuesHz).map { abs($0 - $1) }.max()!, 1e-5 * scale, "\(s)")
        }
        // Three members with silencings (member 0: one, member 1: two, member 2: one) and the
        // unsilenced members: 3 sweeps + 3 plain members computed; everything else hit the memo.
        XCTAssertEqual(memo.misses, 3 + 3)
        XCTAssertThrowsError(try swept.prepareSilencingSweep([Layer1Silencing(channels: [99])]))
    }
}
