import Foundation
import Plotting
import RetinaCore

/// Realistic synthetic inputs for every builder (deterministic: seeded noise), used by the rendering
/// tests and the committed samples in `Reports/samples/`.
enum SyntheticFigures {
    static let frame = 0.01

    static func gaussian(_ t: Double, _ mu: Double, _ sigma: Double) -> Double {
        exp(-0.5 * pow((t - mu) / sigma, 2))
    }

    /// A biphasic temporal filter in window order (oldest first), peak lag `peakMs`, sign `sign`.
    static func biphasicFilter(frames: Int = 40, peakMs: Double, sign: Double) -> [Double] {
        (0..<frames).map { i in
            let lag = Double(frames - 1 - i) * 10
            return sign * (gaussian(lag, peakMs, peakMs * 0.35) - 0.45 * gaussian(lag, peakMs * 2.1, peakMs * 0.7))
        }
    }

    // MARK: OSR traces with a flash train

    static let osrTimes = (0..<100).map { Double($0) * frame }
    /// Dark 20 ms flashes every 60 ms from 100 ms; the last at 580 ms; the next (640 ms) omitted.
    static let osrStimulus: [Double] = osrTimes.indices.map { i in
        let onsets = stride(from: 10, through: 58, by: 6)
        return onsets.contains { i == $0 || i == $0 + 1 } ? -2 : 0
    }
    static let omittedFlashSeconds = 0.64

    static func osrResponse(gain: Double, osrDelay: Double, noise: Double, seed: UInt64) -> [Double] {
        var rng = SeededRandom(seed: seed)
        return osrTimes.map { t in
            var r = 4.0
            for k in 0...8 {
                let onset = 0.1 + Double(k) * 0.06
                r += 9 * gain * gaussian(t, onset + 0.055, 0.012) * (k == 0 ? 2.5 : 1)
            }
            r += 78 * gain * gaussian(t, omittedFlashSeconds + osrDelay, 0.035)
            return max(r + noise * rng.normal(), 0)
        }
    }

    static func traces() throws -> FigureSpec {
        let full = osrResponse(gain: 1, osrDelay: 0.095, noise: 0, seed: 1)
        let reduced = osrResponse(gain: 0.9, osrDelay: 0.105, noise: 0, seed: 2)
        let truth = osrResponse(gain: 1.05, osrDelay: 0.09, noise: 1.5, seed: 3)
        return try FigureBuilders.tracesWithStimulus(
            id: "sample-traces-with-stimulus",
            caption: "Omitted stimulus response to a train of dark flashes (60 ms period).",
            timeSeconds: osrTimes, stimulus: osrStimulus,
            traces: [Trace(label: "ground truth", values: truth, role: .groundTruth),
                     Trace(label: "full model", values: full, role: .fullModel),
                     Trace(label: "reduced model", values: reduced, role: .reducedModel)],
            markers: [TimeMarker(timeSeconds: omittedFlashSeconds, label: "omitted flash")])
    }

    // MARK: channel × time attributions

    static let channelLabels = ["1 OFF fast", "2 ON slow", "3 ON fast", "4 OFF slow", "5 OFF fast", "6 ON slow", "7 OFF slow", "8 ON fast"]

    static func attributionMap(reduced: Bool) -> [Double] {
        let lobes: [(channel: Int, time: Double, width: Double, amplitude: Double)] = [
            (0, 0.72, 0.04, 9.0), (0, 0.62, 0.03, -3.0), (2, 0.70, 0.05, -5.5), (1, 0.78, 0.06, 3.5),
            (4, 0.74, 0.03, 1.6), (6, 0.66, 0.05, -1.2), (3, 0.2, 0.03, 1.0),
        ]
        let kept: Set<Int> = [0, 1, 2]
        var values = [Double](repeating: 0, count: 8 * 100)
        for lobe in lobes where !reduced || kept.contains(lobe.channel) {
            for c in 0..<100 {
                values[lobe.channel * 100 + c] += lobe.amplitude * gaussian(osrTimes[c], lobe.time, lobe.width)
            }
        }
        return values
    }

    static func channelHeatmaps() throws -> FigureSpec {
        let full = osrResponse(gain: 1, osrDelay: 0.095, noise: 0, seed: 1)
        let reduced = osrResponse(gain: 0.9, osrDelay: 0.105, noise: 0, seed: 2)
        return try FigureBuilders.channelTimeHeatmaps(
            id: "sample-channel-time-heatmaps",
            caption: "Integrated-gradient attribution of the OSR to the eight first-layer channels.",
            timeSeconds: osrTimes,
            maps: [AttributionMap(title: "full model", rows: 8, columns: 100, values: attributionMap(reduced: false),
                                  rowLabels: channelLabels, response: [Trace(label: "full model", values: full, role: .fullModel)]),
                   AttributionMap(title: "reduced model", rows: 8, columns: 100, values: attributionMap(reduced: true),
                                  rowLabels: channelLabels, response: [Trace(label: "reduced model", values: reduced, role: .reducedModel)])])
    }

    // MARK: position × time attributions (motion reversal)

    static let reversalTimes = (0..<80).map { Double($0) * frame }
    static let positions = (0..<36).map { (Double($0) - 17.5) * 55 }
    static let trajectory: [Double] = reversalTimes.map { t in
        let v = 2200.0 // µm/s
        return t < 0.4 ? -700 + v * t : -700 + v * 0.4 - v * (t - 0.4)
    }

