import XCTest
import Phenomena
import RetinaCore
import TestSupport
@testable import Mechanisms

/// The unified circuit: the phenomena's own metrics reused on any response, the exhaustive search
/// finding a planted set of pathway types, equal weight per phenomenon, the read columns, and an end
/// to end fit on two analyses of the planted toy.
final class UnifiedCircuitTests: XCTestCase {
    private let fast = MechanismAnalysisSettings(integratedGradients: .init(steps: 30, quadrature: .trapezoid))

    /// A channel-type table with the given labels and unit temporal filters.
    private func table(_ labels: [String]) -> ChannelTypeTable {
        let types = labels.enumerated().map { c, label -> ChannelType in
            let parts = label.split(separator: " ")
            return ChannelType(channel: c, temporalFilter: [0, Double(c + 1)], peakIndex: 1, peakAmplitude: 1, peakLatencyMilliseconds: 0,
                               polarity: ChannelPolarity(rawValue: String(parts[0]))!, speed: ChannelSpeed(rawValue: String(parts[1]))!,
                               spatialProfile: [], spaceTime: [], referenceCorrelations: [:], bestReference: nil)
        }
        return ChannelTypeTable(types: types, history: 2, kernel: 1, recentFrames: 2, rule: .twoMeans, scope: .allChannels,
                                thresholdsMilliseconds: [:])
    }

    // MARK: the phenomena's metric of any response

    func testTraceMetricOfTheFullResponseIsTheAnalysisOwnMetric() throws {
        let net = PlantedCircuit.network()
        var settings = fast
        settings.traceSmoothingSigmaMs = 20
        let latency = try LatencyCoding.analyse(model: net, parameters: LatencyProtocol(contrasts: [0.2, 0.5, 1.0]), settings: settings)
        let screen = StimulusScreen(heightPixels: net.screen.height, widthPixels: net.screen.width)
        let metric = try latency.traceMetric(screen: screen)
        XCTAssertEqual(metric.rowCounts, latency.conditions.map(\.fullHz.count))
        XCTAssertEqual(try metric(latency.conditions.map(\.fullHz.doubles), grayRateHz: 0), latency.fullMetric)
        XCTAssertEqual(try metric(latency.conditions.map(\.reducedHz.doubles), grayRateHz: 0), latency.reducedMetric)

        let bars = PlantedBarCircuit.network()
        let anticipation = try MotionAnticipation.analyse(model: bars, parameters: TinyBarProtocols.anticipation, settings: fast, rfCentreX: 5.5)
        let barScreen = StimulusScreen(heightPixels: bars.screen.height, widthPixels: bars.screen.width)
        let barMetric = try anticipation.traceMetric(screen: barScreen)
        XCTAssertEqual(try barMetric(anticipation.conditions.map(\.fullHz.doubles), grayRateHz: 0), anticipation.fullMetric)
    }

    func testTracesOfAnotherShapeAreRefusedNamingTheRows() throws {
        let metric = TraceMetric<Int>(rowCounts: [3, 2]) { t, _ in t.count }
        XCTAssertEqual(try metric([[1, 2, 3], [4, 5]], grayRateHz: 0), 2)
        XCTAssertThrowsError(try metric([[1, 2, 3], [4]], grayRateHz: 0)) { error in
            XCTAssertTrue("\(error)".contains("[3, 2]"), "\(error)")
        }
        // A bar phenomenon's metric needs the column it was measured at.
        XCTAssertThrowsError(try MotionReversal.traceMetric(parameters: TinyBarProtocols.reversal(speeds: [0.3]),
                                                            screen: StimulusScreen(heightPixels: 4, widthPixels: 12), historyFrames: 5,
                                                            settings: fast, rfCentreX: nil)) { error in
            XCTAssertTrue("\(error)".contains("rfCentreX"), "\(error)")
        }
    }

    // MARK: the search on a planted answer

