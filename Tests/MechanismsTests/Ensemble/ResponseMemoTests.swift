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
}
