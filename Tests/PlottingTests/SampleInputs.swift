@testable import Plotting
import Foundation

/// Small deterministic inputs for the builder tests (the rich synthetic samples live in
/// CairoRendererTests/SyntheticFigures.swift).
enum SampleInputs {
    static let times = (0..<30).map { Double($0) * 0.01 }
    static let stimulus = times.indices.map { $0 % 6 < 2 && $0 < 20 ? -2.0 : 0 }
    static let response = times.map { 5 + 40 * exp(-pow(($0 - 0.24) / 0.03, 2)) }

    static func filter(_ sign: Double) -> [Double] { (0..<10).map { sign * sin(Double($0) / 3) } }

    static func builtFigures() throws -> [FigureSpec] {
        let map = AttributionMap(title: "full", rows: 3, columns: 30, values: (0..<90).map { sin(Double($0)) },
                                 rowLabels: ["OFF fast", "ON slow", "ON fast"], response: [Trace(label: "full", values: response, role: .fullModel)])
        let channel = ChannelFilter(label: "OFF fast", polarity: .off, speed: .fast, temporal: filter(-1),
                                    spatial: (0..<9).map { Double($0) - 4 }, spatialRows: 3, spatialColumns: 3,
                                    xtSlice: (0..<30).map { Double($0 % 5) - 2 })
        return [
            try FigureBuilders.tracesWithStimulus(id: "traces", caption: "c", timeSeconds: times, stimulus: stimulus,
                                                  traces: [Trace(label: "full", values: response, spread: times.map { _ in 2 }, role: .fullModel),
                                                           Trace(label: "reduced", values: response.map { $0 * 0.9 }, role: .reducedModel)],
                                                  markers: [TimeMarker(timeSeconds: 0.2, label: "omitted")]),
            try FigureBuilders.channelTimeHeatmaps(id: "channels", caption: "c", timeSeconds: times, maps: [map, map]),
            try FigureBuilders.positionTimeHeatmaps(id: "positions", caption: "c", timeSeconds: times,
                                                    positionsMicrons: [-55, 0, 55], maps: [map, map, map, map, map],
                                                    trajectoryMicrons: times.map { $0 * 100 }, columns: 3),
            try FigureBuilders.spatiotemporalFilters(id: "filters", caption: "c", channels: [channel, channel]),
            try FigureBuilders.phenomenonCurve(id: "curve", caption: "c", xLabel: "period", xUnit: "ms", yLabel: "latency", yUnit: "ms",
                                               full: CurveData(label: "full", x: [30, 40, 50], y: [130, 141, 149], yError: [3, 4, 3]),
                                               reduced: CurveData(label: "reduced", x: [30, 40, 50], y: [132, 140, 151]),
                                               groundTruth: CurveData(label: "truth", x: [30, 40, 50], y: [128, 139, 150]),
                                               reference: CurveReference(slope: 1, intercept: 100, label: "slope 1")),
            try FigureBuilders.circuitDiagram(id: "circuit", caption: "c", pathways: [
                CircuitPathway(label: "OFF fast", polarity: .off, speed: .fast, filter: filter(-1), weight: 0.8),
                CircuitPathway(label: "ON slow", polarity: .on, speed: .slow, filter: filter(1), weight: -0.2)]),
        ]
    }
}