    /// Full-field conditions of 4 channels (one per type, bias 0) with a response planted on the OFF
    /// fast and ON fast signals: `y = 2 + 3 [s₀ − 0.2]₊ + 1.5 [s₂ + 0.1]₊` in RMS-scaled units.
    private func plantedTargets(rowsA: Int, rowsB: Int) throws -> (targets: [UnifiedCircuitTarget], types: ChannelTypeTable) {
        var rng = SeededRandom(seed: 5)
        func condition(_ label: String, rows: Int) throws -> (ReductionCondition, [Double]) {
            var values: [Float] = []
            for _ in 0..<rows { for c in 0..<4 { values.append(Float(rng.normal() * Double(c + 1))) } }
            let hidden = PooledLayer1Response(symmetry: .fullField, windows: rows, channels: 4, columns: 1, values: values)
            return (try ReductionCondition(label: label, hidden: hidden, fullResponseHz: [Float](repeating: 0, count: rows),
                                           baselineRateHz: 0), [])
        }
        var conditions = [try condition("a1", rows: rowsA), try condition("a2", rows: rowsA), try condition("b1", rows: rowsB)].map(\.0)
        // The planted response in the RMS-scaled units the circuit sees (RMS over every condition).
        var squares = [Double](repeating: 0, count: 4), n = 0.0
        for c in conditions { for t in 0..<c.hidden.windows { for ch in 0..<4 { let v = Double(c.hidden.values[t * 4 + ch]); squares[ch] += v * v } }; n += Double(c.hidden.windows) }
        let rms = squares.map { ($0 / n).squareRoot() }
        for i in conditions.indices {
            let h = conditions[i].hidden
            let y = (0..<h.windows).map { t -> Float in
                let s0 = Double(h.values[t * 4]) / rms[0], s2 = Double(h.values[t * 4 + 2]) / rms[2]
                return Float(2 + 3 * max(0, s0 - 0.2) + 1.5 * max(0, s2 + 0.1))
            }
            conditions[i] = try ReductionCondition(label: conditions[i].label, hidden: h, fullResponseHz: y, baselineRateHz: 2)
        }
        // One criterion: the response correlates with the planted one at r ≥ 0.99.
        func target(_ p: Phenomenon, _ cs: [ReductionCondition]) -> UnifiedCircuitTarget {
            let truth = cs.flatMap { $0.fullResponseHz.map(Double.init) }
            let judge: @Sendable ([[Double]], Double) throws -> [CriterionResult] = { traces, _ in
                [CriterionResult(phenomenon: p, name: "r with the planted response", measured: Statistics.pearson(traces.flatMap { $0 }, truth),
                                 unit: "", minimum: 0.99, maximum: nil)]
            }
            let full = [CriterionResult(phenomenon: p, name: "r with the planted response", measured: 1, unit: "", minimum: 0.99, maximum: nil)]
            return UnifiedCircuitTarget(phenomenon: p, title: p.title, conditions: cs, full: full, reduced: full, groundTruth: nil,
                                        reducedR2: 1, reducedTypes: ["OFF fast", "ON fast"], columnShares: nil, judge: judge)
        }
        return ([target(.osr, Array(conditions[0..<2])), target(.latency, [conditions[2]])],
                table(["OFF fast", "OFF slow", "ON fast", "ON slow"]))
    }

    func testTheSearchFindsThePlantedPathwayTypes() throws {
        let (targets, types) = try plantedTargets(rowsA: 150, rowsB: 150)
        let r = try UnifiedCircuit.fit(targets, channelTypes: types, bias: [0, 0, 0, 0])
        XCTAssertEqual(r.fitCount, 15, "every non-empty set of 4 types")
        XCTAssertEqual(r.candidates.map(\.pathways.count), [1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4])
        XCTAssertEqual(r.chosenCandidate.pathways, ["OFF fast", "ON fast"])
        XCTAssertGreaterThan(r.chosenCandidate.weightedR2, 0.999)
        XCTAssertEqual(r.chosenCandidate.matchedPhenomena, 2)
        // No single type explains it.
        XCTAssertTrue(r.candidates.prefix(4).allSatisfy { $0.matchedPhenomena == 0 })
        XCTAssertEqual(r.columns, [], "full-field only")
        // Both units are needed; the shares of each phenomenon sum to 1.
        for p in [Phenomenon.osr, .latency] {
            let own = r.contributions.filter { $0.phenomenon == p }
            XCTAssertEqual(own.count, 2)
            XCTAssertEqual(own.reduce(0) { $0 + $1.share }, 1, accuracy: 1e-9)
            XCTAssertTrue(own.allSatisfy { !$0.matchesWithout })
            // The OFF fast unit (weight 3, threshold 0.2) carries more than the ON fast one (1.5).
            XCTAssertGreaterThan(own.first { $0.pathway == "OFF fast" }!.share, own.first { $0.pathway == "ON fast" }!.share)
        }
        XCTAssertEqual(r.summaries.map(\.smallestReproducing), [["OFF fast", "ON fast"], ["OFF fast", "ON fast"]])
        // Deterministic and encodable.
        XCTAssertEqual(try UnifiedCircuit.fit(targets, channelTypes: types, bias: [0, 0, 0, 0]), r)
        XCTAssertNoThrow(try JSONEncoder().encode(r))
    }