    static func positionMaps() throws -> FigureSpec {
        func map(_ sign: Double, delay: Double, burst: Double) -> [Double] {
            var values = [Double](repeating: 0, count: 36 * 80)
            for r in 0..<36 {
                for c in 0..<80 {
                    let t = reversalTimes[c]
                    let lagged = trajectory[max(c - Int(delay / frame), 0)]
                    var v = sign * 2.5 * gaussian(positions[r], lagged, 110)
                    v += burst * gaussian(t, 0.52, 0.03) * gaussian(positions[r], trajectory[40], 260)
                    values[r * 80 + c] = v
                }
            }
            return values
        }
        return try FigureBuilders.positionTimeHeatmaps(
            id: "sample-position-time-heatmaps",
            caption: "Attribution of the motion-reversal response over bar position and time, per kept channel.",
            timeSeconds: reversalTimes, positionsMicrons: positions,
            maps: [AttributionMap(title: "OFF fast", rows: 36, columns: 80, values: map(1, delay: 0.05, burst: 6)),
                   AttributionMap(title: "ON fast", rows: 36, columns: 80, values: map(-1, delay: 0.07, burst: -3)),
                   AttributionMap(title: "OFF slow", rows: 36, columns: 80, values: map(0.6, delay: 0.12, burst: 1.5))],
            trajectoryMicrons: trajectory)
    }

    // MARK: filters

    static func channelFilter(_ label: String, _ polarity: Polarity, _ speed: PathwaySpeed, peakMs: Double, sigma: Double) -> ChannelFilter {
        let sign: Double = polarity == .on ? 1 : -1
        let temporal = biphasicFilter(peakMs: peakMs, sign: sign)
        let size = 15
        let profile = (0..<size).map { i -> Double in
            let x = Double(i) - 7
            return gaussian(x, 0, sigma) - 0.35 * gaussian(x, 0, sigma * 2.4)
        }
        let spatial = (0..<size).flatMap { r in (0..<size).map { c in
            let d = hypot(Double(r) - 7, Double(c) - 7)
            return sign * (gaussian(d, 0, sigma) - 0.35 * gaussian(d, 0, sigma * 2.4))
        } }
        let slice = temporal.flatMap { f in profile.map { f * $0 } }
        return ChannelFilter(label: label, polarity: polarity, speed: speed, temporal: temporal, spatial: spatial,
                             spatialRows: size, spatialColumns: size, xtSlice: slice)
    }

    static func filters() throws -> FigureSpec {
        try FigureBuilders.spatiotemporalFilters(
            id: "sample-spatiotemporal-filters",
            caption: "Spatiotemporal filters of the three channels kept by model reduction.",
            channels: [channelFilter("OFF fast", .off, .fast, peakMs: 70, sigma: 1.6),
                       channelFilter("ON fast", .on, .fast, peakMs: 90, sigma: 2.0),
                       channelFilter("ON slow", .on, .slow, peakMs: 160, sigma: 2.4)])
    }

    // MARK: phenomenon curve

    static func curve() throws -> FigureSpec {
        let periods = [30.0, 40, 50, 60, 70, 80]
        let full = periods.map { $0 + 98 + 4 * sin($0 / 9) }
        let sd = periods.map { 4 + $0 / 20 }
        let reduced = periods.map { $0 + 104 - 0.05 * $0 }
        let truth = periods.map { $0 + 95 + 2 * cos($0 / 11) }
        return try FigureBuilders.phenomenonCurve(
            id: "sample-phenomenon-curve",
            caption: "OSR latency after the last flash grows with the flash period (slope ≈ 1).",
            xLabel: "flash period", xUnit: "ms", yLabel: "OSR latency", yUnit: "ms",
            full: CurveData(label: "full model (mean ± SD)", x: periods, y: full, yError: sd),
            reduced: CurveData(label: "reduced model", x: periods, y: reduced),
            groundTruth: CurveData(label: "ground truth", x: periods, y: truth),
            reference: CurveReference(slope: 1, intercept: 100, label: "slope 1"))
    }

    // MARK: circuit

    static func circuit() throws -> FigureSpec {
        try FigureBuilders.circuitDiagram(
            id: "sample-circuit-diagram",
            caption: "Reduced OSR circuit: three first-layer pathways onto the ganglion cell; ON slow also divides the output (÷ v).",
            pathways: [CircuitPathway(label: "OFF fast", polarity: .off, speed: .fast,
                                      filter: biphasicFilter(peakMs: 70, sign: -1), weight: 0.85),
                       CircuitPathway(label: "ON fast", polarity: .on, speed: .fast,
                                      filter: biphasicFilter(peakMs: 90, sign: 1), weight: -0.42),
                       CircuitPathway(label: "ON slow", polarity: .on, speed: .slow,
                                      filter: biphasicFilter(peakMs: 160, sign: 1), weight: 0.31, divisiveGain: 0.045)])
    }

    /// One sample per builder.
    static func all() throws -> [FigureSpec] {
        [try traces(), try channelHeatmaps(), try positionMaps(), try filters(), try curve(), try circuit()]
    }
}
