import XCTest
@testable import Mechanisms

final class MemberTypeCountsTests: XCTestCase {
    /// A channel-type table with the given labels (only polarity and speed matter here).
    private func table(_ labels: [String]) -> ChannelTypeTable {
        let types = labels.enumerated().map { c, label -> ChannelType in
            let parts = label.split(separator: " ")
            return ChannelType(channel: c, temporalFilter: [], peakIndex: 0, peakAmplitude: 0, peakLatencyMilliseconds: 0,
                               polarity: ChannelPolarity(rawValue: String(parts[0]))!, speed: ChannelSpeed(rawValue: String(parts[1]))!,
                               spatialProfile: [], spaceTime: [], referenceCorrelations: [:], bestReference: nil)
        }
        return ChannelTypeTable(types: types, history: 1, kernel: 1, recentFrames: 1, rule: .twoMeans, scope: .allChannels,
                                thresholdsMilliseconds: [:])
    }

    /// 3 members × 2 channels; member 0 keeps an OFF fast channel over two column runs and an ON
    /// slow one, member 1 nothing, member 2 one OFF fast channel.
    func testCountsKeptGroupsPerMemberAndType() throws {
        let layout = EnsembleLayout(memberCount: 3, channelsPerMember: 2)
        let types = table(["OFF fast", "ON slow", "ON fast", "OFF slow", "OFF slow", "OFF fast"])
        let kept = [UnitGroup(channel: 0, columns: [1, 2]), UnitGroup(channel: 0, columns: [6]), UnitGroup(channel: 1),
                    UnitGroup(channel: 5, columns: [3])]
        let counts = try MemberTypeCounts.count(keptGroups: kept, channelTypes: types, layout: layout)
        XCTAssertEqual(counts.typeLabels, ["ON fast", "ON slow", "OFF fast", "OFF slow"])
        XCTAssertEqual(counts.counts, [[0, 1, 2, 0], [0, 0, 0, 0], [0, 0, 1, 0]])
        XCTAssertEqual(counts.memberTotals, [3, 0, 1])
        XCTAssertEqual(counts.typeTotals, [0, 1, 3, 0])
        XCTAssertEqual(counts.membersWithType, [0, 1, 2, 0])
    }

    func testGroupsOutsideTheEnsembleAndShortTablesAreRefused() {
        let layout = EnsembleLayout(memberCount: 2, channelsPerMember: 2)
        let types = table(["OFF fast", "ON slow", "ON fast", "OFF slow"])
        XCTAssertThrowsError(try MemberTypeCounts.count(keptGroups: [UnitGroup(channel: 4)], channelTypes: types, layout: layout))
        XCTAssertThrowsError(try MemberTypeCounts.count(keptGroups: [], channelTypes: table(["ON fast"]), layout: layout))
    }
}