    func testEachPhenomenonWeighsTheSameWhateverItsLength() throws {
        let (targets, _) = try plantedTargets(rowsA: 400, rowsB: 40)
        let w = UnifiedCircuit.rowWeights(targets)
        XCTAssertEqual(w.count, 2 * 400 + 40)
        XCTAssertEqual(w[0..<800].reduce(0, +), 1, accuracy: 1e-9)
        XCTAssertEqual(w[800...].reduce(0, +), 1, accuracy: 1e-9)
    }

    func testColumnsCoverTheShareAsOneContiguousSpan() {
        func target(_ shares: [Double]?) -> UnifiedCircuitTarget {
            UnifiedCircuitTarget(phenomenon: .reversal, title: "", conditions: [], full: [], reduced: [], groundTruth: nil, reducedR2: 0,
                                 reducedTypes: [], columnShares: shares, judge: { _, _ in [] })
        }
        // Column 5 carries 60 %, 3 carries 30 %, 9 the rest: 90 % needs 5 and 3, read as 3…5.
        XCTAssertEqual(UnifiedCircuit.readColumns([target([0, 0, 0, 0.3, 0, 0.6, 0, 0, 0, 0.1])], share: 0.9), [3, 4, 5])
        XCTAssertEqual(UnifiedCircuit.readColumns([target([0, 0, 0, 0.3, 0, 0.6, 0, 0, 0, 0.1])], share: 1), Array(3...9))
        XCTAssertEqual(UnifiedCircuit.readColumns([target(nil)], share: 0.9), [])
    }

    func testBadInputsAreRefusedNamingThem() throws {
        let (targets, types) = try plantedTargets(rowsA: 20, rowsB: 20)
        XCTAssertThrowsError(try UnifiedCircuit.fit([], channelTypes: types, bias: [0, 0, 0, 0])) { XCTAssertTrue("\($0)".contains("phenomena"), "\($0)") }
        XCTAssertThrowsError(try UnifiedCircuit.fit(targets, channelTypes: types, bias: [0, 0])) { XCTAssertTrue("\($0)".contains("bias 2"), "\($0)") }
        XCTAssertThrowsError(try UnifiedCircuit.fit(targets, channelTypes: types, bias: [0, 0, 0, 0], columnShare: 0)) {
            XCTAssertTrue("\($0)".contains("columnShare"), "\($0)")
        }
    }

    // MARK: end to end on real analyses

    func testAFitOnTwoAnalysesOfThePlantedToy() throws {
        let net = PlantedCircuit.network()
        let screen = StimulusScreen(heightPixels: net.screen.height, widthPixels: net.screen.width)
        let osr = try OmittedStimulusResponse.analyse(model: net, parameters: OSRProtocol(periodsMs: [40, 60, 80]), settings: fast)
        let latency = try LatencyCoding.analyse(model: net, parameters: LatencyProtocol(contrasts: [0.2, 0.5, 1.0]), settings: fast)
        let targets = [try UnifiedCircuitTarget.of(osr, screen: screen), try UnifiedCircuitTarget.of(latency, screen: screen)]
        XCTAssertEqual(targets.map(\.full), [osr.criteria().full, latency.criteria().full])
        let r = try UnifiedCircuit.fit(targets, channelTypes: osr.channelTypes, bias: net.conv1Bias, settings: fast.reduction)
        let typeCount = Set(osr.channelTypes.types.map(\.label)).count
        XCTAssertEqual(r.fitCount, (1 << typeCount) - 1)
        XCTAssertEqual(r.summaries.map(\.phenomenon), [.osr, .latency])
        XCTAssertEqual(r.samples, (osr.conditions + latency.conditions).reduce(0) { $0 + $1.fullHz.count })
        // The chosen circuit is at least as good as every one-type circuit by the selection rule.
        let chosen = r.chosenCandidate
        for c in r.candidates { XCTAssertGreaterThanOrEqual(chosen.matchedPhenomena, c.matchedPhenomena) }
        XCTAssertGreaterThan(chosen.weightedR2, 0.5)
        // A decoded analysis has no conditions left to fit: refused by name.
        let decoded = try JSONDecoder().decode(type(of: osr), from: JSONEncoder().encode(osr))
        XCTAssertThrowsError(try UnifiedCircuitTarget.of(decoded, screen: screen)) { XCTAssertTrue("\($0)".contains("osr analysis"), "\($0)") }
    }
}
