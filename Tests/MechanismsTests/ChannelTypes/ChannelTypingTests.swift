import XCTest
@testable import Mechanisms

final class ChannelTypingTests: XCTestCase {
    /// Kernels whose temporal filters are single lobes at chosen lags (frames before the response),
    /// spread over a K × K profile with a known shape.
    private func kernels(lobes: [(lag: Int, amplitude: Float)], history t: Int = 40, k: Int = 3) -> [Float] {
        let profile: [Float] = [0, 1, 0, 1, 4, 1, 0, 1, 0]   // sums to 8
        var w = [Float](repeating: 0, count: lobes.count * t * k * k)
        for (c, lobe) in lobes.enumerated() {
            let tau = t - 1 - lobe.lag
            for i in 0..<(k * k) { w[(c * t + tau) * k * k + i] = lobe.amplitude * profile[i] / 8 }
            // a smaller opposite lobe 8 frames earlier
            let tau2 = max(0, tau - 8)
            for i in 0..<(k * k) { w[(c * t + tau2) * k * k + i] -= 0.3 * lobe.amplitude * profile[i] / 8 }
        }
        return w
    }

    private func geometry(_ channels: Int) -> Conv1Geometry {
        Conv1Geometry(channels: channels, history: 40, kernel: 3, screenHeight: 5, screenWidth: 5)
    }

    func testPolarityLatencyAndFastSlowSplit() throws {
        // OFF 80 ms, ON 40 ms, ON 110 ms, OFF 150 ms
        let lobes: [(Int, Float)] = [(8, -1), (4, 0.8), (11, 0.5), (15, -0.6)]
        let table = try ChannelTyping.classify(weights: kernels(lobes: lobes), geometry: geometry(4))
        XCTAssertEqual(table.types.map(\.polarity), [.off, .on, .on, .off])
        XCTAssertEqual(table.types.map(\.peakLatencyMilliseconds), [80, 40, 110, 150])
        XCTAssertEqual(table.types.map(\.peakIndex), [31, 35, 28, 24])
        XCTAssertEqual(table.types[0].peakAmplitude, -1, accuracy: 1e-6)
        // two-means over {40, 80, 110, 150}: {40, 80} | {110, 150} (SS 800 + 800) beats {40}|{80,110,150} (SS 2600)
        XCTAssertEqual(table.thresholdsMilliseconds["all"], 95)
        XCTAssertEqual(table.types.map(\.label), ["OFF fast", "ON fast", "ON slow", "OFF slow"])
        XCTAssertEqual(table.lagMilliseconds.first, 390); XCTAssertEqual(table.lagMilliseconds.last, 0)
    }

    func testWithinPolarityAndOtherRules() throws {
        let lobes: [(Int, Float)] = [(8, -1), (4, 0.8), (11, 0.5), (15, -0.6), (9, -0.4)]
        let w = kernels(lobes: lobes)
        let within = try ChannelTyping.classify(weights: w, geometry: geometry(5), scope: .withinPolarity)
        XCTAssertEqual(within.thresholdsMilliseconds["ON"], 75)      // 40 | 110
        XCTAssertEqual(within.thresholdsMilliseconds["OFF"], 120)    // {80, 90} | 150
        XCTAssertEqual(within.types.map(\.speed), [.fast, .fast, .slow, .slow, .fast])
        let median = try ChannelTyping.classify(weights: w, geometry: geometry(5), rule: .median)
        XCTAssertEqual(median.thresholdsMilliseconds["all"], 90)
        XCTAssertEqual(median.types.map(\.speed), [.fast, .fast, .slow, .slow, .fast])
        let fixed = try ChannelTyping.classify(weights: w, geometry: geometry(5), rule: .fixed(milliseconds: 50))
        XCTAssertEqual(fixed.types.map(\.speed), [.slow, .fast, .slow, .slow, .slow])
        XCTAssertEqual(ChannelTyping.fastSlowThreshold(latencies: [60, 60], rule: .twoMeans), 60)
    }

    func testDominantLobeIsSearchedOnlyInTheRecentFrames() throws {
        var w = kernels(lobes: [(6, 0.5)])
        // A huge OFF lobe 30 frames back (index 9) is outside the 25 newest frames and must be ignored.
        for i in 0..<9 { w[9 * 9 + i] = -10 }
        let table = try ChannelTyping.classify(weights: w, geometry: geometry(1))
        XCTAssertEqual(table.types[0].polarity, .on)
        XCTAssertEqual(table.types[0].peakLatencyMilliseconds, 60)
        let wide = try ChannelTyping.classify(weights: w, geometry: geometry(1), recentFrames: 40)
        XCTAssertEqual(wide.types[0].polarity, .off)
        XCTAssertEqual(wide.types[0].peakIndex, 9)
    }

    func testSpatialProfileSpaceTimeSliceAndReferences() throws {
        let table = try ChannelTyping.classify(weights: kernels(lobes: [(8, -1), (4, 0.8)]), geometry: geometry(2),
                                               references: ["off": lagOrderFilter(lag: 8, amplitude: -1),
                                                            "on": lagOrderFilter(lag: 4, amplitude: 1)])
        let off = table.types[0]
        XCTAssertEqual(off.spatialProfile.count, 9)
        XCTAssertEqual(off.spatialProfile[4], -0.5, accuracy: 1e-7)
        XCTAssertEqual(off.spatialProfile[0], 0)
        XCTAssertEqual(off.spaceTime.count, 40 * 3)
        // Row sums of the profile at the peak: columns (0+1+0, 1+4+1, 0+1+0)/8 · (−1)
        XCTAssertEqual(off.spaceTime[31 * 3 + 1], -0.75, accuracy: 1e-7)
        XCTAssertEqual(off.spaceTime[31 * 3 + 0], -0.125, accuracy: 1e-7)
        XCTAssertEqual(off.referenceCorrelations["off"]!, 1, accuracy: 1e-9)
        XCTAssertEqual(off.bestReference, "off")
        XCTAssertEqual(table.types[1].bestReference, "on")
        XCTAssertLessThan(off.referenceCorrelations["on"]!, 0.2)
    }

    /// The same biphasic shape in lag order (index = lag in frames), 60 taps like the planted kernels.
    private func lagOrderFilter(lag: Int, amplitude: Double) -> [Double] {
        var f = [Double](repeating: 0, count: 60)
        f[lag] = amplitude; f[lag + 8] = -0.3 * amplitude
        return f
    }
}
